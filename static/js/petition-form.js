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

// While the officer types, look for petitions that may be the same matter.
(function () {
  "use strict";
  var script = document.getElementById("petition-form-script");
  var similarUrl = script.getAttribute("data-similar-url");
  var panel = document.getElementById("similar-panel");
  if (!similarUrl || !panel) return;
  var form = document.getElementById("petition-form");
  var list = document.getElementById("similar-list");

  function check() {
    var params = new URLSearchParams();
    params.append("summary", form.querySelector('[name="summary"]').value);
    form.querySelectorAll('[name$="-citizen_id"]').forEach(function (input) {
      if (input.value) params.append("citizen_id", input.value);
    });
    fetch(similarUrl + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        list.innerHTML = "";
        data.matches.forEach(function (match) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = match.url;
          link.target = "_blank";
          link.rel = "noopener";
          link.textContent = match.code;
          item.appendChild(link);
          item.appendChild(document.createTextNode(" – " + match.summary + " (" + match.why + ", " + match.status + ")"));
          list.appendChild(item);
        });
        panel.hidden = data.matches.length === 0;
      });
  }

  form.addEventListener("change", function (event) {
    var name = event.target.getAttribute("name") || "";
    if (name === "summary" || /-citizen_id$/.test(name)) check();
  });
})();
