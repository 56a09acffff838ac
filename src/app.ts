import express, { type Express, type Router } from 'express';
import { rateLimits, type Config } from './config.js';
import type { Database } from './data/database.js';
import { apiVersionAlias } from './http/api-router.js';
import { errorHandler, notFoundHandler } from './http/problems.js';
import { corsForReads } from './http/routes/docs.js';
import { healthRouter } from './http/routes/health.js';
import { jsonDepthGuard, minuteLimit, securityHeaders } from './http/security.js';
import { readModelOf } from './domain/read-model/read-model.js';
import { createLogger, requestLogger, type Logger } from './observability/logger.js';
import { Metrics, metricsEndpoint } from './observability/metrics.js';
import { projectPath } from './paths.js';

/** Application/json bodies everywhere but /api/import, which takes whole files (IMPORT_BODY_LIMIT). */
export const JSON_BODY_LIMIT = '100kb';

export interface AppDeps {
  config: Config;
  db: Database;
  /** Extra routers mounted before the 404 handler (features register here). */
  routers?: Router[];
  /** The JSON logger; made from config.LOG_LEVEL when not given. */
  logger?: Logger;
  /** The app's metrics; made here when not given (each app its own, served at /metrics). */
  metrics?: Metrics;
}

/** Builds the Express app; it does not listen, so tests can start it on port 0. */
export function createApp({ config, db, routers = [], logger = createLogger(config), metrics = new Metrics() }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('view engine', 'ejs');
  app.set('views', projectPath('views'));
  if (config.TRUST_PROXY !== undefined) app.set('trust proxy', config.TRUST_PROXY);
  metrics.watch(db);
  // Views link stored addresses only through this: anything but http(s) becomes no link at all.
  app.locals.safeHref = (url: unknown) => (typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : undefined);
  // Lists, search and counts read the read model, kept current from the change feed (src/domain/read-model).
  app.locals.readModel = readModelOf(db, { pollMs: config.READ_MODEL_POLL_MS, warn: (message) => logger.warn(message) });

  app.use(requestLogger(logger));
  // /api/v1/... is the stable address of every API path; /api/... stays as its alias.
  app.use(apiVersionAlias);
  app.use(metrics.middleware);
  app.use(securityHeaders);
  app.use(corsForReads);
  app.get('/metrics', metricsEndpoint(metrics, config.METRICS_TOKEN));

  const limits = rateLimits(config);
  if (limits.api > 0)
    app.use(
      '/api',
      minuteLimit('api', limits.api, {}, () => metrics.rateLimited.inc({ limit: 'api' })),
    );
  if (limits.cypher > 0)
    app.post(
      '/api/cypher',
      minuteLimit('cypher', limits.cypher, {}, () => metrics.rateLimited.inc({ limit: 'cypher' })),
    );

  const json = express.json({ limit: JSON_BODY_LIMIT });
  app.use((req, res, next) => (req.path === '/api/import' ? next() : json(req, res, next)));
  app.use(jsonDepthGuard);
  // The API reads JSON bodies (files only at /api/import): another media type is named as the problem.
  app.use('/api', (req, _res, next) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody || req.path === '/import' || req.is('application/json')) return next();
    next(Object.assign(new Error('Send the body as application/json.'), { status: 415, expose: true }));
  });
  app.use('/static', express.static(projectPath('public'), { maxAge: '1h', fallthrough: true }));
  app.use(healthRouter(db));
  for (const router of routers) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
