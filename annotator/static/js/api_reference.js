// The API reference page: swagger-ui renders the app's own OpenAPI document (served by the app,
// like every asset: the page works offline).
(function () {
  "use strict";
  var script = document.currentScript;
  var spec = script ? script.getAttribute("data-spec") : "/api/v1/openapi.json";
  window.addEventListener("DOMContentLoaded", function () {
    window.SwaggerUIBundle({ url: spec, dom_id: "#api-reference", deepLinking: true, tryItOutEnabled: false });
  });
})();
