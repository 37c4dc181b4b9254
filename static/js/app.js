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

  function fieldLabel(field) {
    var label = field.id && document.querySelector("label[for='" + field.id + "']");
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
        field.focus();
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
    if (first.getBoundingClientRect().top < window.innerHeight) first.focus();
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
