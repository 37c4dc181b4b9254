// "Chọn tất cả" for the lists that act on several rows (templates/partials/select_matching.html).
// Without JavaScript each row's box and the server-side "all matching the filter" box work
// alone; this only adds the box that ticks every row shown, and keeps it in step.
(function () {
  "use strict";

  document.querySelectorAll("form[data-bulk-form]").forEach(function (form) {
    var visible = form.querySelector("[data-select-visible]");
    var matching = form.querySelector("[data-select-matching]");
    var rows = Array.prototype.slice.call(form.querySelectorAll("[data-bulk-row]"));
    if (!visible || rows.length === 0) {
      return;
    }
    form.querySelector("[data-select-visible-wrap]").hidden = false;

    function sync() {
      var ticked = rows.filter(function (row) { return row.checked; }).length;
      visible.checked = ticked === rows.length;
      visible.indeterminate = ticked > 0 && ticked < rows.length;
    }

    visible.addEventListener("change", function () {
      rows.forEach(function (row) { row.checked = visible.checked; });
      if (!visible.checked && matching) {
        matching.checked = false;
      }
    });
    rows.forEach(function (row) {
      row.addEventListener("change", function () {
        if (!row.checked && matching) {
          matching.checked = false;
        }
        sync();
      });
    });
    if (matching) {
      // Every row of the filter includes the rows shown.
      matching.addEventListener("change", function () {
        if (matching.checked) {
          rows.forEach(function (row) { row.checked = true; });
          sync();
        }
      });
    }
    sync();
  });
})();
