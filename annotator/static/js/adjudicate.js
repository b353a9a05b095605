// The adjudication page, keyboard first. Units are .adj-unit elements (span units under their
// paragraph, links, stances and frames in the side panels); decisions go through the annotation
// page's saver (annotate_saving.js), so a failed one is never lost: the banner keeps it until it is
// retried, and a refused span decision shows the paragraph as it is now.
(function () {
  "use strict";
  var root = document.getElementById("adjudicate");
  if (!root || !window.annotator || !window.annotator.createSaver || !window.annotator.offsets) return;
  var offsets = window.annotator.offsets;
  var messages = JSON.parse(root.dataset.messages || "{}");
  // A counted phrase comes as its forms by plural category (Arabic has six): values.n picks one.
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;
  function msg(key, values) {
    var words = messages[key] || key;
    if (typeof words === "object") words = words[plurals ? plurals.select(+values.n) : "other"] || words.other || key;
    return words.replace(/\{(\w+)\}/g, function (_m, name) { return values && name in values ? values[name] : ""; });
  }
  var hint = document.getElementById("adj-hint");
  var HINT = hint.innerHTML;
  var labelSelect = document.getElementById("adj-label");
  var current = null;
  var mode = null; // null | "edit" | "merge" | {merge: n}
  var nextKey = null;

  function say(text) { hint.textContent = text; }
  function reset() { mode = null; hint.innerHTML = HINT; }

  function allUnits() { return Array.prototype.slice.call(document.querySelectorAll(".adj-unit")); }
  function undecided() { return allUnits().filter(function (u) { return !u.classList.contains("state-decided"); }); }
  function unitByKey(key) {
    return allUnits().filter(function (u) { return u.dataset.unit === key; })[0] || null;
  }

  function focusUnit(el) {
    if (current) current.classList.remove("current");
    current = el;
    if (!el) return;
    el.classList.add("current");
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var list = undecided();
    if (!list.length) { say(msg("adj_no_open_unit")); return; }
    var all = allUnits();
    var at = current ? all.indexOf(current) : -1;
    var candidates = step > 0 ? list.filter(function (u) { return all.indexOf(u) > at; })
                              : list.filter(function (u) { return all.indexOf(u) < at; });
    focusUnit(step > 0 ? (candidates[0] || list[0]) : (candidates[candidates.length - 1] || list[list.length - 1]));
  }

  function rememberNext(el) {
    var list = undecided();
    var all = allUnits();
    var at = all.indexOf(el);
    var after = list.filter(function (u) { return u !== el && all.indexOf(u) > at; });
    nextKey = after.length ? after[0].dataset.unit : null;
  }

  function refocus() {
    focusUnit((nextKey && unitByKey(nextKey)) || undecided()[0] || null);
  }

  function swapFrom(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    holder.content.querySelectorAll("[data-panel], #adj-counter").forEach(function (fresh) {
      var old = document.getElementById(fresh.id);
      if (old) { fresh.removeAttribute("hx-swap-oob"); old.replaceWith(fresh); htmx.process(fresh); }
    });
  }

  var saver = window.annotator.createSaver(root, {
    msg: msg,
    focus: function () { if (current) current.focus(); },
    saved: function () {},
    swapped: function () { refocus(); }
  });

  function describe(el, what) {
    var title = el ? (el.querySelector(".adj-title") || el.querySelector(".adj-label")) : null;
    return what + (title ? " — " + title.textContent.trim().slice(0, 60) : "");
  }

  function decide(el, values, what) {
    values.unit = el ? el.dataset.unit : "";
    values.fingerprint = el ? el.dataset.fp : "";
    if (el && el.dataset.paragraph !== undefined) values.paragraph = el.dataset.paragraph;
    if (el) rememberNext(el);
    saver.enqueue({
      method: "POST", url: root.dataset.decideUrl, values: values, paragraph: values.paragraph,
      describe: describe(el, what),
      done: function (xhr) { swapFrom(xhr.responseText); refocus(); refreshCounter(); }
    });
    reset();
  }

  // The counter needs the whole document: asked for after a decision, not carried by it.
  var counterAsked = null;
  function refreshCounter() {
    if (counterAsked) clearTimeout(counterAsked);
    counterAsked = setTimeout(function () {
      counterAsked = null;
      fetch(root.dataset.counterUrl, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
        .then(function (response) { if (response.ok) return response.text().then(swapFrom); });
    }, 60);
  }

  function linksHangingOn(el) {
    return allUnits().filter(function (u) {
      if (u.dataset.kind !== "link" || u.classList.contains("state-decided")) return false;
      return u.dataset.unit.slice(2).split(">").indexOf(el.dataset.unit) >= 0;
    });
  }

  function reject(el) {
    var values = { action: "reject" };
    if (el.dataset.kind === "span") {
      var hanging = linksHangingOn(el);
      if (hanging.length) {
        if (!window.confirm(msg("adj_reject_orphans", { n: hanging.length }))) return;
        values.orphans = "reject";
      }
    }
    decide(el, values, msg("adj_do_reject"));
  }

  function pick(el, number) {
    if (number > +el.dataset.versions) { say(msg("adj_versions", { n: el.dataset.versions })); return; }
    if (mode === "merge") { mode = { merge: number }; say(msg("adj_merge_label", { n: number })); return; }
    if (mode && mode.merge) { decide(el, { action: "merge", version: mode.merge, label_version: number }, msg("adj_do_merge")); return; }
    decide(el, { action: "pick", version: number }, msg("adj_do_pick", { n: number }));
  }

  function startEdit(el) {
    if (el.dataset.kind !== "span") { say(msg("adj_only_spans")); return; }
    if (el.dataset.label) labelSelect.value = el.dataset.label;
    mode = "edit";
    say(msg("adj_edit_hint", { n: el.dataset.paragraph }));
  }

  function selection() {
    var info = offsets.selectionInfo();
    if (info.error) { say(msg(info.error === "across" ? "adj_across" : "adj_select_first")); return null; }
    return info;
  }

  function labelName() { var option = labelSelect.options[labelSelect.selectedIndex]; return option ? option.text : labelSelect.value; }

  function finishEdit(el) {
    var info = selection();
    if (!info) return;
    if (String(info.paragraph) !== el.dataset.paragraph) { say(msg("adj_select_inside", { n: el.dataset.paragraph })); return; }
    decide(el, { action: "edit", start: info.start, end: info.end, text: info.text, label: labelSelect.value }, msg("adj_do_edit"));
  }

  function addSelection() {
    var info = selection();
    if (!info) return;
    decide(null, { action: "add", paragraph: info.paragraph, start: info.start, end: info.end, text: info.text,
                   label: labelSelect.value }, msg("adj_do_add", { label: labelName(), text: info.text.slice(0, 40) }));
  }

  function post(url, values) {
    var body = new URLSearchParams(values);
    return fetch(url, { method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": window.annotator.csrfToken(), "HX-Request": "true" } });
  }

  function undo(orphans) {
    var values = orphans ? { orphans: "reject" } : {};
    post(root.dataset.undoUrl, values).then(function (response) {
      return response.text().then(function (html) {
        if (response.ok) { swapResponse(html); refreshCounter(); say(msg("adj_undone")); return; }
        var problem = {};
        try { problem = JSON.parse(response.headers.get("X-Problem") || "{}"); } catch (e) { problem = {}; }
        if (!problem.error) {
          var box = new DOMParser().parseFromString(html, "text/html").querySelector(".problem");
          problem.error = box ? box.textContent.trim() : msg("server_answered", { status: response.status });
        }
        if (response.status === 409 && problem.field === "orphans") {
          if (window.confirm(problem.error)) undo(true);
          return;
        }
        saver.addFailure({ describe: msg("adj_do_undo"), reason: problem.error, retry: response.status >= 500 || response.status === 401 ? function () { undo(orphans); } : null,
                           login: response.status === 401 });
      });
    }, function () { saver.addFailure({ describe: msg("adj_do_undo"), reason: msg("unreachable"), retry: function () { undo(orphans); } }); });
  }

  function swapResponse(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    var fresh = holder.content.querySelector(".para");
    if (fresh) {
      var old = document.getElementById(fresh.id);
      if (old) { old.replaceWith(fresh); htmx.process(fresh); }
    }
    swapFrom(html);
    refocus();
  }

  function acceptAll() {
    var counter = document.getElementById("adj-counter");
    var agreed = counter ? +counter.dataset.agreed : 0;
    if (!agreed) { say(msg("adj_nothing_agreed")); return; }
    if (!window.confirm(msg("adj_accept_agreed", { n: agreed }))) return;
    post(root.dataset.acceptUrl, {}).then(function (response) {
      if (response.ok) window.location.reload();
      else saver.addFailure({ describe: msg("adj_do_accept_all"), reason: msg("server_answered", { status: response.status }), retry: acceptAll });
    }, function () { saver.addFailure({ describe: msg("adj_do_accept_all"), reason: msg("unreachable"), retry: acceptAll }); });
  }

  // The adjudicator's note on a unit (why they decided): saved at once, like every decision.
  var noteEditor = document.getElementById("adj-note-editor");
  function showNote(el, text) {
    var shown = el.querySelector(".adj-decision-note");
    if (!text) { if (shown) shown.remove(); return; }
    if (!shown) {
      shown = document.getElementById("adj-note-shown").content.firstElementChild.cloneNode(true);
      el.insertBefore(shown, el.querySelector(".adj-actions"));
    }
    shown.querySelector(".adj-note-text").textContent = text;
  }

  function saveNote(el, text) {
    var key = el.dataset.unit;
    saver.enqueue({ method: "POST", url: root.dataset.causeUrl, values: { unit: key, note: text },
                    describe: describe(el, "note"),
                    done: function () { showNote(unitByKey(key) || el, text.trim()); say(noteEditor.dataset.saved); } });
  }

  function openNote(el) {
    var form = el.querySelector(".adj-note-form");
    if (!form) {
      form = noteEditor.content.firstElementChild.cloneNode(true);
      el.insertBefore(form, el.querySelector(".adj-actions"));
      var area = form.querySelector("textarea");
      var written = el.querySelector(".adj-note-text");
      area.value = written ? written.textContent : "";
      var close = function () { form.remove(); focusUnit(el); };
      form.addEventListener("submit", function (event) { event.preventDefault(); saveNote(el, area.value); close(); });
      form.querySelector("[data-note='cancel']").addEventListener("click", close);
      area.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
        else if (event.key === "Escape") { event.preventDefault(); close(); }
      });
    }
    form.querySelector("textarea").focus();
  }

  function act(el, action) {
    if (action === "accept-all") { acceptAll(); return; }
    if (!el) { say(msg("adj_choose_unit")); return; }
    if (action === "accept") {
      if (!el.classList.contains("state-agreed")) { say(msg("adj_unit_open", { n: el.dataset.versions })); return; }
      decide(el, { action: "accept" }, msg("adj_do_accept"));
    } else if (action === "reject") reject(el);
    else if (action === "edit") startEdit(el);
    else if (action === "note") openNote(el);
    else if (action === "merge") { mode = "merge"; say(msg("adj_merge_start")); }
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target.closest && target.closest("input, select, textarea")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var code = event.code;
    var digit = /^(Digit|Numpad)([1-9])$/.exec(code);
    var handled = true;
    if (code === "KeyJ" || code === "ArrowDown") move(1);
    else if (code === "KeyK" || code === "ArrowUp") move(-1);
    else if (digit && current && !current.classList.contains("state-decided")) pick(current, +digit[2]);
    else if (code === "KeyA" && event.shiftKey) acceptAll();
    else if (code === "KeyA") act(current, "accept");
    else if (code === "KeyX") act(current, "reject");
    else if (code === "KeyE") act(current, "edit");
    else if (code === "KeyM") act(current, "merge");
    else if (code === "KeyN") addSelection();
    else if (code === "KeyU") undo(false);
    else if (code === "KeyW") act(current, "note");
    else if (code === "Enter" && mode === "edit" && current) finishEdit(current);
    else if (code === "Escape") reset();
    else handled = false;
    if (handled) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (event.target.closest(".adj-note-form")) return;  // typing a note: the unit must not take the focus
    var unit = event.target.closest(".adj-unit");
    if (unit) focusUnit(unit);
    if (!button || !root.contains(button)) return;
    var action = button.dataset.action;
    if (action === "pick") pick(unit, +button.dataset.version);
    else act(unit, action);
  });

  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-action='cause']");
    if (!select) return;
    var unit = select.closest(".adj-unit");
    saver.enqueue({ method: "POST", url: root.dataset.causeUrl, values: { unit: unit.dataset.unit, cause: select.value },
                    describe: msg("adj_do_cause", { cause: select.options[select.selectedIndex].text }), done: function () { say(msg("adj_cause_saved")); } });
  });

  focusUnit(undecided()[0] || null);
})();
