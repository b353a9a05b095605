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
  // A form marked data-swap-errors shows a refusal where its result goes: htmx would otherwise drop
  // a 4xx/5xx answer and leave the result area blank. An unreachable server says so there too.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var elt = event.detail.requestConfig ? event.detail.requestConfig.elt : event.detail.elt; // not the target
    if (event.detail.xhr.status >= 400 && elt && elt.closest && elt.closest("[data-swap-errors]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    var elt = event.detail.elt;
    var target = event.detail.target;
    if (!(elt && elt.closest && elt.closest("[data-swap-errors]")) || !target) return;
    target.textContent = "";
    var box = document.createElement("div");
    box.className = "problem";
    box.setAttribute("role", "alert");
    box.textContent = "The server could not be reached: nothing was sent. Check the connection and try again.";
    target.appendChild(box);
  });
  window.annotator = window.annotator || {};
  window.annotator.csrfToken = csrfToken;
})();
