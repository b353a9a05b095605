// Notes for the adjudicator on a span or a stance ("unsure: is this sarcasm?"). W (or the Note
// button) opens an editor in the selected span's menu or in the stance row in focus: Enter saves
// at once, Shift+Enter starts a new line, Esc cancels, an empty note removes it. The notes panel
// (#notes, server-rendered) is the swap target of every save and carries the set's notes in
// data-notes; this file shows them on the span (its menu and a mark in the text) and the stance.
(function () {
  "use strict";
  var page = window.annotator && window.annotator.page;
  var doc = document.getElementById("doc");
  if (!page || !doc || !document.getElementById("notes")) return;
  var menu = document.getElementById("span-menu");

  function box() { return document.getElementById("notes"); }
  function notes() { try { return JSON.parse(box().dataset.notes || "{}"); } catch (e) { return {}; } }
  function noteOn(kind, id) { return (id && notes()[kind + ":" + id]) || ""; }
  function owner() { return !!document.getElementById("note-editor"); }

  // --- shown: in the span's menu, as a mark after the span, and under the stance --------------
  function showSpanNote(id) {
    var shown = document.getElementById("span-menu-note");
    if (!shown) return;
    var text = noteOn("span", id);
    shown.hidden = !text;
    shown.querySelector(".note-text").textContent = text;
  }

  function drawSpanMarks() {
    Array.prototype.forEach.call(doc.querySelectorAll(".note-badge"), function (b) { b.remove(); });
    Object.keys(notes()).forEach(function (key) {
      if (key.indexOf("span:") !== 0) return;
      var marks = doc.querySelectorAll('mark.last[data-span-id="' + CSS.escape(key.slice(5)) + '"]');
      var mark = marks[marks.length - 1];
      if (!mark) return;
      var badge = document.createElement("sup");
      badge.className = "note-badge";
      badge.setAttribute("data-decoration", ""); // offsets skip it: the span's text stays its own
      badge.setAttribute("aria-hidden", "true");
      badge.title = notes()[key];
      badge.textContent = "✎";
      mark.appendChild(badge);
    });
  }

  function drawStanceNotes() {
    Array.prototype.forEach.call(document.querySelectorAll("#stance-panel .stance-row"), function (row) {
      var text = noteOn("stance", row.dataset.stanceId);
      var shown = row.querySelector(".stance-note");
      if (owner() && !row.querySelector(".stance-note-button")) {
        var button = document.createElement("button");
        button.type = "button";
        button.tabIndex = -1;
        button.className = "small stance-note-button";
        var key = document.createElement("kbd");
        key.textContent = "W";
        button.append(page.msg("note_button") + " ", key);
        var group = row.querySelector(".stance-buttons");
        if (group) group.appendChild(button);
      }
      if (!text) { if (shown) shown.remove(); return; }
      if (!shown) {
        shown = document.createElement("p");
        shown.className = "stance-note";
        var label = document.createElement("strong");
        label.textContent = page.msg("note_label");
        var body = document.createElement("span");
        body.className = "note-text";
        body.dir = "auto";
        shown.append(label, " ", body);
        row.insertBefore(shown, row.querySelector(".evidence-list, .holders"));
      }
      shown.querySelector(".note-text").textContent = text;
    });
  }

  function redraw() { drawSpanMarks(); drawStanceNotes(); showSpanNote(page.selectedSpanId()); }

  // --- saving: at once, the panel swapped in; a failure stays in the banner until retried ---------
  // One at a time, in order: htmx keeps only the last of several requests from one element.
  var chain = Promise.resolve();
  function save(kind, id, text) {
    chain = chain.then(function () { return send(kind, id, text); });
  }

  function send(kind, id, text) {
    var values = { target: kind, target_id: id, text: text };
    var xhr = null;
    var retry = function () { save(kind, id, text); };
    return htmx.ajax("POST", box().dataset.url, {
      source: box(), target: box(), swap: "none", values: values,
      handler: function (_elt, info) { xhr = info.xhr; }
    }).then(function () { settle(); }, function () { xhr = null; settle(); });
    function settle() {
      if (xhr && xhr.status >= 200 && xhr.status < 300) {
        var holder = document.createElement("template");
        holder.innerHTML = xhr.responseText.trim();
        var fresh = holder.content.firstElementChild;
        box().replaceWith(fresh);
        htmx.process(fresh);
        redraw();
        page.say(page.msg(text.trim() ? "note_saved" : "note_removed"));
        return;
      }
      var reachable = xhr && xhr.status;
      var problem = reachable ? page.readProblem(xhr) : { message: "", field: null };
      var login = reachable && (xhr.status === 401 || (xhr.status === 400 && problem.field === "csrf_token"));
      var again = !reachable || login || xhr.status >= 500;
      page.addFailure({ describe: page.msg("op_note"), login: login, retry: again ? retry : null,
        reason: !reachable ? page.msg("unreachable") : login ? page.msg("session_ended")
          : xhr.status >= 500 ? page.msg("server_failed") : problem.message });
    }
  }

  // --- the editor ---------------------------------------------------------------------------------
  function openEditor(place, before, kind, id, back) {
    var form = place.querySelector(".note-form");
    if (!form) {
      form = document.getElementById("note-editor").content.firstElementChild.cloneNode(true);
      form.dataset.target = id;
      place.insertBefore(form, before || null);
      var area = form.querySelector("textarea");
      area.value = noteOn(kind, id);
      var close = function () { form.remove(); back(); };
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var text = area.value;
        close();
        save(kind, id, text);
      });
      form.querySelector("[data-note='cancel']").addEventListener("click", close);
      area.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
        else if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); close(); }
      });
    }
    form.querySelector("textarea").focus();
  }

  function noteOnSpan() {
    var id = page.selectedSpanId();
    if (!id || !menu || menu.hidden) { page.say(page.msg("note_select_first"), true); return; }
    openEditor(menu, menu.querySelector("[data-action=delete]"), "span", id, function () { page.selectSpan(id); page.focusText(); });
  }

  function noteOnStance(row) {
    var id = row.dataset.stanceId;
    if (!id || id === "pending") { page.say(page.msg("note_stance_first"), true); return; }
    var actor = row.dataset.actor;
    openEditor(row, row.querySelector(".evidence-list, .holders"), "stance", id, function () {
      var again = document.querySelector('#stance-panel .stance-row[data-actor="' + CSS.escape(actor) + '"]');
      if (again) again.focus(); else page.focusText();
    });
  }

  function write() {
    if (!owner()) return;
    var active = document.activeElement;
    var row = active && active.closest && active.closest("#stance-panel .stance-row");
    if (row) noteOnStance(row); else noteOnSpan();
  }

  document.addEventListener("click", function (event) {
    var spanButton = event.target.closest("#span-menu button[data-action=note]");
    var stanceButton = event.target.closest(".stance-note-button");
    if (spanButton) noteOnSpan();
    else if (stanceButton) noteOnStance(stanceButton.closest(".stance-row"));
  });
  document.addEventListener("annotator:span-selected", function (event) {
    var open = menu && menu.querySelector(".note-form");
    if (open && open.dataset.target !== event.detail.spanId) open.remove(); // it was another span's
    showSpanNote(event.detail.spanId);
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "notes") redraw(); // the document's note form
  });
  // A redrawn paragraph or stance panel comes without the note marks: draw them again.
  new MutationObserver(drawSpanMarks).observe(doc, { childList: true });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "stance-panel") drawStanceNotes();
  });
  document.addEventListener("annotator:panel-reverted", drawStanceNotes);

  // W is not reserved (a stored scheme that gave it to a label must still load): such a label keeps it.
  if (owner() && !document.querySelector('.label-button[data-code="KeyW"]')) page.bindKey("KeyW", page.msg("key_note"), write);
  redraw();
})();
