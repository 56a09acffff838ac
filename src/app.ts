import express, { type Express, type Router } from 'express';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import type { Database } from './data/database.js';
import { errorHandler, notFoundHandler } from './http/problems.js';
import { healthRouter } from './http/routes/health.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AppDeps {
  config: Config;
  db: Database;
  /** Extra routers mounted before the 404 handler (features register here). */
  routers?: Router[];
}

/** Builds the Express app; it does not listen, so tests can start it on port 0. */
export function createApp({ db, routers = [] }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('view engine', 'ejs');
  app.set('views', path.join(root, 'views'));
  // Imports carry whole files and have a larger limit of their own on their route.
  const json = express.json({ limit: '100kb' });
  app.use((req, res, next) => (req.path === '/api/import' ? next() : json(req, res, next)));
  app.use('/static', express.static(path.join(root, 'public'), { maxAge: '1h', fallthrough: true }));
  app.use(healthRouter(db));
  for (const router of routers) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
