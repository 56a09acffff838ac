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

/**
 * Every operation as a plain list, for readers without JavaScript, under Swagger UI on the reference
 * page (views/api-docs.ejs; Swagger UI's files come from /static and /static/api-docs.js starts it, so
 * the Content-Security-Policy stays as strict as on every other page).
 */
function operationList(document: ApiDocument): { method: string; path: string; summary: string; role?: string }[] {
  return Object.entries(document.paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path: p,
      summary: typeof op.summary === 'string' ? op.summary : '',
      role: typeof op['x-required-role'] === 'string' ? op['x-required-role'] : undefined,
    })),
  );
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
  const operations = operationList(document);
  router.get('/api/docs', (_req, res) => {
    res.render('api-docs', { title: 'API reference', info: document.info, openapi: document.openapi, operations });
  });
  for (const file of SWAGGER_FILES) {
    router.get(`/static/vendor/swagger-ui/${file}`, (_req, res, next) => {
      res.sendFile(file, { root: swaggerUiDir, maxAge: '1d' }, (err) => err && next(err));
    });
  }
  return router;
}
