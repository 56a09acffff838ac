import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { DatabaseUnavailableError } from '../data/database.js';
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
  } else if (typeof (err as { status?: unknown })?.status === 'number' && (err as { expose?: boolean }).expose) {
    // body-parser and other Express errors that are safe to show (bad JSON, too large, wrong charset)
    status = (err as { status: number }).status;
    detail = (err as Error).message;
    type = `/problems/http-${status}`;
  }
  return { type, title: TITLES[status] ?? 'Error', status, detail, instance: req.originalUrl, ...extra };
}

export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status);
  if (problem.status === 503) res.set('Retry-After', '5');
  res.type('application/problem+json').send(JSON.stringify(problem));
}

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api') || req.path === '/health' || req.accepts(['json', 'html']) === 'json';
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new DomainError('not-found', `Nothing at ${req.method} ${req.path}.`));
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const problem = toProblem(err, req);
  if (problem.status === 500) console.error(err);
  if (res.headersSent) return;
  if (err instanceof DomainError && err.code === 'moved') {
    // A merged node's old id lives on as a redirect to its survivor.
    const { from, to } = err.details as { from: string; to: string };
    res.redirect(301, req.originalUrl.replace(encodeURIComponent(from), encodeURIComponent(to)));
    return;
  }
  if (wantsJson(req)) return sendProblem(res, problem);
  res.status(problem.status).render('error', { problem });
};
