import { createRequire } from 'node:module';
import path from 'node:path';
import { Router, type RequestHandler } from 'express';
import type { Config } from '../../config.js';
import type { ApiRouter } from '../api-router.js';
import { openApiDocument, withServers, type ApiDocument } from '../openapi.js';

/** Researchers call the read API from notebooks and other sites: GET is open to every origin. */
export const corsForReads: RequestHandler = (req, res, next) => {
  if (!req.path.startsWith('/api/') && req.path !== '/health') return next();
  res.set('Access-Control-Allow-Origin', '*');
  // Scripts on other sites may read the ids and limits they need to report or back off, and the page links.
  res.set('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After, RateLimit, RateLimit-Policy, ETag, Link');
  if (req.method === 'OPTIONS') {
    res.set('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    res.set('Access-Control-Allow-Headers', 'Accept, Content-Type, X-Request-Id');
    res.set('Access-Control-Max-Age', '86400');
    res.status(204).end();
    return;
  }
  next();
};

/** Swagger UI's prebuilt files, served by the app itself (no CDN): the folder of the swagger-ui-dist package. */
const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
/** The only files of the package the page needs. */
const SWAGGER_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The reference page: Swagger UI (scripts and styles from /static, started by /static/api-docs.js, so
 * the Content-Security-Policy stays as strict as on every other page), and under it, for readers
 * without JavaScript, every operation as a plain list.
 */
function referencePage(document: ApiDocument, csrfToken: string): string {
  const operations = Object.entries(document.paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const summary = typeof op.summary === 'string' ? op.summary : '';
      const role = typeof op['x-required-role'] === 'string' ? ` <em>(${escapeHtml(op['x-required-role'])}s only)</em>` : '';
      return `<li><code>${method.toUpperCase()} ${escapeHtml(p)}</code> ${escapeHtml(summary)}${role}</li>`;
    }),
  );
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="csrf-token" content="${escapeHtml(csrfToken)}">
  <title>API reference · Pathway Atlas</title>
  <link rel="stylesheet" href="/static/site.css">
  <link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
</head>
<body>
<header class="site-header">
  <a class="brand" href="/">Pathway Atlas</a>
  <nav aria-label="Main"><a href="/">Pathways &amp; goals</a> <a href="/coverage">Coverage</a> <a href="/explore">Explorer</a> <a href="/api/docs">API</a></nav>
</header>
<main id="main" class="page api-docs">
  <h1>${escapeHtml(String(document.info.title))} ${escapeHtml(String(document.info.version))}</h1>
  <p>${escapeHtml(String(document.info.description))}</p>
  <p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI ${escapeHtml(document.openapi)}).
  "Try it out" below sends real requests to this atlas; curators' operations need an API token (Authorize) or a signed-in session.</p>
  <div id="swagger-ui" data-url="/api/v1/openapi.json"></div>
  <noscript>
    <h2>Operations</h2>
    <ul>${operations.join('\n')}</ul>
  </noscript>
</main>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
`;
}

const DESCRIPTION =
  'Read access to the Pathway Atlas graph: the 15 pathways of the Basque Declaration, the 17 SDGs and 169 targets, and sourced good-practice and procurement cases; curation, review and import for curators. Every path is under the stable prefix /api/v1; the same paths without v1 are aliases of the current version (see docs/api.md for the deprecation policy). Lists with limit and offset carry next and prev addresses and RFC 8288 Link headers. Errors are RFC 9457 problem documents.';

/** The atlas's OpenAPI document, without servers (withServers adds them per request). */
export function atlasApiDocument(apis: ApiRouter[]): ApiDocument {
  return openApiDocument(
    apis.flatMap((a) => a.routes),
    { title: 'Pathway Atlas API', version: '1.0.0', description: DESCRIPTION },
  );
}

/** The OpenAPI document generated from the routes' zod schemas, and the interactive reference. */
export function apiDocsRouter(config: Config, ...apis: ApiRouter[]): Router {
  const router = Router();
  const document = atlasApiDocument(apis);
  router.get('/api/openapi.json', (req, res) => {
    res.json(withServers(document, req, config.PUBLIC_BASE_URL));
  });
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(referencePage(document, String(res.locals.csrfToken ?? '')));
  });
  for (const file of SWAGGER_FILES) {
    router.get(`/static/vendor/swagger-ui/${file}`, (_req, res, next) => {
      res.sendFile(file, { root: swaggerUiDir, maxAge: '1d' }, (err) => err && next(err));
    });
  }
  return router;
}
