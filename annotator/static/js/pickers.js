// The assignment pickers: type to filter a list (titles in any script, ids, names), tick what is
// shown with one box, and see how many are chosen. Filters only hide rows; the form posts what is
// ticked, shown or not.
(function () {
  "use strict";
  var pickers = Array.prototype.slice.call(document.querySelectorAll("[data-picker]"));
  if (!pickers.length) return;
  var form = pickers[0].closest("form");

  function chosenAnnotators() {
    return Array.prototype.map.call(form.querySelectorAll("input[name=users]:checked"), function (b) { return b.value; });
  }

  function rows(picker) { return Array.prototype.slice.call(picker.querySelectorAll("li[data-search]")); }
  function shown(picker) { return rows(picker).filter(function (li) { return !li.hidden; }); }

  function refresh(picker) {
    var words = (picker.querySelector("[data-picker-filter]").value || "").toLowerCase().trim().split(/\s+/).filter(Boolean);
    var show = picker.querySelector("[data-picker-show]");
    var mode = show ? show.value : "all";
    var chosen = chosenAnnotators();
    rows(picker).forEach(function (li) {
      var has = (li.dataset.annotators || "").split(" ").filter(Boolean);
      var match = words.every(function (w) { return li.dataset.search.indexOf(w) >= 0; });
      if (mode === "unassigned") match = match && !has.length;
      if (mode === "without-chosen") match = match && chosen.some(function (u) { return has.indexOf(u) < 0; });
      li.hidden = !match;
    });
    var visible = shown(picker);
    var all = picker.querySelector("[data-picker-all]");
    var ticked = visible.filter(function (li) { return li.querySelector("input").checked; }).length;
    all.checked = visible.length > 0 && ticked === visible.length;
    all.indeterminate = ticked > 0 && ticked < visible.length;
    var count = picker.querySelector("[data-picker-shown]");
    if (count) count.textContent = visible.length;
    var total = picker.querySelector("[data-picker-count]");
    if (total) total.textContent = picker.querySelectorAll("li[data-search] input:checked").length;
  }

  pickers.forEach(function (picker) {
    picker.querySelector("[data-picker-filter]").addEventListener("input", function () { refresh(picker); });
    var show = picker.querySelector("[data-picker-show]");
    if (show) show.addEventListener("change", function () { refresh(picker); });
    picker.querySelector("[data-picker-all]").addEventListener("change", function (event) {
      shown(picker).forEach(function (li) { li.querySelector("input").checked = event.target.checked; });
      refresh(picker);
    });
    picker.addEventListener("change", function (event) {
      if (event.target.name === "users") pickers.forEach(refresh); // "documents they lack" follows the choice
      else refresh(picker);
    });
    picker.querySelector("[data-picker-filter]").addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // Enter filters; it never submits half a choice
    });
    refresh(picker);
  });
})();
