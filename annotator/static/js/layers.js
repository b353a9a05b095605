// The layers beyond spans on the annotation page: links (key L), stance (key S, then one key per
// stance), frames, mentions drawn in the text, claim targets. Panels are server-rendered partials
// swapped by htmx; this file only turns keys and clicks into their requests and draws two things
// into the text: mention wrappers (which contain the text, so offsets still count it) and link
// badges (marked data-decoration, so offsets skip them).
(function () {
  "use strict";
  var layers = document.getElementById("layers");
  var page = window.annotator && window.annotator.page;
  var offsets = window.annotator && window.annotator.offsets;
  if (!layers || !page || !offsets) return;
  var doc = document.getElementById("doc");
  var setId = layers.dataset.setId;
  var claimLabels = JSON.parse(layers.dataset.claimLabels || "[]");
  var words = JSON.parse(layers.dataset.words || "{}");
  // A counted phrase comes as its forms by plural category (Arabic has six): n picks one.
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;
  function counted(key, n) {
    var forms = words[key] || {};
    return (forms[plurals ? plurals.select(n) : "other"] || forms.other || key).replace("{n}", n);
  }
  var STANCE_KEYS = { Digit1: "favor", Numpad1: "favor", Digit2: "against", Numpad2: "against",
    Digit3: "neutral", Numpad3: "neutral", Digit0: "not_stated", Numpad0: "not_stated" };
  var INTENSITY_KEYS = { Digit1: 1, Digit2: 2, Digit3: 3 };

  function editable() { return layers.dataset.editable === "1" && page.editable(); }
  function panel(id) { return document.getElementById(id); }
  function swapInto(selector, method, url, values) {
    // A request that fails is told by the htmx:sendError / responseError handlers (the banner);
    // htmx also rejects its promise with nothing, which would surface as an unhandled "undefined".
    return htmx.ajax(method, url, { target: selector, swap: "outerHTML", values: values || {} })
      .then(null, function () {});
  }

  // --- drawn into the text: mention wrappers and link badges ---------------------------------
  function wrapRange(range, make) {
    var nodes = [];
    var walk = document.createTreeWalker(range.commonAncestorContainer.nodeType === Node.TEXT_NODE
      ? range.commonAncestorContainer.parentNode : range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      var node = walk.currentNode;
      if (range.intersectsNode(node) && !node.parentElement.closest("[data-decoration]")) nodes.push(node);
    }
    nodes.forEach(function (node) {
      var start = node === range.startContainer ? range.startOffset : 0;
      var end = node === range.endContainer ? range.endOffset : node.data.length;
      if (end <= start) return;
      if (end < node.data.length) node.splitText(end);
      var piece = start > 0 ? node.splitText(start) : node;
      var wrapper = make();
      piece.parentNode.insertBefore(wrapper, piece);
      wrapper.appendChild(piece);
    });
  }

  function unwrap(root, selector) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), function (el) {
      var parent = el.parentNode;
      while (el.firstChild) parent.insertBefore(el.firstChild, el);
      parent.removeChild(el);
      parent.normalize();
    });
  }

  function drawMentions(scope) {
    var box = panel("mentions-panel");
    var marks = box ? JSON.parse(box.dataset.marks || "[]") : [];
    Array.prototype.forEach.call((scope || doc).querySelectorAll(offsets.PARAGRAPH), function (ptext) {
      unwrap(ptext, "span.mention");
      marks.filter(function (m) { return m.paragraph === +ptext.dataset.paragraph && m.state !== "rejected"; })
        .forEach(function (m) {
          var range = offsets.rangeFor(ptext, m.start, m.end);
          if (!range) return;
          wrapRange(range, function () {
            var el = document.createElement("span");
            el.className = "mention mention-" + m.state;
            el.dataset.mentionId = m.id;
            el.dataset.actor = m.actor;
            return el;
          });
        });
    });
  }

  function drawBadges() {
    Array.prototype.forEach.call(doc.querySelectorAll(".link-badge"), function (b) { b.remove(); });
    var box = panel("links-panel");
    var list = box ? JSON.parse(box.dataset.links || "[]") : [];
    list.forEach(function (link) {
      addBadge(link.source, link.n + "→", link, "from");
      addBadge(link.target, "→" + link.n, link, "to");
    });
  }

  function addBadge(spanId, text, link, end) {
    var marks = doc.querySelectorAll('mark.last[data-span-id="' + CSS.escape(spanId) + '"]');
    var mark = marks[marks.length - 1];
    if (!mark) return;
    var badge = document.createElement("sup");
    badge.className = "link-badge link-" + link.type;
    badge.setAttribute("data-decoration", "");
    badge.setAttribute("aria-hidden", "true");
    badge.title = words["js_badge_" + end].replace("{n}", link.n).replace("{type}", words["js_" + link.type] || link.type);
    badge.textContent = text;
    mark.appendChild(badge);
  }

  function redraw() { drawMentions(); drawBadges(); }

  function linkList() {
    var box = panel("links-panel");
    return box ? JSON.parse(box.dataset.links || "[]") : [];
  }

  function spanOnPage(id) { return !!doc.querySelector('mark[data-span-id="' + CSS.escape(id) + '"]'); }

  // The annotation page swaps a paragraph by replacing it: draw into the new one. A deleted span
  // took its links with it (the database cascades): fetch the list again and say how many went.
  new MutationObserver(function (records) {
    var fresh = false;
    records.forEach(function (r) { if (r.addedNodes.length) fresh = true; });
    if (!fresh) return;
    redraw();
    var gone = linkList().filter(function (l) { return !spanOnPage(l.source) || !spanOnPage(l.target); });
    if (gone.length && layers.dataset.linksUrl) {
      swapInto("#links-panel", "GET", layers.dataset.linksUrl);
      page.say(counted("js_links_gone", gone.length));
    }
  }).observe(doc, { childList: true });

  // --- links: select a span, press L, click (or J/K + Enter) the target, choose the type -------
  var linkSource = null;

  function startLink() {
    if (!editable()) return;
    var source = page.selectedSpanId();
    if (!source) { page.say(words.js_link_select, true); return; }
    linkSource = source;
    layers.classList.add("linking");
    doc.classList.add("linking");
    page.say(words.js_link_start);
  }

  function stopLink(message) {
    linkSource = null;
    layers.classList.remove("linking");
    doc.classList.remove("linking");
    if (message) page.say(message);
  }

  function chooseTarget(target) {
    var source = linkSource;
    stopLink();
    if (!target || target === source) { page.say(words.js_link_self, true); return; }
    page.say(words.js_link_choose);
    var url = layers.dataset.choiceUrl + "?source=" + encodeURIComponent(source) + "&target=" + encodeURIComponent(target);
    swapInto("#link-choice", "GET", url).then(function () {
      var first = document.querySelector("#link-choice .link-type-button");
      if (first) first.focus();
    });
  }

  // A digit may come before htmx has wired the buttons it just swapped in (a key typed during the
  // settle delay): send the button's own request directly rather than click a button not yet live.
  function submitLinkType(button) {
    swapInto("#links-panel", "POST", button.getAttribute("hx-post"), JSON.parse(button.getAttribute("hx-vals")));
  }

  doc.addEventListener("click", function (event) {
    if (!linkSource) return;
    var mark = event.target.closest("mark[data-span-id]");
    if (!mark) return;
    event.preventDefault();
    event.stopPropagation(); // the page would select the span: here it is the link's target
    chooseTarget(mark.dataset.spanId);
  }, true);

  document.addEventListener("keydown", function (event) {
    var choice = panel("link-choice");
    var active = document.activeElement;
    var typing = active && active.closest && active.closest("input, textarea, select, dialog[open], #stance-panel");
    // A pending choice takes the digit keys wherever the focus is (but in a form field): the
    // answer may arrive a moment after the annotator has already pressed 1.
    var choosing = choice && choice.querySelector(".link-type-button") && !typing && !linkSource;
    if (choosing) {
      var buttons = choice.querySelectorAll(".link-type-button");
      var n = { Digit1: 1, Digit2: 2, Digit3: 3, Numpad1: 1, Numpad2: 2, Numpad3: 3 }[event.code];
      if (n && buttons[n - 1]) { event.preventDefault(); submitLinkType(buttons[n - 1]); }
      else if (event.code === "Escape") { event.preventDefault(); choice.textContent = ""; page.focusText(); }
      return;
    }
    if (!linkSource) return;
    if (event.code === "Escape") { event.preventDefault(); event.stopPropagation(); stopLink(words.js_link_cancelled); }
    else if (event.code === "Enter") { event.preventDefault(); event.stopPropagation(); chooseTarget(page.selectedSpanId()); }
    else if (event.code === "Delete" || event.code === "Backspace") { event.preventDefault(); event.stopPropagation(); deleteSource(); }
  }, true);

  // In link mode J/K select the candidate target; Delete (key or toolbar) still means the span
  // being linked, never the candidate.
  function deleteSource() {
    var source = linkSource;
    stopLink(words.js_link_cancelled);
    page.selectSpan(source);
    page.deleteSelected();
  }

  var toolbarBox = document.getElementById("toolbar");
  if (toolbarBox) toolbarBox.addEventListener("click", function (event) {
    if (!linkSource || !event.target.closest("button[data-action=delete]")) return;
    event.preventDefault();
    event.stopPropagation();
    deleteSource();
  }, true);

  layers.addEventListener("click", function (event) {
    if (event.target.closest("[data-link-cancel]")) { panel("link-choice").textContent = ""; page.focusText(); }
  });

  // The span's menu gets a "Link…" button next to the page's own actions.
  var menu = document.getElementById("span-menu");
  if (menu && editable()) {
    var linkButton = document.createElement("button");
    linkButton.type = "button";
    linkButton.dataset.layersAction = "link";
    var key = document.createElement("kbd");
    key.textContent = "L";
    linkButton.append(words.js_link_button + " ", key);
    linkButton.addEventListener("mousedown", function (event) { event.preventDefault(); });
    linkButton.addEventListener("click", startLink);
    menu.insertBefore(linkButton, menu.querySelector("[data-action=delete]"));
  }

  // --- stance: one key per stance on a focused row ---------------------------------------------
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#stance-panel .stance-row")); }

  function focusStance() {
    var first = rows()[0];
    if (first) first.focus(); else { var p = panel("stance-panel"); if (p) p.scrollIntoView({ block: "nearest" }); }
  }

  // Stance changes go out one at a time, in order: a fast typist's keys (2, then Shift+3, then ↓)
  // must not race each other. The row shows the answer at once; the panel's swap confirms it.
  var stanceQueue = [];
  var stanceBusy = false;

  function sendStance(row, value, intensity) {
    var box = panel("stance-panel");
    if (!editable() || !box) return;
    var polar = value === "favor" || value === "against";
    intensity = polar && box.dataset.intensity === "1" && intensity ? intensity : "";
    if (value && !row.dataset.stanceId) row.dataset.stanceId = "pending";
    if (!value && !row.dataset.stanceId) return;
    row.dataset.value = value || "";
    row.dataset.intensity = intensity;
    Array.prototype.forEach.call(row.querySelectorAll(".stance-button"), function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.value === value));
    });
    Array.prototype.forEach.call(row.querySelectorAll(".intensity-button"), function (b) {
      b.setAttribute("aria-pressed", String(!!intensity && +b.dataset.intensity <= intensity));
      b.disabled = !polar;
    });
    stanceQueue.push({ actor: row.dataset.actor, value: value, intensity: intensity, scope: box.dataset.scope });
    pumpStance();
  }

  function pumpStance() {
    if (stanceBusy || !stanceQueue.length) return;
    var box = panel("stance-panel");
    var change = stanceQueue.shift();
    var done = function () { stanceBusy = false; pumpStance(); };
    stanceBusy = true;
    if (!change.value) {
      // The row's stance id comes from the last swap, which the queue has waited for.
      var row = box.querySelector('.stance-row[data-actor="' + CSS.escape(change.actor) + '"]');
      var id = row && row.dataset.stanceId;
      if (!id || id === "pending") { done(); return; }
      swapInto("#stance-panel", "DELETE", box.dataset.url + "/" + encodeURIComponent(id),
        { focus: change.actor, scope: change.scope }).then(done, done);
      return;
    }
    swapInto("#stance-panel", "POST", box.dataset.url, {
      actor: change.actor, value: change.value, intensity: change.intensity, scope: change.scope,
      paragraph: change.scope
    }).then(done, done);
  }

  function stanceKey(event, row) {
    var code = event.code;
    var current = row.dataset.value;
    var intensity = +row.dataset.intensity || 0;
    var polar = current === "favor" || current === "against";
    var list = rows();
    var at = list.indexOf(row);
    if (event.shiftKey && INTENSITY_KEYS[code]) {
      if (polar) sendStance(row, current, INTENSITY_KEYS[code]);
      else page.say(words.js_intensity_first, true);
    } else if (!event.shiftKey && STANCE_KEYS[code]) {
      var value = STANCE_KEYS[code];
      sendStance(row, value, value === current ? intensity : (intensity || ""));
    } else if (code === "Equal" || code === "NumpadAdd" || code === "Minus" || code === "NumpadSubtract") {
      if (!polar) { page.say(words.js_intensity_first, true); return true; }
      var step = code === "Equal" || code === "NumpadAdd" ? 1 : -1;
      sendStance(row, current, Math.min(3, Math.max(1, (intensity || 2) + step)));
    } else if (code === "Delete" || code === "Backspace") sendStance(row, "");
    else if (code === "KeyE") addEvidence(row);
    else if (code === "ArrowDown" || code === "KeyJ") { if (list[at + 1]) list[at + 1].focus(); }
    else if (code === "ArrowUp" || code === "KeyK") { if (list[at - 1]) list[at - 1].focus(); }
    else if (code === "Escape") page.focusText();
    else return false;
    return true;
  }

  function addEvidence(row) {
    var span = page.selectedSpanId();
    var box = panel("stance-panel");
    if (!row.dataset.stanceId || row.dataset.stanceId === "pending") { page.say(words.js_stance_first, true); return; }
    if (!span) { page.say(words.js_evidence_select, true); return; }
    swapInto("#stance-panel", "POST", box.dataset.url + "/" + encodeURIComponent(row.dataset.stanceId) + "/evidence",
      { span: span, focus: row.dataset.actor, scope: box.dataset.scope });
  }

  layers.addEventListener("keydown", function (event) {
    var row = event.target.closest && event.target.closest(".stance-row");
    if (!row || event.target !== row || event.ctrlKey || event.metaKey || event.altKey) return;
    if (stanceKey(event, row)) event.preventDefault(); // also keeps the page's own keys out of it
  });

  layers.addEventListener("click", function (event) {
    var button = event.target.closest(".stance-button, .intensity-button");
    if (!button || button.disabled) return;
    var row = button.closest(".stance-row");
    if (button.dataset.value) sendStance(row, button.dataset.value, +row.dataset.intensity || "");
    else sendStance(row, row.dataset.value, +button.dataset.intensity);
  });

  // --- frames: the primary select and the secondary checkboxes ---------------------------------
  layers.addEventListener("change", function (event) {
    var box = event.target.closest("#frames-panel");
    if (!box || !editable()) return;
    var values = null;
    if (event.target.name === "primary") {
      var previous = box.querySelector(".frame-option.is-primary input");
      values = event.target.value ? { frame: event.target.value, role: "primary" }
        : (previous ? { frame: previous.value, role: "none" } : null);
    } else if (event.target.name === "secondary") {
      values = { frame: event.target.value, role: event.target.checked ? "secondary" : "none" };
    }
    if (!values) return;
    values.paragraph = box.dataset.scope;
    values.scope = box.dataset.scope;
    swapInto("#frames-panel", "POST", box.dataset.url, values);
  });

  // --- mentions: the selection feeds the "mark" and "propose" forms -------------------------
  var selection = null;

  function showSelection() {
    var label = document.getElementById("mention-selection");
    Array.prototype.forEach.call(document.querySelectorAll("#mentions-panel form.mention-form"), function (form) {
      ["paragraph", "start", "end"].forEach(function (name) {
        form.elements[name].value = selection ? selection[name] : "";
      });
      form.querySelector("button[type=submit]").disabled = !selection;
    });
    if (label) label.textContent = selection ? selection.text : label.dataset.empty;
  }

  document.addEventListener("selectionchange", function () {
    var info = offsets.selectionInfo();
    if (info.error || !info.element || !doc.contains(info.element)) return; // keep the last good one
    selection = { paragraph: info.paragraph, start: info.start, end: info.end, text: info.text };
    showSelection();
  });

  // --- the selected span: how many links its deletion would take, and a claim's target actor ------
  document.addEventListener("annotator:span-selected", function (event) {
    if (!menu) return;
    var note = document.getElementById("span-links-note");
    if (!note) {
      note = document.createElement("span");
      note.id = "span-links-note";
      note.className = "muted span-links-note";
      menu.appendChild(note);
    }
    var id = event.detail.spanId;
    var n = id ? linkList().filter(function (l) { return l.source === id || l.target === id; }).length : 0;
    note.textContent = n ? counted("js_links_of_span", n) : "";
  });

  document.addEventListener("annotator:span-selected", function (event) {
    var box = panel("claim-target");
    var span = event.detail.spanId && page.spanInfo(event.detail.spanId);
    if (!box) return;
    if (!span || claimLabels.indexOf(span.label) < 0) { box.textContent = ""; return; }
    if (box.dataset.spanId === span.id) return;
    swapInto("#claim-target", "GET", layers.dataset.targetUrl.replace("SPAN", encodeURIComponent(span.id)));
  });

  // --- jumping from a panel (or the argument map) to a span or mention --------------------------
  function jumpToSpan(id) {
    var mark = doc.querySelector('mark[data-span-id="' + CSS.escape(id) + '"]');
    if (!mark) return false;
    page.selectSpan(id);
    mark.scrollIntoView({ block: "center" });
    page.focusText();
    return true;
  }

  layers.addEventListener("click", function (event) {
    var jump = event.target.closest("[data-jump], [data-jump-mention]");
    if (!jump) return;
    if (jump.dataset.jump) { jumpToSpan(jump.dataset.jump); return; }
    var mention = doc.querySelector('span.mention[data-mention-id="' + CSS.escape(jump.dataset.jumpMention) + '"]');
    if (mention) { mention.scrollIntoView({ block: "center" }); mention.classList.add("flash"); setTimeout(function () { mention.classList.remove("flash"); }, 1500); }
  });

  // --- after every swap of a panel: draw again, and put the focus back --------------------------
  var PANELS = ["stance-panel", "frames-panel", "links-panel", "mentions-panel", "link-choice", "claim-target"];

  var stanceFocus = { actor: null, inPanel: false };
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "stance-panel") return;
    var active = document.activeElement;
    stanceFocus.inPanel = !!(active && target.contains(active));
    stanceFocus.actor = stanceFocus.inPanel && active.classList.contains("stance-row") ? active.dataset.actor : null;
  });

  // Stance entry goes row after row: the focus stays where the annotator was in the panel when
  // the answer arrived (or on the row the server names, after adding an actor). Esc: the text.
  // Done at once after the swap, so no key typed meanwhile lands outside the panel.
  function restoreStanceFocus() {
    var fresh = panel("stance-panel");
    var focus = fresh && (stanceFocus.actor || (stanceFocus.inPanel ? fresh.dataset.focus : null));
    var row = focus && fresh.querySelector('.stance-row[data-actor="' + CSS.escape(focus) + '"]');
    if (row) row.focus();
    return !!row;
  }

  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "stance-panel" && !restoreStanceFocus()) page.focusText();
  });

  document.body.addEventListener("htmx:afterSettle", function (event) {
    var id = event.detail.target && event.detail.target.id;
    if (PANELS.indexOf(id) < 0) return;
    var fresh = panel(id); // an outerHTML swap replaced the element the event names
    if (id === "mentions-panel") { drawMentions(); showSelection(); }
    if (id === "links-panel") {
      drawBadges();
      if (event.detail.requestConfig && event.detail.requestConfig.verb !== "get") page.say(words.js_link_saved);
    }
    if (id === "stance-panel") return; // its focus was settled at the swap (restoreStanceFocus)
    if (id === "link-choice" && fresh.querySelector(".link-type-button")) return;
    if (id === "claim-target" && event.detail.requestConfig && event.detail.requestConfig.verb === "post") {
      // Naming the target changed the span (its version): the page redraws its paragraph.
      var span = page.spanInfo(fresh.dataset.spanId);
      if (span) page.refreshParagraph(span.paragraph);
    }
    page.focusText();
  });

  // A failed write in a panel: layers_saving.js reverts the panel and lists it in the banner.

  if (panel("links-panel")) page.bindKey("KeyL", words.js_key_link, startLink);
  if (panel("stance-panel")) page.bindKey("KeyS", words.js_key_stance, focusStance);

  redraw();
  showSelection();
  if (/^#span-/.test(location.hash)) jumpToSpan(decodeURIComponent(location.hash.slice(6)));
})();
