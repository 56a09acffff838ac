import type { Request } from 'express';

/**
 * The route a request matched, as its Express pattern (`/api/cases/:id`), never the raw URL, so
 * logs and metrics have a bounded set of labels; static files are one label, and anything no route
 * answered is `(unmatched)`.
 */
export function routeLabel(req: Request, _status?: number): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl ?? ''}${pattern}`;
  const url = req.originalUrl ?? req.url ?? '';
  if (url.startsWith('/static/')) return '/static/*';
  return '(unmatched)';
}
