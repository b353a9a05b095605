// The annotation page: a selection becomes a saved span in one keystroke. This file holds the
// page's state (the selected span, the label in use), tagging and keys; saving and the banner
// are annotate_saving.js, the tools around the text annotate_tools.js.
(function () {
  "use strict";
  var root = document.getElementById("annotate");
  if (!root || !window.annotator || !window.annotator.offsets || !window.annotator.createSaver) return;
  var offsets = window.annotator.offsets;
  var doc = document.getElementById("doc");
  var hint = document.getElementById("toolbar-hint");
  var toolbar = document.getElementById("toolbar");
  var messages = JSON.parse(root.dataset.messages || "{}");
  // A phrase in the interface language, its {placeholders} filled in.
  function msg(key, values) {
    return (messages[key] || key).replace(/\{(\w+)\}/g, function (_m, name) { return values && name in values ? values[name] : ""; });
  }
  var HINT_READY = msg("hint_ready");
  var HINT_DONE = msg("hint_done");

  var selectedSpanId = null;
  var labelInUse = null;
  var labelByCode = {};
  var labelNames = {};
  var keyBindings = {}; // code -> {description, handler}: keys other layers add (issue 4)

  Array.prototype.forEach.call(document.querySelectorAll(".label-button[data-label], .palette li[data-label]"), function (el) {
    if (el.dataset.code) labelByCode[el.dataset.code] = el.dataset.label;
    labelNames[el.dataset.label] = el.dataset.name;
  });

  function editable() { return root.dataset.editable === "1"; }
  function nameOf(label) { return labelNames[label] || label; }
  function short(text) { text = text.replace(/\s+/g, " ").trim(); return text.length > 48 ? text.slice(0, 47) + "…" : text; }
  function spanUrl(id) { return root.dataset.spanUrl.replace("SPAN", encodeURIComponent(id)); }
  function snapWords() { var box = document.getElementById("snap-words"); return !box || box.checked; }

  function say(message, warn) {
    if (!hint) return;
    hint.textContent = message;
    hint.classList.toggle("warn", !!warn);
  }

  function focusText() {
    var active = document.activeElement;
    if (active && active.closest && active.closest("dialog[open], input, textarea, select")) return;
    doc.focus({ preventScroll: true });
  }

  // --- spans on the page -------------------------------------------------------------------
  function fragments(id) { return doc.querySelectorAll('mark[data-span-id="' + CSS.escape(id) + '"]'); }

  // A mark's own text: link badges and other decorations drawn into it are not quoted ("…geology→12→").
  function textOfMark(mark) {
    var walk = document.createTreeWalker(mark, NodeFilter.SHOW_TEXT);
    var text = "";
    while (walk.nextNode()) if (!walk.currentNode.parentElement.closest("[data-decoration]")) text += walk.currentNode.data;
    return text;
  }

  function spanInfo(id) {
    var marks = fragments(id);
    if (!marks.length) return null;
    var first = doc.querySelector('mark.first[data-span-id="' + CSS.escape(id) + '"]') || marks[0];
    var text = Array.prototype.map.call(marks, textOfMark).join("");
    var attrs = {};
    try { attrs = JSON.parse(first.dataset.attrs || "{}"); } catch (e) { attrs = {}; }
    return { id: id, label: first.dataset.label, layer: first.dataset.layer, version: first.dataset.version,
      attributes: attrs, text: text, paragraph: +first.closest(offsets.PARAGRAPH).dataset.paragraph };
  }

  function selectSpan(id) {
    Array.prototype.forEach.call(doc.querySelectorAll("mark.selected"), function (m) { m.classList.remove("selected"); });
    selectedSpanId = id && fragments(id).length ? id : null;
    if (selectedSpanId) {
      var marks = fragments(selectedSpanId);
      Array.prototype.forEach.call(marks, function (m) { m.classList.add("selected"); });
      marks[0].scrollIntoView({ block: "nearest" });
      useLabel(marks[0].dataset.label);
    }
    toolbar && toolbar.setAttribute("data-state", selectedSpanId ? "span" : "idle");
    document.dispatchEvent(new CustomEvent("annotator:span-selected", { detail: { spanId: selectedSpanId } }));
  }

  function useLabel(label) {
    if (label === labelInUse) return;
    labelInUse = label;
    document.dispatchEvent(new CustomEvent("annotator:label-in-use", { detail: { label: label } }));
  }

  function moveSpan(step) {
    var firsts = Array.prototype.slice.call(doc.querySelectorAll("mark.first[data-span-id]"));
    if (!firsts.length) return;
    var ids = firsts.map(function (m) { return m.dataset.spanId; });
    var at = ids.indexOf(selectedSpanId);
    var next = at < 0 ? (step > 0 ? 0 : ids.length - 1) : Math.min(Math.max(at + step, 0), ids.length - 1);
    selectSpan(ids[next]);
  }

  var saver = window.annotator.createSaver(root, {
    msg: msg,
    focus: focusText,
    saved: afterSave,
    swapped: function () {
      // The selected span keeps its selection across a redraw, if it still exists.
      selectSpan(selectedSpanId && fragments(selectedSpanId).length ? selectedSpanId : null);
      focusText();
    }
  });
  var enqueue = saver.enqueue;

  // The first saved change starts the set: show its new status and the span count.
  function afterSave() {
    var count = document.getElementById("span-count");
    if (count) count.textContent = doc.querySelectorAll("mark.first[data-span-id]").length;
    var status = document.getElementById("status");
    if (status && status.dataset.status === "not_started") {
      htmx.ajax("GET", root.dataset.statusUrl, { source: status, target: status, swap: "outerHTML" })
        .then(null, function () {});  // a failed refresh is told by htmx:sendError; its rejection is empty
    }
  }

  // --- tagging ------------------------------------------------------------------------------
  function createSpan(info, label) {
    window.getSelection().removeAllRanges(); // a second keypress finds nothing left to tag
    selectSpan(null);
    useLabel(label);
    enqueue({
      method: "POST", url: root.dataset.spansUrl, paragraph: info.paragraph,
      values: { paragraph: info.paragraph, end_paragraph: info.paragraph, start: info.start, end: info.end,
        text: info.text, label: label, snap: snapWords() ? "words" : "graphemes" },
      describe: msg("op_create", { label: nameOf(label), text: short(info.text) }),
      done: function (xhr) { selectSpan(xhr.getResponseHeader("X-Span-Id")); say(HINT_READY); }
    });
  }

  function changeSpan(id, values, describe) {
    var span = spanInfo(id);
    if (!span) return;
    values.version = span.version;
    enqueue({ method: "PATCH", url: spanUrl(id), paragraph: span.paragraph, values: values,
      describe: msg(describe.key, { label: describe.label, attribute: describe.attribute, text: short(span.text) }),
      done: function (xhr) { selectSpan(xhr.getResponseHeader("X-Span-Id")); } });
  }

  function deleteSpan(id) {
    var span = spanInfo(id);
    if (!span) return;
    selectSpan(null);
    enqueue({ method: "DELETE", url: spanUrl(id), paragraph: span.paragraph, values: { version: span.version },
      describe: msg("op_delete", { label: nameOf(span.label), text: short(span.text) }) });
  }

  // Apply a label: to the selection (or a selection captured before a dialog took focus), else
  // to the selected span.
  function applyLabel(label, captured) {
    if (!editable()) { say(HINT_DONE, true); return; }
    var info = captured || offsets.selectionInfo();
    if (info.error === "across") { say(msg("hint_across"), true); return; }
    if (!info.error && info.element && doc.contains(info.element)) { createSpan(info, label); return; }
    if (selectedSpanId) {
      var span = spanInfo(selectedSpanId);
      if (span && span.label !== label) changeSpan(selectedSpanId, { label: label }, { key: "op_change", label: nameOf(label) });
      return;
    }
    say(msg("hint_select_first"), true);
  }

  function setAttribute(key, value, named) {
    if (!selectedSpanId || !editable()) return;
    changeSpan(selectedSpanId, { attribute: key, value: value }, { key: "op_attribute", attribute: named || key + " = " + (value || "—") });
  }

  doc.addEventListener("click", function (event) {
    if (!window.getSelection().isCollapsed) return;
    var chain = [];
    for (var el = event.target.closest("mark[data-span-id]"); el && doc.contains(el); el = el.parentElement.closest("mark[data-span-id]")) {
      if (chain.indexOf(el.dataset.spanId) < 0) chain.push(el.dataset.spanId);
    }
    if (!chain.length) { selectSpan(null); return; }
    // Clicking a selected span again selects the span around it: overlaps stay reachable.
    var at = chain.indexOf(selectedSpanId);
    selectSpan(at >= 0 ? chain[(at + 1) % chain.length] : chain[0]);
  });

  document.addEventListener("selectionchange", function () {
    var info = offsets.selectionInfo();
    var ready = !info.error || info.error === "across";
    if (toolbar && !selectedSpanId) toolbar.setAttribute("data-state", ready ? "selection" : "idle");
    if (info.error === "across") say(msg("hint_across"), true);
    else if (hint && hint.classList.contains("warn") && !info.error) say(editable() ? HINT_READY : HINT_DONE, !editable());
  });

  function typing(target) {
    return target && target.closest && target.closest("input, textarea, select, [contenteditable], dialog[open]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (document.querySelector("dialog[open]")) return;
    var code = event.code;
    var rtl = selectedSpanId && getComputedStyle(fragments(selectedSpanId)[0]).direction === "rtl";
    var handled = true;
    if (labelByCode[code]) applyLabel(labelByCode[code]);
    else if (keyBindings[code]) keyBindings[code].handler(event);
    else if (code === "KeyJ" || (selectedSpanId && (code === "ArrowDown" || code === (rtl ? "ArrowLeft" : "ArrowRight")))) moveSpan(1);
    else if (code === "KeyK" || (selectedSpanId && (code === "ArrowUp" || code === (rtl ? "ArrowRight" : "ArrowLeft")))) moveSpan(-1);
    else if ((code === "Delete" || code === "Backspace") && selectedSpanId) { if (editable()) deleteSpan(selectedSpanId); else say(HINT_DONE, true); }
    else if (code === "Escape") { window.getSelection().removeAllRanges(); selectSpan(null); say(editable() ? HINT_READY : HINT_DONE); }
    else handled = false;
    if (handled) event.preventDefault();
  });

  document.body.addEventListener("htmx:afterSwap", function (event) {
    var status = document.getElementById("status");
    if (status && event.detail.target === status) {
      root.dataset.editable = status.dataset.editable;
      say(editable() ? HINT_READY : HINT_DONE);
    }
    focusText();
  });
  document.body.addEventListener("htmx:responseError", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("#status form");
    if (!form) return;
    var problem = saver.readProblem(event.detail.xhr);
    var login = event.detail.xhr.status === 401 || problem.field === "csrf_token";
    saver.addFailure({ describe: msg("op_status"), reason: problem.message, login: login,
      retry: login ? function () { htmx.trigger(form, "submit"); } : null });
  });

  window.annotator.page = {
    selectedSpanId: function () { return selectedSpanId; },
    refreshParagraph: saver.refreshParagraph,
    showBanner: saver.showBanner,
    addFailure: saver.addFailure,
    readProblem: saver.readProblem,
    focusText: focusText,
    // Another layer's key: bindKey("KeyL", "Link the selected span", fn) also lists it in the help.
    bindKey: function (code, description, handler) {
      keyBindings[code] = { description: description, handler: handler };
      document.dispatchEvent(new CustomEvent("annotator:key-bound", { detail: { code: code, description: description } }));
    },
    selectSpan: selectSpan,
    spanInfo: spanInfo,
    applyLabel: applyLabel,
    deleteSelected: function () { if (selectedSpanId && editable()) deleteSpan(selectedSpanId); },
    setAttribute: setAttribute,
    labelInUse: function () { return labelInUse; },
    nameOf: nameOf,
    say: say,
    msg: msg,
    editable: editable
  };
  if (!editable() && root.querySelector(".toolbar-row")) say(HINT_DONE);
})();
