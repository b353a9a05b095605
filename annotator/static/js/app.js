// Page-wide behaviour: the CSRF header on every htmx request, and the "not saved" banner.
(function () {
  "use strict";
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = csrfToken();
  });
  // A refusal is shown where the answer would have gone when that place asks for it
  // (data-show-problems on the target, 4xx) or the form does (data-swap-errors, any error):
  // htmx leaves error answers unswapped by default, so the person saw nothing.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    var target = event.detail.target;
    var elt = event.detail.requestConfig ? event.detail.requestConfig.elt : event.detail.elt; // not the target
    var asked = (status < 500 && target && target.hasAttribute("data-show-problems"))
      || (elt && elt.closest && elt.closest("[data-swap-errors]"));
    if (status >= 400 && asked) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // An unreachable server says so there too.
  document.addEventListener("htmx:sendError", function (event) {
    var elt = event.detail.elt;
    var target = event.detail.target;
    if (!(elt && elt.closest && elt.closest("[data-swap-errors]")) || !target) return;
    target.textContent = "";
    var box = document.createElement("div");
    box.className = "problem";
    box.setAttribute("role", "alert");
    box.textContent = document.body.dataset.unreachable;  // in the interface language (base.html)
    target.appendChild(box);
  });
  window.annotator = window.annotator || {};
  window.annotator.csrfToken = csrfToken;
})();
