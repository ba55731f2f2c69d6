// The API description, browsable: swagger-ui from its WebJar over /api/v1/openapi.json, all
// served by this server (no network needed), with no inline script, within the page policy.
window.addEventListener('DOMContentLoaded', () => {
  window.ui = window.SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
  });
});
