// The receipt's buttons: copy the petition code or the lookup key, and print. Without JavaScript the
// buttons stay hidden and the code and key remain plain text to select and copy by hand.
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http (an intranet without TLS): the older way, through a selected text box.
    return new Promise(function (resolve, reject) {
      var box = document.createElement("textarea");
      box.value = text;
      box.setAttribute("readonly", "");
      box.className = "position-fixed top-0 start-0 opacity-0";
      document.body.appendChild(box);
      box.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      document.body.removeChild(box);
      if (copied) {
        resolve();
      } else {
        reject(new Error("copy refused"));
      }
    });
  }

  function confirmCopied(button) {
    var label = button.querySelector("[data-copy-label]");
    var status = document.querySelector("[data-copy-status]");
    var done = button.getAttribute("data-copied");
    if (label) {
      var before = label.textContent;
      label.textContent = done;
      window.setTimeout(function () { label.textContent = before; }, 3000);
    }
    if (status) {
      status.textContent = done;
    }
  }

  document.querySelectorAll("[data-copy], [data-print]").forEach(function (button) {
    button.hidden = false;
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy], [data-print]");
    if (!button) {
      return;
    }
    if (button.hasAttribute("data-print")) {
      window.print();
      return;
    }
    copyText(button.getAttribute("data-copy")).then(function () {
      confirmCopied(button);
    }, function () {
      // Nothing copied: select the text so the citizen can copy it by hand.
      var text = button.parentNode.querySelector(".user-select-all");
      if (text) {
        window.getSelection().selectAllChildren(text);
      }
    });
  });
})();
