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
  // A refusal (4xx) is shown where the answer would have gone when that place asks for it
  // (data-show-problems): htmx leaves error answers unswapped by default, so the person saw nothing.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    var target = event.detail.target;
    if (status >= 400 && status < 500 && target && target.hasAttribute("data-show-problems")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  window.annotator = window.annotator || {};
  window.annotator.csrfToken = csrfToken;
})();
