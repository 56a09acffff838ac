import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { DatabaseConflictError, DatabaseTimeoutError, DatabaseUnavailableError } from '../data/errors.js';
import { DomainError, type ErrorCode } from '../domain/errors.js';

const STATUS: Record<ErrorCode, number> = {
  'not-found': 404,
  'invalid-input': 400,
  conflict: 409,
  'forbidden-query': 400,
  unavailable: 503,
  'too-large': 413,
  timeout: 504,
  moved: 301,
  'precondition-required': 428,
  unauthenticated: 401,
  forbidden: 403,
  'rate-limited': 429,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  301: 'Moved permanently',
  409: 'Conflict',
  428: 'Precondition required',
  413: 'Payload too large',
  415: 'Unsupported media type',
  431: 'Request header fields too large',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
  504: 'Query timed out',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extra: string]: unknown;
}

/** `102400` as "100 kB", `20971520` as "20 MB". */
function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} kB`;
}

interface HttpError {
  status: number;
  expose?: boolean;
  type?: string;
  limit?: number;
  message: string;
}

/** Errors of body-parser, the router and static files: clear sentences for the ones a client causes. */
function clientProblem(err: HttpError): { status: number; detail: string; extra: Record<string, unknown> } {
  switch (err.type) {
    case 'entity.too.large':
      return {
        status: 413,
        detail: `The request body is larger than the limit of ${size(err.limit ?? 0)} for this address.`,
        extra: { limit: err.limit, limitText: size(err.limit ?? 0) },
      };
    case 'entity.parse.failed':
      return { status: 400, detail: `The request body is not valid JSON: ${err.message}`, extra: { field: '(body)' } };
    case 'encoding.unsupported':
      return {
        status: 415,
        detail: 'That Content-Encoding is not supported: send the body uncompressed, or gzip, deflate or br.',
        extra: {},
      };
    case 'charset.unsupported':
      return { status: 415, detail: 'That charset is not supported: send the body as UTF-8.', extra: {} };
    case 'parameters.too.many':
      return { status: 413, detail: 'The form has too many fields.', extra: {} };
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, detail: 'The request body did not arrive whole.', extra: {} };
  }
  if (err.status === 400 && /decode param/i.test(err.message)) {
    return { status: 400, detail: 'The address holds a malformed percent-encoding (such as %E0%A4%A).', extra: {} };
  }
  return { status: err.status, detail: err.expose ? err.message : (TITLES[err.status] ?? 'The request was refused.'), extra: {} };
}

/** Turns any error into an RFC 9457 problem; internals of unexpected errors never leave the server. */
export function toProblem(err: unknown, req: Request): Problem {
  let status = 500;
  let detail = 'Something went wrong on our side; the error has been logged.';
  let extra: Record<string, unknown> = {};
  let type = 'about:blank';
  if (err instanceof DomainError) {
    status = STATUS[err.code];
    detail = err.message;
    extra = err.details;
    type = `/problems/${err.code}`;
  } else if (err instanceof DatabaseUnavailableError) {
    status = 503;
    detail = err.message;
    type = '/problems/unavailable';
  } else if (err instanceof DatabaseConflictError) {
    status = STATUS.conflict;
    detail = err.message;
    type = '/problems/conflict';
  } else if (err instanceof DatabaseTimeoutError) {
    status = STATUS.timeout;
    detail = err.message;
    extra = { timeoutMs: err.timeoutMs };
    type = '/problems/timeout';
  } else if (
    typeof (err as { status?: unknown })?.status === 'number' &&
    (err as HttpError).status >= 400 &&
    (err as HttpError).status < 500
  ) {
    // body-parser, router and static-file errors a client caused (bad JSON, too large, wrong charset, bad %-encoding)
    ({ status, detail, extra } = clientProblem(err as HttpError));
    type = `/problems/http-${status}`;
  }
  return {
    type,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: req.originalUrl,
    requestId: req.id /* a string from requestIdOf, or undefined before the request logger */,
    ...extra,
  };
}

export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status);
  if (problem.status === 503) res.set('Retry-After', '5');
  res.type('application/problem+json').send(JSON.stringify(problem));
}

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api') || req.path === '/health' || req.path === '/metrics' || req.accepts(['json', 'html']) === 'json';
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new DomainError('not-found', `Nothing at ${req.method} ${req.originalUrl.split('?')[0]}.`));
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const problem = toProblem(err, req);
  // The request's log line (pino-http) carries the error, its stack and the request id.
  if (problem.status >= 500) res.err = err instanceof Error ? err : new Error(String(err));
  if (res.headersSent) {
    // Half a response cannot be turned into a problem: cut it off so the client sees it failed.
    res.destroy();
    return;
  }
  if (err instanceof DomainError && err.code === 'moved') {
    // A merged node's old id lives on as a redirect to its survivor.
    const { from, to } = err.details as { from: string; to: string };
    res.redirect(301, req.originalUrl.replace(encodeURIComponent(from), encodeURIComponent(to)));
    return;
  }
  if (wantsJson(req)) return sendProblem(res, problem);
  // A page that needs signing in offers the sign-in form, which comes back here afterwards.
  const signIn = problem.status === 401 && req.method === 'GET' ? `/signin?next=${encodeURIComponent(req.originalUrl)}` : null;
  res.status(problem.status).render('error', { problem, signIn });
};
