// Intake form: the limitation period's fields concern complaints only, so they are shown only when the
// chosen kind is a complaint. Without this script they are always shown, and ignored for other kinds.
(function () {
  "use strict";
  var kind = document.querySelector('#petition-form [name="kind"]');
  var section = document.querySelector('[data-testid="limitation-fields"]');
  if (!kind || !section) return;
  function toggle() {
    section.hidden = kind.value !== "complaint_1" && kind.value !== "complaint_2";
  }
  kind.addEventListener("change", toggle);
  toggle();
})();
