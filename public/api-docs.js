/* Starts Swagger UI on the API reference page (/api/docs) from the app's own OpenAPI document. */
(function () {
  'use strict';
  var root = document.getElementById('swagger-ui');
  if (!root || typeof window.SwaggerUIBundle !== 'function') return;
  var csrf = document.querySelector('meta[name="csrf-token"]');
  window.SwaggerUIBundle({
    url: root.getAttribute('data-url'),
    domNode: root,
    deepLinking: true,
    // No request to the public validator service: the page stays offline and within the CSP.
    validatorUrl: null,
    displayOperationId: true,
    defaultModelsExpandDepth: 0,
    requestInterceptor: function (req) {
      // A signed-in curator's writes through the session cookie need the session's CSRF token.
      if (csrf && csrf.content && req.method && req.method.toUpperCase() !== 'GET') req.headers['X-CSRF-Token'] = csrf.content;
      return req;
    },
  });

  // Swagger UI puts a link inside each operation's button (one control inside another, which screen
  // readers and keyboards cannot use) and leaves the server list unnamed: mend both as it draws.
  function mend() {
    root.querySelectorAll('.opblock-summary-control a[href]').forEach(function (a) {
      a.removeAttribute('href');
    });
    var servers = root.querySelector('select#servers:not([aria-label])');
    if (servers) servers.setAttribute('aria-label', 'Server');
  }
  new MutationObserver(mend).observe(root, { childList: true, subtree: true });
})();
