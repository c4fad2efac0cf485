// Steps that cannot be undone ask first: a form with data-confirm="question" submits only if the
// user agrees. With data-confirm-field="name" and data-confirm-values="a b", it asks only when that
// field's chosen value is one of the listed ones (e.g. only for the final statuses of a select).
(function () {
  "use strict";
  function applies(form) {
    var field = form.getAttribute("data-confirm-field");
    if (!field) return true;
    var values = (form.getAttribute("data-confirm-values") || "").split(/\s+/);
    var input = form.querySelector('[name="' + field + '"]:checked') || form.querySelector('[name="' + field + '"]');
    return input !== null && values.indexOf(input.value) !== -1;
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && applies(form) && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
})();
