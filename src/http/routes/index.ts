import { Router } from 'express';
import type { Config } from '../../config.js';
import type { Database } from '../../data/database.js';
import { apiRoutes } from './api.js';
import { apiDocsRouter, corsForReads } from './docs.js';
import { exploreRouter } from './explore.js';
import { pagesRouter } from './pages.js';

/** Every feature's router, in mounting order. */
export function featureRouters(db: Database, config: Config): Router[] {
  const api = apiRoutes(db, config);
  const cors = Router().use(corsForReads);
  return [cors, api.router, apiDocsRouter(api), exploreRouter(), pagesRouter(db)];
}
