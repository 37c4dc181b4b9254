// The app's number input (documents.forms.NumberInput): when the user leaves the box, digits
// typed with or without separators are regrouped the Vietnamese way ("15000000" becomes
// "15.000.000"). Anything else ("15,5") is left exactly as typed, for the server to refuse
// with its message: nothing here guesses at a decimal mark.
(function () {
  "use strict";
  var GROUPABLE = /^-?[0-9][0-9. \u00a0\u202f]*$/;

  function grouped(text) {
    var trimmed = text.trim();
    if (!GROUPABLE.test(trimmed)) {
      return text;
    }
    var sign = trimmed.charAt(0) === "-" ? "-" : "";
    var digits = trimmed.replace(/[^0-9]/g, "");
    // Only separators that already group by three are rewritten, so "1.5" stays "1.5".
    var parts = trimmed.replace(/^-/, "").split(/[. \u00a0\u202f]/);
    for (var i = 1; i < parts.length; i++) {
      if (parts[i].length !== 3) {
        return text;
      }
    }
    return sign + digits.replace(/^0+(?=[0-9])/, "").replace(/\B(?=([0-9]{3})+$)/g, ".");
  }

  document.addEventListener(
    "change",
    function (event) {
      var input = event.target;
      if (input instanceof HTMLInputElement && input.hasAttribute("data-vn-number")) {
        input.value = grouped(input.value);
      }
    },
    true
  );
})();
