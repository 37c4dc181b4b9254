// Several festival photos at once, each with its own progress bar
// (templates/festival/photos.html). Without JavaScript the form sends every file in one
// request and the page lists what was refused; with it, files go one at a time, so a slow
// phone connection shows how far each one is and a refused file names itself.
(function () {
  "use strict";

  var form = document.querySelector("form[data-photo-upload]");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var input = form.querySelector("input[type=file]");
  var list = document.querySelector("[data-upload-progress]");
  var text = list.dataset;

  function item(file) {
    var li = document.createElement("li");
    li.className = "list-group-item";
    var name = document.createElement("div");
    name.className = "small text-break";
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.className = "w-100";
    bar.max = 100;
    bar.value = 0;
    var status = document.createElement("div");
    status.className = "small";
    status.setAttribute("data-upload-status", "");
    status.textContent = text.waiting;
    li.append(name, bar, status);
    list.append(li);
    return { li: li, bar: bar, status: status };
  }

  function send(file, row) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      data.append("caption", form.querySelector("[name=caption]").value);
      data.append("image", file, file.name);
      var request = new XMLHttpRequest();
      request.open("POST", form.action || window.location.href);
      request.setRequestHeader("Accept", "application/json");
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          row.bar.value = Math.round((event.loaded / event.total) * 100);
          row.status.textContent = text.sending + " " + row.bar.value + "%";
        }
      });
      request.addEventListener("load", function () {
        var answer = {};
        try {
          answer = JSON.parse(request.responseText);
        } catch (error) {
          answer = { errors: [text.failed] };
        }
        var ok = request.status === 200 && !(answer.errors && answer.errors.length);
        row.bar.value = 100;
        row.status.textContent = ok ? text.done : (answer.errors || [text.failed]).join(" ");
        row.status.className = ok ? "small text-success" : "small text-danger";
        row.li.setAttribute("data-upload-result", ok ? "done" : "refused");
        resolve(ok);
      });
      request.addEventListener("error", function () {
        row.status.textContent = text.failed;
        row.status.className = "small text-danger";
        row.li.setAttribute("data-upload-result", "refused");
        resolve(false);
      });
      request.send(data);
    });
  }

  form.addEventListener("submit", function (event) {
    var files = Array.prototype.slice.call(input.files || []);
    if (files.length === 0) {
      return; // the server says a file is needed
    }
    event.preventDefault();
    list.replaceChildren();
    list.hidden = false;
    var button = form.querySelector("[type=submit]");
    button.disabled = true;
    var rows = files.map(item);
    var allOk = true;
    files
      .reduce(function (previous, file, index) {
        return previous.then(function () {
          return send(file, rows[index]).then(function (ok) {
            allOk = allOk && ok;
          });
        });
      }, Promise.resolve())
      .then(function () {
        button.disabled = false;
        input.value = "";
        var summary = document.createElement("li");
        summary.className = "list-group-item fw-bold";
        summary.setAttribute("data-upload-finished", "");
        summary.textContent = allOk ? text.finished : text.finishedWithErrors;
        list.append(summary);
        if (allOk) {
          window.location.reload();
        }
      });
  });
})();
