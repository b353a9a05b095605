// The one place that turns DOM positions into paragraph offsets, and back.
//
// A paragraph's text is its text nodes in order, skipping anything inside an element marked
// [data-decoration] (badges, mention markers): those are drawn on the page but are not part of
// the article. Offsets are UTF-16 code units (JavaScript string indexes); the server converts
// them to code points and checks the quoted text, so a mismatch is refused, never guessed.
(function () {
  "use strict";
  var DECORATION = "[data-decoration]";
  var PARAGRAPH = ".ptext[data-paragraph]";

  function walker(root) {
    return document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
        // Rejecting an element skips its whole subtree; skipping only passes over the element.
        return node.matches(DECORATION) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      }
    });
  }

  function textNodes(root) {
    var nodes = [];
    var walk = walker(root);
    while (walk.nextNode()) nodes.push(walk.currentNode);
    return nodes;
  }

  function textOf(root) {
    return textNodes(root).map(function (node) { return node.data; }).join("");
  }

  // The offset, in the paragraph's counted text, of the DOM boundary point (container, offset).
  // A point inside a decoration counts as the decoration's position.
  function offsetAt(root, container, offset) {
    var point = document.createRange();
    point.setStart(container, offset);
    var count = 0;
    var nodes = textNodes(root);
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      if (node === container) return count + offset;
      if (point.comparePoint(node, node.data.length) < 0) count += node.data.length;
      else break;
    }
    return count;
  }

  function paragraphs() {
    return Array.prototype.slice.call(document.querySelectorAll(PARAGRAPH));
  }

  // A boundary point as {paragraph element, offset}. A point between paragraphs (a triple click
  // ends at the start of the next block) belongs to the nearest paragraph on its side.
  function resolvePoint(container, offset, isEnd) {
    var element = container.nodeType === Node.ELEMENT_NODE ? container : container.parentElement;
    var para = element && element.closest(PARAGRAPH);
    if (para) return { para: para, offset: offsetAt(para, container, offset) };
    var point = document.createRange();
    point.setStart(container, offset);
    var all = paragraphs();
    if (isEnd) {
      for (var i = all.length - 1; i >= 0; i--) {
        if (point.comparePoint(all[i], all[i].childNodes.length) <= 0) return { para: all[i], offset: textOf(all[i]).length };
      }
    } else {
      for (var j = 0; j < all.length; j++) {
        if (point.comparePoint(all[j], 0) >= 0) return { para: all[j], offset: 0 };
      }
    }
    return null;
  }

  // The selection as {paragraph, start, end, text}, or {error} saying why it cannot be a span.
  function selectionInfo(selection) {
    selection = selection || window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return { error: "none" };
    var range = selection.getRangeAt(0);
    var start = resolvePoint(range.startContainer, range.startOffset, false);
    var end = resolvePoint(range.endContainer, range.endOffset, true);
    if (!start || !end) return { error: "outside" };
    if (start.para !== end.para && end.offset === 0) {
      // Ends at the very start of a later paragraph: it really ends with the previous one.
      var all = paragraphs();
      var previous = all[all.indexOf(end.para) - 1];
      if (previous) end = { para: previous, offset: textOf(previous).length };
    }
    if (start.para !== end.para) {
      return { error: "across", paragraph: +start.para.dataset.paragraph, endParagraph: +end.para.dataset.paragraph };
    }
    if (end.offset <= start.offset) return { error: "none" };
    var text = textOf(start.para);
    return {
      paragraph: +start.para.dataset.paragraph, element: start.para,
      start: start.offset, end: end.offset, text: text.slice(start.offset, end.offset)
    };
  }

  // A DOM Range over [start, end) of a paragraph's counted text (UTF-16 offsets).
  function rangeFor(root, start, end) {
    var range = document.createRange();
    var count = 0;
    var startSet = false;
    var nodes = textNodes(root);
    for (var i = 0; i < nodes.length; i++) {
      var length = nodes[i].data.length;
      if (!startSet && start <= count + length) { range.setStart(nodes[i], start - count); startSet = true; }
      if (startSet && end <= count + length) { range.setEnd(nodes[i], end - count); return range; }
      count += length;
    }
    return null;
  }

  window.annotator = window.annotator || {};
  window.annotator.offsets = {
    textOf: textOf, offsetAt: offsetAt, selectionInfo: selectionInfo, rangeFor: rangeFor, PARAGRAPH: PARAGRAPH
  };
})();
