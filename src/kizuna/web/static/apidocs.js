// kizuna: starts Swagger UI on /docs from a file of ours, since the CSP forbids inline scripts.
(function () {
  "use strict";
  window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis]
  });
})();
