import { Router, type RequestHandler } from 'express';
import { openApiDocument, type ApiRouter } from '../api-router.js';

/** Researchers call the read API from notebooks and other sites: GET is open to every origin. */
export const corsForReads: RequestHandler = (req, res, next) => {
  if (!req.path.startsWith('/api/') && req.path !== '/health') return next();
  res.set('Access-Control-Allow-Origin', '*');
  // Scripts on other sites may read the ids and limits they need to report or back off.
  res.set('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After, RateLimit, RateLimit-Policy, ETag');
  if (req.method === 'OPTIONS') {
    res.set('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    res.set('Access-Control-Allow-Headers', 'Accept, Content-Type, X-Request-Id');
    res.set('Access-Control-Max-Age', '86400');
    res.status(204).end();
    return;
  }
  next();
};

/** The OpenAPI document generated from the routes' zod schemas, and a readable reference page. */
export function apiDocsRouter(...apis: ApiRouter[]): Router {
  const router = Router();
  const document = openApiDocument(
    apis.flatMap((a) => a.routes),
    {
      title: 'Pathway Atlas API',
      version: '1.0.0',
      description:
        'Read access to the Pathway Atlas graph: the 15 pathways of the Basque Declaration, the 17 SDGs and 169 targets, and sourced good-practice and procurement cases. Errors are RFC 9457 problem documents.',
    },
  );
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/api/docs', (_req, res) => {
    res.render('api-docs', { document });
  });
  return router;
}
