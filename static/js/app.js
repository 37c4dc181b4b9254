// Behaviour every page shares, kept out of the templates so the Content-Security-Policy can
// forbid inline script and style attributes.
(function () {
  "use strict";
  // <form data-confirm="Xoá …?">: ask before submitting.
  document.addEventListener("submit", function (event) {
    var message = event.target.dataset && event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
  // <div class="progress-bar" data-percent="40">: the bar's width, also in content htmx swaps in.
  function showProgress(root) {
    root.querySelectorAll("[data-percent]").forEach(function (bar) {
      bar.style.width = bar.dataset.percent + "%";
    });
  }
  showProgress(document);
  document.addEventListener("htmx:load", function (event) {
    showProgress(event.target.parentNode || document);
  });
})();
