// The suggestions panel: keyboard (Tab to the next, Enter accepts, Backspace rejects), focus kept
// on the same place after each answer, and span suggestions drawn in the text as a highlight
// (CSS Custom Highlight API: no element is added to the paragraph, so offsets stay true).
(function () {
  "use strict";
  var root = document.getElementById("annotate");
  if (!root) return;

  function panel() { return document.getElementById("suggestions"); }

  function textRange(index, start, end) {
    // start/end are UTF-16 offsets into the paragraph's text, as the server sent them.
    var para = document.querySelector("#p-" + index + " .ptext");
    if (!para) return null;
    var walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT), at = 0, range = document.createRange();
    var started = false;
    while (walker.nextNode()) {
      var node = walker.currentNode, length = node.data.length;
      if (!started && start <= at + length) { range.setStart(node, start - at); started = true; }
      if (started && end <= at + length) { range.setEnd(node, end - at); return range; }
      at += length;
    }
    return null;
  }

  function draw() {
    if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
    var ranges = [], focused = [];
    var box = panel();
    if (box) box.querySelectorAll("li[data-kind=span]").forEach(function (item) {
      var range = textRange(item.dataset.paragraph, +item.dataset.start, +item.dataset.end);
      if (!range) return;
      (item === document.activeElement ? focused : ranges).push(range);
    });
    CSS.highlights.set("suggestion", new Highlight(...ranges));
    CSS.highlights.set("suggestion-focus", new Highlight(...focused));
  }

  function focusAt(position) {
    var items = panel() ? panel().querySelectorAll("li.suggestion") : [];
    if (!items.length) return;
    items[Math.min(position, items.length - 1)].focus();
  }

  document.addEventListener("keydown", function (event) {
    var item = event.target.closest && event.target.closest("#suggestions li.suggestion");
    if (!item || event.ctrlKey || event.metaKey || event.altKey) return;
    var button = null;
    if (event.key === "Enter") button = item.querySelector(".suggestion-accept");
    else if (event.key === "Backspace" || event.key === "Delete") button = item.querySelector(".suggestion-reject");
    else return;
    event.preventDefault();  // the page's own Enter and Backspace (delete the selected span) stay out of it
    event.stopPropagation();
    if (button && !item.dataset.busy) { item.dataset.busy = "1"; button.click(); }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("#suggestions")) draw();
  });

  // The page gives the text its focus back after every swap (annotate.js, registered first);
  // after a decision the focus belongs to the suggestions, at the place just decided.
  var pendingFocus = null;

  document.body.addEventListener("htmx:afterSwap", function (event) {
    var box = panel();
    var isPanel = box && (event.detail.target === box || event.detail.elt === box || box.contains(event.detail.elt));
    if (!isPanel) {
      if (pendingFocus !== null) { focusAt(pendingFocus); pendingFocus = null; }
      draw();
      return;
    }
    var decided = event.detail.requestConfig && event.detail.requestConfig.verb === "post";
    var position = +box.dataset.focus;
    var refresh = box.dataset.refreshParagraph;
    if (refresh !== undefined && refresh !== "") {
      // the accepted span is in this paragraph: redraw it (its own swap target)
      if (decided) pendingFocus = position;
      htmx.ajax("GET", root.dataset.paragraphUrl.replace(/\/0$/, "/" + refresh), {target: "#p-" + refresh, swap: "outerHTML"})
        .then(null, function () {});  // a failed refresh is told by htmx:sendError; its rejection is empty
    }
    if (decided) focusAt(position);
    draw();
  });
})();
