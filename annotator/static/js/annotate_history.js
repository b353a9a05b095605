// Undo and redo on the annotation page: Ctrl+Z takes back the annotator's last change in this
// document, Ctrl+Shift+Z (or Ctrl+Y) makes it again; the history panel's buttons do the same.
// The server answers with the history panel and names, in X-History-Refresh, the paragraphs and
// panels the change touched: they are redrawn from the server, never patched here.
(function () {
  "use strict";
  var page = window.annotator && window.annotator.page;
  if (!page || !document.getElementById("history-panel")) return;
  var busy = false; // one undo at a time, in order: a second Ctrl+Z waits for the first's answer
  var waiting = [];

  function panel() { return document.getElementById("history-panel"); }

  function typing(target) {
    return target && target.closest && target.closest("input, textarea, select, [contenteditable], dialog[open]");
  }

  // The letter Z wherever the layout puts it (a French keyboard), and the key in Z's place
  // where the layout has no Latin letters (Arabic): the same rule the editors people know use.
  function isKey(event, letter) {
    var key = (event.key || "").toLowerCase();
    if (/^[a-z]$/.test(key)) return key === letter;
    return event.code === "Key" + letter.toUpperCase();
  }

  function run(which) {
    if (busy) { waiting.push(which); return; }
    var button = panel() && panel().querySelector(".history-" + which);
    if (!button) return;
    if (button.disabled) { page.say(which === "undo" ? "Nothing to undo." : "Nothing to redo."); return; }
    busy = true;
    htmx.trigger(button, "click");
  }

  function next() {
    busy = false;
    if (waiting.length) run(waiting.shift());
  }

  document.addEventListener("keydown", function (event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || typing(event.target)) return;
    var which = null;
    if (isKey(event, "z")) which = event.shiftKey ? "redo" : "undo";
    else if (isKey(event, "y") && !event.shiftKey) which = "redo";
    if (!which) return;
    event.preventDefault();
    if (!page.editable()) { page.say(page.msg("hint_done"), true); return; }
    run(which);
  });

  function redraw(refresh) {
    (refresh.paragraphs || []).forEach(function (index) { page.refreshParagraph(index); });
    Object.keys(refresh.panels || {}).forEach(function (selector) {
      if (document.querySelector(selector)) htmx.ajax("GET", refresh.panels[selector], { target: selector, swap: "outerHTML" });
    });
    if (refresh.said) page.say(refresh.said);
  }

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    var ours = elt && elt.closest && elt.closest("#history-panel");
    var verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    if (ours && verb === "post") {
      var xhr = event.detail.xhr;
      if (event.detail.successful) {
        var header = xhr.getResponseHeader("X-History-Refresh");
        if (header) redraw(JSON.parse(header));
      } else {
        var box = new DOMParser().parseFromString(xhr.responseText || "", "text/html").querySelector(".problem");
        page.showBanner(box ? box.textContent.replace(/\s+/g, " ").trim() : "the server answered " + xhr.status);
      }
      next();
      return;
    }
    // Any other change saved on the page goes on the history: redraw the panel, once per burst.
    if (!ours && verb && verb !== "get" && event.detail.successful && panel()) {
      clearTimeout(pending);
      pending = setTimeout(function () {
        if (!busy) htmx.ajax("GET", panel().dataset.url, { target: "#history-panel", swap: "outerHTML" });
      }, 400);
    }
  });
  var pending = null;
})();
