// Narrow a long <select> as the user types: <input data-filters="ID"> hides the options of
// select#ID whose text does not contain every typed word (case and accents ignored). Without
// JavaScript the full list still works; the filter box stays hidden.
(function () {
  "use strict";
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  document.querySelectorAll("input[data-filters]").forEach(function (box) {
    var select = document.getElementById(box.getAttribute("data-filters"));
    var status = document.getElementById(box.id + "-status");
    if (!select) return;
    box.hidden = false;
    if (box.labels) box.labels.forEach(function (l) { l.hidden = false; });
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean), shown = 0;
      select.querySelectorAll("option").forEach(function (o) {
        var keep = !o.value || words.every(function (w) { return fold(o.textContent).indexOf(w) !== -1; });
        o.hidden = !keep; o.disabled = !keep;
        if (keep && o.value) shown += 1;
      });
      select.querySelectorAll("optgroup").forEach(function (g) {
        g.hidden = !Array.prototype.some.call(g.children, function (o) { return !o.hidden; });
      });
      if (select.selectedOptions.length && select.selectedOptions[0].hidden) select.value = "";
      if (status) status.textContent = status.getAttribute("data-template").replace("%d", shown);
    });
  });
})();
