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
  var stuck = null;

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

  // The panel may lag a save by a moment: the server, not the button's state, says whether
  // there is anything to undo. A save still on its way goes first, so Ctrl+Z takes back that one.
  function run(which) {
    if (busy || saving > 0) {
      waiting.push(which);
      // Never wait for ever on a request whose end was not seen (a network failure).
      clearTimeout(stuck);
      stuck = setTimeout(function () { saving = 0; if (!busy) next(); }, 3000);
      return;
    }
    var button = panel() && panel().querySelector(".history-" + which);
    if (!button) return;
    busy = true;
    // fetch, not htmx: the button is swapped away with the panel, and its events with it.
    fetch(button.dataset.url, { method: "POST", credentials: "same-origin",
                                headers: { "X-CSRFToken": window.annotator.csrfToken(), "HX-Request": "true" } })
      .then(function (response) {
        return response.text().then(function (html) { settle(response, html); });
      }, function () { page.showBanner(page.msg("history_unreachable")); })
      .then(next, next);
  }

  function settle(response, html) {
    if (!response.ok) {
      var box = new DOMParser().parseFromString(html || "", "text/html").querySelector(".problem");
      var words = box ? box.textContent.replace(/\s+/g, " ").trim() : page.msg("server_answered", { status: response.status });
      var nothing = [page.msg("nothing_to_undo"), page.msg("nothing_to_redo")].filter(function (w) { return words.indexOf(w) >= 0; });
      if (nothing.length) page.say(nothing[0], true);
      else page.showBanner(words);
      return;
    }
    var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("history-panel");
    if (fresh && panel()) { panel().replaceWith(document.adoptNode(fresh)); htmx.process(panel()); }
    var header = response.headers.get("X-History-Refresh");
    if (header) redraw(JSON.parse(header));
  }

  function next() {
    busy = false;
    if (waiting.length && saving === 0) run(waiting.shift());
  }

  var saving = 0; // changes sent by the rest of the page and not answered yet
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    if (verb && verb !== "get") saving += 1;
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#history-panel [data-history]");
    if (!button) return;
    event.preventDefault();
    run(button.dataset.history);
  });

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

  // A redraw that fails (the session ended) is left to the next one: the saver's banner says why.
  function quietly(promise) { if (promise && promise.then) promise.then(null, function () {}); }

  function redraw(refresh) {
    (refresh.paragraphs || []).forEach(function (index) { page.refreshParagraph(index); });
    Object.keys(refresh.panels || {}).forEach(function (selector) {
      if (document.querySelector(selector)) quietly(htmx.ajax("GET", refresh.panels[selector], { target: selector, swap: "outerHTML" }));
    });
    if (refresh.said) page.say(refresh.said);
  }

  // Any other change saved on the page goes on the history: redraw the panel, once per burst.
  var pending = null;
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    var xhr = event.detail.xhr;
    var ok = !!xhr && xhr.status >= 200 && xhr.status < 300; // "successful" is not set for every request
    if (verb && verb !== "get") {
      saving = Math.max(0, saving - 1);
      if (saving === 0 && !busy && waiting.length) run(waiting.shift());
    }
    if (verb && verb !== "get" && ok && panel()) {
      clearTimeout(pending);
      pending = setTimeout(function () {
        if (!busy && panel()) quietly(htmx.ajax("GET", panel().dataset.url, { target: "#history-panel", swap: "outerHTML" }));
      }, 400);
    }
  });
})();
