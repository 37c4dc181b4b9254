// A phone in the field can fill the location from its GPS (only on HTTPS or localhost).
(function () {
  "use strict";
  document.body.addEventListener("click", function (event) {
    if (!event.target.closest("#use-location")) return;
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.getElementById("id_latitude").value = pos.coords.latitude.toFixed(6);
      document.getElementById("id_longitude").value = pos.coords.longitude.toFixed(6);
    });
  });
  function showLocationButton() {
    var button = document.getElementById("use-location");
    if (button && navigator.geolocation && window.isSecureContext) button.classList.remove("d-none");
  }
  showLocationButton();
  document.body.addEventListener("htmx:afterSwap", showLocationButton);
})();
