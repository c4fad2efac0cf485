// The progress of a long export (documents): the page asks the status address every two seconds, moves the
// bar, and shows the download link when the file is ready. Without JavaScript, reloading the page shows the same.
(function () {
  "use strict";
  var box = document.querySelector("[data-export-progress]");
  if (!box) {
    return;
  }
  var bar = box.querySelector("[data-export-bar]");
  var label = box.querySelector("[data-export-label]");
  var error = box.querySelector("[data-export-error]");
  var download = box.querySelector("[data-export-download]");

  function show(state) {
    bar.value = state.percent;
    bar.textContent = state.percent + "%";
    label.textContent = state.label;
    if (state.download) {
      download.href = state.download;
      download.hidden = false;
    }
    if (state.error) {
      error.textContent = state.error;
      error.hidden = false;
    }
    return state.status === "done" || state.status === "failed";
  }

  function poll() {
    fetch(box.getAttribute("data-export-progress"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (!show(state)) {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  if (download.hidden && error.hidden) {
    poll();
  }
})();
