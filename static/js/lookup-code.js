// The lookup page opened from a receipt's QR code (/tra-cuu/?code=DT-2026-000123): the code is filled in and the
// citizen types only the key, which the QR code never holds.
(function () {
  "use strict";
  var code = new URLSearchParams(window.location.search).get("code");
  var field = document.getElementById("id_code");
  if (code && field && !field.value) {
    field.value = code.slice(0, 40);
    var key = document.getElementById("id_key");
    if (key) {
      key.focus();
    }
  }
})();
