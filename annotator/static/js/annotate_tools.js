// The annotation page's tools around the text: toolbar buttons, the selected span's menu, the
// type-to-filter label palette, the guidelines panel and the help overlay. The saving itself is
// annotate.js (window.annotator.page).
(function () {
  "use strict";
  var page = window.annotator && window.annotator.page;
  var root = document.getElementById("annotate");
  if (!page || !root) return;
  var toolbar = document.getElementById("toolbar");
  var menu = document.getElementById("span-menu");
  var side = document.getElementById("side");
  var help = document.getElementById("help");

  // Buttons keep the text selection: a mousedown on them would otherwise collapse it.
  if (toolbar) {
    toolbar.addEventListener("mousedown", function (event) {
      if (event.target.closest("button")) event.preventDefault();
    });
    toolbar.addEventListener("click", function (event) {
      var b = event.target.closest("button[data-action]");
      if (!b) return;
      if (b.dataset.action === "label") page.applyLabel(b.dataset.label);
      else if (b.dataset.action === "palette") openPalette(b.dataset.layer);
      else if (b.dataset.action === "delete") page.deleteSelected();
      else if (b.dataset.action === "help") openHelp();
    });
    toolbar.addEventListener("change", function (event) {
      var select = event.target.closest("select[data-attribute]");
      // The banner names a failed write by the scheme's names as the menu shows them, not by codes.
      if (select) page.setAttribute(select.dataset.attribute, select.value,
        select.closest("[data-name]").dataset.name + " = " + select.selectedOptions[0].textContent);
      var snap = event.target.closest("#snap-words");
      if (snap) localStorage.setItem("annotator.snapWords", snap.checked ? "1" : "0");
    });
    var snapBox = document.getElementById("snap-words");
    if (snapBox && localStorage.getItem("annotator.snapWords") === "0") snapBox.checked = false;
  }

  // --- the selected span's menu ------------------------------------------------------------
  document.addEventListener("annotator:span-selected", function (event) {
    if (!menu) return;
    var span = event.detail.spanId && page.spanInfo(event.detail.spanId);
    menu.hidden = !span;
    if (!span) return;
    document.getElementById("span-menu-label").textContent = page.nameOf(span.label);
    document.getElementById("span-menu-text").textContent = span.text.length > 80 ? span.text.slice(0, 79) + "…" : span.text;
    Array.prototype.forEach.call(menu.querySelectorAll("[data-attributes-for]"), function (box) {
      box.hidden = box.dataset.attributesFor !== span.label;
      var select = box.querySelector("select");
      if (!box.hidden && select) select.value = span.attributes[select.dataset.attribute] || "";
    });
  });

  // --- the palette: many labels, filtered by typing (Arabic or English names) -----------------
  var captured = null;

  function openPalette(layer) {
    var dialog = document.querySelector(layer ? "#palette-" + CSS.escape(layer) : "dialog.palette");
    if (!dialog) return;
    if (!page.editable()) { page.say(page.msg("hint_done"), true); return; }
    captured = window.annotator.offsets.selectionInfo();
    if (captured.error === "across") { page.say(page.msg("hint_across"), true); return; }
    if (captured.error && !page.selectedSpanId()) { page.say(page.msg("hint_select_first"), true); return; }
    if (captured.error) captured = null;
    var filter = dialog.querySelector(".palette-filter");
    filter.value = "";
    filterPalette(dialog, "");
    dialog.showModal();
    filter.focus();
  }

  function visibleOptions(dialog) {
    return Array.prototype.filter.call(dialog.querySelectorAll("li[data-label]"), function (li) { return !li.hidden; });
  }

  function filterPalette(dialog, text) {
    var words = text.toLowerCase().trim().split(/\s+/).filter(Boolean);
    Array.prototype.forEach.call(dialog.querySelectorAll("li[data-label]"), function (li) {
      li.hidden = !words.every(function (w) { return li.dataset.search.indexOf(w) >= 0; });
      li.classList.remove("active");
    });
    var first = visibleOptions(dialog)[0];
    if (first) first.classList.add("active");
  }

  function choose(dialog, li) {
    dialog.close();
    page.applyLabel(li.dataset.label, captured || undefined);
    captured = null;
    page.focusText();
  }

  Array.prototype.forEach.call(document.querySelectorAll("dialog.palette"), function (dialog) {
    var filter = dialog.querySelector(".palette-filter");
    filter.addEventListener("input", function () { filterPalette(dialog, filter.value); });
    dialog.addEventListener("keydown", function (event) {
      var options = visibleOptions(dialog);
      var at = options.findIndex(function (li) { return li.classList.contains("active"); });
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!options.length) return;
        if (at >= 0) options[at].classList.remove("active");
        var next = options[Math.min(Math.max(at + (event.key === "ArrowDown" ? 1 : -1), 0), options.length - 1)];
        next.classList.add("active");
        next.scrollIntoView({ block: "nearest" });
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (at >= 0) choose(dialog, options[at]);
      }
    });
    dialog.addEventListener("click", function (event) {
      var li = event.target.closest("li[data-label]");
      if (li) choose(dialog, li);
      else if (event.target === dialog) dialog.close(); // a click on the backdrop
    });
    dialog.addEventListener("close", function () { page.focusText(); });
  });

  // --- guidelines of the label in use ------------------------------------------------------
  document.addEventListener("annotator:label-in-use", function (event) {
    var panel = document.getElementById("guidelines");
    if (!panel || !event.detail.label || panel.dataset.label === event.detail.label) return;
    htmx.ajax("GET", root.dataset.guidelinesUrl.replace("LABEL", encodeURIComponent(event.detail.label)),
      { source: panel, target: panel, swap: "outerHTML" })
      .then(null, function () {});  // a failed refresh is told by htmx:sendError; its rejection is empty
  });

  // G hides the guidelines only: stance, frames and links stay in view. A class on the page, not
  // the panel, as the panel is swapped whenever the label in use changes.
  function toggleGuidelines() {
    if (!side) return;
    root.classList.toggle("guidelines-hidden");
    page.focusText();
  }

  // --- help ------------------------------------------------------------------------------------
  function openHelp() { if (help && !help.open) help.showModal(); }
  if (help) help.addEventListener("close", function () { page.focusText(); });

  document.addEventListener("annotator:key-bound", function (event) {
    var body = document.getElementById("help-keys");
    if (!body) return;
    var row = document.createElement("tr");
    var key = document.createElement("td");
    var cap = document.createElement("kbd");
    cap.textContent = { Slash: "?", Delete: "Del", Escape: "Esc" }[event.detail.code] || event.detail.code.replace(/^Key|^Digit/, "");
    key.appendChild(cap);
    var what = document.createElement("td");
    what.textContent = event.detail.description;
    row.append(key, what);
    body.appendChild(row);
  });

  if (document.querySelector("dialog.palette")) {
    page.bindKey("KeyP", page.msg("key_palette"), function () { openPalette(null); });
  }
  page.bindKey("KeyG", page.msg("key_guidelines"), toggleGuidelines);
  page.bindKey("Slash", page.msg("key_help"), openHelp);
})();
