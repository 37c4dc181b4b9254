// Behaviour every page shares, kept out of the templates so the Content-Security-Policy can
// forbid inline script and style attributes.
(function () {
  "use strict";

  // The confirmation before an irreversible action (templates/partials/confirm_form.html,
  // documents/confirm.py). Without JavaScript the form's required "I understand" box does the
  // asking; with it, the box is hidden and a modal dialog states the same consequence. A modal
  // <dialog> makes the rest of the page inert (focus stays inside), Escape cancels, and focus
  // goes back to the button that opened it.
  var FALLBACK = "[data-confirm-fallback]";
  var dialog = null;
  var pending = null;

  function box(form) {
    return form.querySelector(FALLBACK + " input[type=checkbox]");
  }

  function enhance(root) {
    root.querySelectorAll("form[data-confirm]").forEach(function (form) {
      var fallback = form.querySelector(FALLBACK);
      if (fallback) {
        fallback.hidden = true;
        box(form).required = false;
        box(form).checked = false;
      }
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function build() {
    dialog = element("dialog", "confirm-dialog");
    dialog.setAttribute("aria-labelledby", "confirm-dialog-title");
    dialog.setAttribute("aria-describedby", "confirm-dialog-text");
    var title = element("h2", "h5");
    title.id = "confirm-dialog-title";
    var text = element("p");
    text.id = "confirm-dialog-text";
    var buttons = element("div", "d-flex flex-wrap gap-2 justify-content-end");
    var cancel = element("button", "btn btn-outline-secondary");
    cancel.type = "button";
    cancel.value = "cancel";
    var ok = element("button", "btn btn-danger");
    ok.type = "button";
    ok.value = "ok";
    buttons.append(cancel, ok);
    dialog.append(title, text, buttons);
    document.body.append(dialog);
    cancel.addEventListener("click", function () {
      dialog.close("cancel");
    });
    ok.addEventListener("click", function () {
      dialog.close("ok");
    });
    dialog.addEventListener("close", function () {
      var request = pending;
      pending = null;
      if (!request) {
        return;
      }
      if (dialog.returnValue === "ok") {
        var checkbox = box(request.form);
        if (checkbox) {
          checkbox.checked = true;
        }
        request.form.requestSubmit(request.submitter || undefined);
      } else if (request.submitter) {
        request.submitter.focus();
      }
    });
  }

  function ask(form, submitter) {
    if (!dialog) {
      build();
    }
    var label = form.dataset.confirmButton || (submitter && submitter.textContent.trim()) || "OK";
    dialog.querySelector("h2").textContent = label + "?";
    dialog.querySelector("p").textContent = form.dataset.confirm;
    dialog.querySelector("button[value=cancel]").textContent = form.dataset.confirmCancel || "Hủy";
    dialog.querySelector("button[value=ok]").textContent = label;
    pending = { form: form, submitter: submitter };
    dialog.returnValue = "";
    dialog.showModal();
    // The safe choice has the focus: an Enter pressed out of habit does not delete.
    dialog.querySelector("button[value=cancel]").focus();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) {
      return;
    }
    var checkbox = box(form);
    if (checkbox && checkbox.checked) {
      return;
    }
    event.preventDefault();
    ask(form, event.submitter);
  });

  enhance(document);
  // htmx swaps in new forms; a page restored from the back-forward cache keeps ticked boxes.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    enhance(event.target);
  });
  window.addEventListener("pageshow", function () {
    enhance(document);
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
