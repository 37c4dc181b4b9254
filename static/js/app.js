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

  var FIELDS = "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])," +
    "select, textarea";

  function visible(element) {
    return !element.disabled && element.getClientRects().length > 0 &&
      getComputedStyle(element).visibility !== "hidden";
  }

  // The page's own form: a form that saves something (POST) inside <main>, never a search or
  // filter box, and not one a page opts out of.
  function mainForm() {
    var forms = document.querySelectorAll("#main form[method=post], #main form[method=POST]");
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      if (form.getAttribute("role") === "search" || form.dataset.autofocus === "off") continue;
      var fields = Array.prototype.filter.call(form.querySelectorAll(FIELDS), visible);
      if (fields.length) return { form: form, fields: fields };
    }
    return null;
  }

  // A select that Tom Select enhanced (searchable_select.js) is used through its own box, which
  // the label now points at.
  function control(field) {
    return field.tomselect ? field.tomselect.control_input : field;
  }

  function fieldLabel(field) {
    var target = control(field);
    var label = target.id && document.querySelector("label[for='" + target.id + "']");
    var text = label ? label.textContent : field.getAttribute("aria-label") || field.name;
    return text.replace(/\*\s*$/, "").replace(/\s+/g, " ").trim();
  }

  // The id of the field's own error text, which the summary's link is described by.
  function fieldErrorId(field) {
    var ids = (field.getAttribute("aria-describedby") || "").split(/\s+/);
    for (var i = 0; i < ids.length; i++) {
      var node = ids[i] && document.getElementById(ids[i]);
      if (node && node.classList.contains("invalid-feedback")) return node.id;
    }
    return "";
  }

  // After a refused submit: one summary at the top of the form (role="alert", a heading, a link to
  // each field in error), focused so a keyboard or screen-reader user starts from it. The form's
  // general errors move into it and each link is described by its field's message, so no text is
  // on the page twice.
  function errorSummary(form) {
    var invalid = form.querySelectorAll("[aria-invalid=true], .is-invalid");
    var general = form.querySelectorAll(".alert-danger");
    var template = document.getElementById("error-summary");
    if ((!invalid.length && !general.length) || !template) return null;
    var summary = template.content.firstElementChild.cloneNode(true);
    var list = summary.querySelector("ul");
    general.forEach(function (alert) {
      var items = alert.querySelectorAll("li");
      if (items.length) {
        items.forEach(function (item) { list.appendChild(item); });
      } else {
        var li = document.createElement("li");
        while (alert.firstChild) li.appendChild(alert.firstChild);
        list.appendChild(li);
      }
      alert.remove();
    });
    var seen = {};
    invalid.forEach(function (field) {
      var key = field.name || field.id;
      if (!field.id || seen[key]) return;
      seen[key] = true;
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + field.id;
      link.textContent = fieldLabel(field);
      if (fieldErrorId(field)) link.setAttribute("aria-describedby", fieldErrorId(field));
      link.addEventListener("click", function (event) {
        event.preventDefault();
        control(field).focus();
      });
      li.appendChild(link);
      list.appendChild(li);
    });
    form.insertBefore(summary, form.firstChild);
    return summary;
  }

  function focusOnLoad() {
    var found = mainForm();
    if (!found || location.hash) return;
    var summary = errorSummary(found.form);
    if (summary) {
      summary.focus();
      return;
    }
    if (document.activeElement !== document.body && document.activeElement !== null) return;
    var first = found.fields[0];
    // A form further down a detail page is not what the page is for: leave the reader at the top.
    if (first.getBoundingClientRect().top >= window.innerHeight) return;
    var picker = first.tomselect;
    if (!picker) {
      first.focus();
      return;
    }
    // A searchable select takes the focus with its list closed: open on load it would cover the
    // form, and the reader's first click on it would close it again. Clicking or typing opens it.
    picker.settings.openOnFocus = false;
    picker.focus();
    setTimeout(function () {
      picker.settings.openOnFocus = true;
    }, 0);
  }

  // A table wider than its wrapper can only be scrolled by a mouse unless the wrapper takes focus;
  // as a named region a screen reader says what the stop is.
  function tableName(wrapper) {
    var table = wrapper.querySelector("table");
    var caption = table && table.caption;
    if (caption) return caption.textContent.trim();
    if (table && table.getAttribute("aria-label")) return table.getAttribute("aria-label");
    // The table's own heading, else the tab that shows it, else the page's title.
    var box = wrapper.closest(".card, section, .tab-pane");
    var named = box && box.querySelector("h2, h3, h4, h5, h6, .nav-link.active, [aria-current=page]");
    named = named || document.querySelector("#main h1");
    return named ? named.textContent.replace(/\s+/g, " ").trim() : document.title;
  }

  function scrollableTables() {
    document.querySelectorAll(".table-responsive, .table-wrap").forEach(function (wrapper) {
      var overflows = wrapper.scrollWidth > wrapper.clientWidth + 1 ||
        wrapper.scrollHeight > wrapper.clientHeight + 1;
      if (overflows) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", tableName(wrapper));
      } else if (wrapper.getAttribute("role") === "region") {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-label");
      }
    });
  }

  function ready() {
    scrollableTables();
    focusOnLoad();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
  var resizing;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(scrollableTables, 150);
  });
  document.addEventListener("htmx:afterSettle", scrollableTables);
})();
