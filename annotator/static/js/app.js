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
  window.annotator = window.annotator || {};
  window.annotator.csrfToken = csrfToken;
})();
