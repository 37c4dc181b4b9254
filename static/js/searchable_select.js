// Long selects marked by documents.forms.searchable (data-searchable) become the vendored Tom
// Select: type a few letters, with or without accents, and pick. The <select> stays in the
// form, so what is posted is the same with or without JavaScript.
(function () {
  "use strict";

  function noResults(text) {
    return function () {
      var message = document.createElement("div");
      message.className = "no-results";
      message.textContent = text;
      return message;
    };
  }

  function enhance(root) {
    root.querySelectorAll("select[data-searchable]").forEach(function (select) {
      if (select.tomselect) {
        return;
      }
      // eslint-disable-next-line no-new
      new TomSelect(select, {
        diacritics: true, // "dien ngoc" finds "Điện Ngọc"
        maxOptions: null, // a ward's 148 schemes: all of them, not the first 50
        allowEmptyOption: true,
        placeholder: select.getAttribute("data-searchable-placeholder"),
        render: { no_results: noResults(select.getAttribute("data-searchable-empty")) },
      });
      // Tom Select points the label at its own box and takes the <select> out of the tab order,
      // but leaves it to screen readers: a second, nameless control. Its box is the one to use.
      select.setAttribute("aria-hidden", "true");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
  });
  // Forms that htmx swaps in later.
  document.addEventListener("htmx:load", function (event) {
    enhance(event.detail.elt);
  });
})();
