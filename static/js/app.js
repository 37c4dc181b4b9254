// Behaviour every page shares, kept out of the templates so the Content-Security-Policy can
// forbid inline script and style attributes.
(function () {
  "use strict";
  // <form data-confirm="Xóa …?">: ask before submitting.
  document.addEventListener("submit", function (event) {
    var message = event.target.dataset && event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // A field required only for some answers of another (documents.forms.required_when): its
  // label carries the required mark while the other field holds one of those answers.
  function markConditional(field) {
    var form = field.form;
    var other = form && form.elements.namedItem(field.dataset.requiredWhen);
    var label = field.id && document.querySelector('label[for="' + field.id + '"]');
    if (!other || !label) {
      return;
    }
    var values = field.dataset.requiredValues.split(" ");
    var required = values.indexOf(other.value) !== -1;
    var mark = label.querySelector(".required-mark");
    if (required && !mark) {
      mark = document.createElement("span");
      mark.className = "required-mark";
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = " *";
      label.appendChild(mark);
    } else if (!required && mark) {
      mark.remove();
    }
    field.setAttribute("aria-required", required ? "true" : "false");
  }
  function markAll() {
    document.querySelectorAll("[data-required-when]").forEach(markConditional);
  }
  document.addEventListener("change", markAll);
  document.addEventListener("DOMContentLoaded", markAll);
})();
