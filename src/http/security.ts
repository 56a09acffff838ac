import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { rateLimit, type AugmentedRequest, type Options } from 'express-rate-limit';
import helmet from 'helmet';
import { DomainError } from '../domain/errors.js';

/**
 * The Content-Security-Policy of every response. No inline script or style anywhere: pages load
 * /static files only, and the explorer sets element styles through the CSSOM, which style-src does
 * not govern. Cytoscape.js would inject a <style> element; the explorer page carries the element id
 * Cytoscape looks for, so it injects nothing (its one rule is in explorer.css).
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

function helmetFor(secure: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: secure ? { ...CSP_DIRECTIVES, 'upgrade-insecure-requests': [] } : CSP_DIRECTIVES,
    },
    // Sent below, and only over HTTPS: over plain HTTP the header is meaningless and misleads.
    strictTransportSecurity: false,
    // Set below: the open-data API may be read by other origins, pages may not be embedded.
    crossOriginResourcePolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
}

const overHttps = helmetFor(true);
const overHttp = helmetFor(false);

const isOpenData = (path: string) => path.startsWith('/api/') || path === '/api' || path === '/health';

/** Helmet's headers with the policy above, HSTS when the request came over HTTPS, and CORP by area. */
export const securityHeaders: RequestHandler = (req, res, next) => {
  if (req.secure) res.set('Strict-Transport-Security', 'max-age=31536000');
  res.set('Cross-Origin-Resource-Policy', isOpenData(req.path) ? 'cross-origin' : 'same-origin');
  (req.secure ? overHttps : overHttp)(req as IncomingMessage, res as ServerResponse, next);
};

/** A rate limit per client address over one minute, answered as a 429 problem with Retry-After. */
export function minuteLimit(name: string, perMinute: number, extra: Partial<Options> = {}, onRefused?: () => void): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    identifier: name,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => req.method === 'OPTIONS',
    handler: (req, res, next) => {
      onRefused?.();
      const resetTime = (req as AugmentedRequest).rateLimit?.resetTime?.getTime() ?? Date.now() + 60_000;
      const retryAfter = Math.max(1, Math.ceil((resetTime - Date.now()) / 1000));
      res.set('Retry-After', String(retryAfter));
      next(
        new DomainError(
          'rate-limited',
          `Too many requests: this address may make ${perMinute} ${name === 'api' ? 'API requests' : `${name} requests`} a minute; try again in ${retryAfter} s.`,
          {
            limit: perMinute,
            windowSeconds: 60,
            retryAfter,
          },
        ),
      );
    },
    ...extra,
  });
}

/** JSON deeper than this is refused before any schema walks it (recursive checks could exhaust the stack). */
export const MAX_JSON_DEPTH = 64;

function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

export const jsonDepthGuard: RequestHandler = (req, _res, next) => {
  if (req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) && depthExceeds(req.body, MAX_JSON_DEPTH)) {
    return next(
      new DomainError('invalid-input', `The request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels.`, {
        field: '(body)',
      }),
    );
  }
  next();
};
