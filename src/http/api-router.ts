import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { parseWith } from './validate.js';

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** The stable prefix of every API path; `/api/...` without it is an alias of the current version. */
export const API_V1 = '/api/v1';

export interface ApiRoute<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Middleware that runs first, such as a role check. */
  before?: RequestHandler[];
  /** Shown in the OpenAPI document: who may call the route. */
  access?: 'curator' | 'admin';
  /** The route as mounted (`/api/...`); the OpenAPI document lists it under `/api/v1/...`. */
  path: string;
  /** Unique and stable: generated clients name their functions after it. */
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** A body that is not JSON (a file): its media types, shown in the document instead of `body`. */
  rawBody?: { description: string; mediaTypes: string[] };
  /** The success status (200 unless said). */
  status?: 200 | 201;
  /** The answer's shape, for the document and the generated clients (any JSON object when left out). */
  response?: z.ZodType;
  /** Answers that are files rather than JSON: media type and what it holds. */
  files?: Record<string, string>;
  /** Headers of the success answer besides the paging links, such as ETag or Location. */
  headers?: ('ETag' | 'Location')[];
  /** Statuses besides 200 that the route answers with a problem document. */
  problems?: number[];
  handler: (input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B> }, req: Request, res: Response) => Promise<unknown>;
}

export type Registered = ApiRoute<AnyObject, AnyObject, z.ZodType>;

/** Routes without query parameters refuse any; one schema for all of them (zod compiles a schema on its first parse). */
const NO_QUERY = z.strictObject({});

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** `http://host:port` as the client reached this app (honouring TRUST_PROXY), or '' when the Host header is unusable. */
export function requestOrigin(req: Request): string {
  const host = req.get('host') ?? '';
  return HOST.test(host) ? `${req.protocol}://${host}` : '';
}

interface Page {
  total: number;
  limit: number;
  offset: number;
}

const isPage = (v: unknown): v is Page =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  ['total', 'limit', 'offset'].every((k) => Number.isInteger((v as Record<string, unknown>)[k])) &&
  (v as Page).limit > 0;

/**
 * For an answer with total, limit and offset: the addresses of the next, previous, first and last
 * pages (the request's own address with another offset), as an RFC 8288 Link header and, for next
 * and prev, as members of the body.
 */
export function withPageLinks(req: Request, res: Response, page: Page): Page & { next: string | null; prev: string | null } {
  const url = new URL(req.originalUrl, 'http://x');
  const at = (offset: number) => {
    url.searchParams.set('offset', String(offset));
    url.searchParams.set('limit', String(page.limit));
    return `${requestOrigin(req)}${url.pathname}${url.search}`;
  };
  const last = Math.max(0, Math.ceil(page.total / page.limit) - 1) * page.limit;
  const next = page.offset + page.limit < page.total ? at(page.offset + page.limit) : null;
  const prev = page.offset > 0 ? at(Math.max(0, Math.min(page.offset - page.limit, last))) : null;
  const links = [
    ...(next ? [`<${next}>; rel="next"`] : []),
    ...(prev ? [`<${prev}>; rel="prev"`] : []),
    `<${at(0)}>; rel="first"`,
    `<${at(last)}>; rel="last"`,
  ];
  res.append('Link', links.join(', '));
  return { ...page, next, prev };
}

/**
 * `/api/v1/...` is the stable address of every API path; the routers are mounted at `/api/...`, so
 * the versioned address is rewritten to it before routing (req.originalUrl keeps what was asked).
 */
export const apiVersionAlias: RequestHandler = (req, _res, next) => {
  if (req.url === API_V1 || req.url.startsWith(`${API_V1}/`) || req.url.startsWith(`${API_V1}?`)) {
    req.url = `/api${req.url.slice(API_V1.length)}`;
  }
  next();
};

/**
 * A router whose routes declare their inputs as zod schemas: each input is parsed before the handler
 * runs (a failure is a 400 naming the field), and the same declarations produce the OpenAPI document.
 */
export class ApiRouter {
  readonly router = Router();
  readonly routes: Registered[] = [];

  add<
    P extends AnyObject = z.ZodObject<Record<never, never>>,
    Q extends AnyObject = z.ZodObject<Record<never, never>>,
    B extends z.ZodType = z.ZodUndefined,
  >(route: ApiRoute<P, Q, B>): this {
    this.routes.push(route);
    this.router[route.method](route.path, ...(route.before ?? []), async (req, res) => {
      const input = {
        params: route.params ? parseWith(route.params, req.params, 'path') : {},
        query: parseWith(route.query ?? NO_QUERY, req.query, 'query'),
        body: route.body ? parseWith(route.body, req.body ?? {}, 'body') : undefined,
      };
      const result = await route.handler(input as never, req, res);
      if (!res.headersSent) res.json(isPage(result) ? withPageLinks(req, res, result) : result);
    });
    return this;
  }
}
