// Intake form helpers: the commune list follows the chosen province, and more
// petitioners can be added. The form works without this script too.
(function () {
  "use strict";
  var script = document.getElementById("petition-form-script");
  var communesUrl = script.getAttribute("data-communes-url");
  var form = document.getElementById("petition-form");

  form.addEventListener("change", function (event) {
    var province = event.target;
    var targetName = province.getAttribute("data-commune-target");
    if (!targetName) return;
    var commune = form.querySelector('[name="' + targetName + '"]');
    fetch(communesUrl + "?province=" + encodeURIComponent(province.value), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        commune.innerHTML = "";
        commune.appendChild(new Option("—", ""));
        data.communes.forEach(function (pair) { commune.appendChild(new Option(pair[1], pair[0])); });
      });
  });

  var addButton = document.getElementById("add-person");
  var template = document.getElementById("person-template");
  var total = form.querySelector('[name="people-TOTAL_FORMS"]');
  addButton.hidden = false;
  addButton.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    document.getElementById("people-forms").insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var added = document.getElementById("people-forms").lastElementChild;
    var first = added.querySelector("input[type=text]");
    if (first) first.focus();
  });
})();
