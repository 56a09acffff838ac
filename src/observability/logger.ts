import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { pino, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { logLevel, type Config } from '../config.js';
import { routeLabel } from './route-label.js';

export type { Logger } from 'pino';

/** An incoming X-Request-Id is kept only when it is short and plain, so it cannot forge log lines. */
const REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * The app's JSON logger: one object per line, on standard output unless a file is given. Lines are
 * written asynchronously and coalesced while a write is in flight, so logging never blocks a request
 * on the terminal or disk; `logger.flush()` empties the buffer (the server does so when it stops).
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>, file?: string): Logger {
  return pino(
    {
      level: logLevel(config as Config),
      base: { app: 'pathway-atlas' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Credentials never reach the log, whichever object carries them.
      redact: {
        paths: ['authorization', 'cookie', '*.authorization', '*.cookie', '*.headers.authorization', '*.headers.cookie'],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: file ?? 1, sync: false, mkdir: true }),
  );
}

/** The request's id: a valid incoming `X-Request-Id`, or a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

function line(req: IncomingMessage, res: ServerResponse, ms: number) {
  const r = req as Request;
  // The request id comes from the child logger pino-http binds to each request.
  return {
    method: req.method,
    route: routeLabel(r, res.statusCode),
    url: r.originalUrl ?? req.url,
    status: res.statusCode,
    durationMs: ms,
  };
}

/**
 * One JSON line per request (method, route pattern, status, duration, request id), at error level
 * for 5xx with the error and its stack; the id is echoed in the `X-Request-Id` response header and
 * `req.log` is a child logger that carries it.
 */
export function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const id = requestIdOf(req);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    quietReqLogger: true,
    quietResLogger: true,
    // 503 and 504 say that Neo4j is away or slow, not that the app failed: one warning line each,
    // without a stack, so that an outage does not bury real errors.
    customLogLevel: (_req, res, err) =>
      res.statusCode === 503 || res.statusCode === 504 ? 'warn' : err || res.statusCode >= 500 ? 'error' : 'info',
    customSuccessObject: (req, res, val: { responseTime: number }) => line(req, res, val.responseTime),
    customErrorObject: (req, res, err, val: { responseTime: number }) =>
      res.statusCode === 503 || res.statusCode === 504
        ? { ...line(req, res, val.responseTime), reason: (err as { code?: string }).code ?? err.message }
        : { ...line(req, res, val.responseTime), err },
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
  });
}
