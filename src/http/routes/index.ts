import { Router } from 'express';
import type { Config } from '../../config.js';
import type { Database } from '../../data/database.js';
import { accountsRouter } from './accounts.js';
import { apiRoutes } from './api.js';
import { requireRole } from '../auth.js';
import { curationPagesRouter } from './curation-pages.js';
import { curationRoutes } from './curation.js';
import { apiDocsRouter, corsForReads } from './docs.js';
import { exchangeRouter } from './exchange.js';
import { exploreRouter } from './explore.js';
import { pagesRouter } from './pages.js';

/** Every feature's router, in mounting order. */
export function featureRouters(db: Database, config: Config): Router[] {
  const api = apiRoutes(db, config);
  const curation = curationRoutes(db, requireRole('curator'));
  const cors = Router().use(corsForReads);
  return [accountsRouter(db, config), cors, api.router, curation.router, curationPagesRouter(db, requireRole('curator')), exchangeRouter(db, config, requireRole('curator')), apiDocsRouter(api, curation), exploreRouter(), pagesRouter(db)];
}
