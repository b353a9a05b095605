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
  // A form marked data-show-problems shows a refusal (4xx) where its result would go: the
  // message names the file, line and field to fix, which htmx would otherwise drop.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    var status = event.detail.xhr.status;
    if (source && source.closest && source.closest("[data-show-problems]") && status >= 400 && status < 500) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  window.annotator = window.annotator || {};
  window.annotator.csrfToken = csrfToken;
})();
