import type { Router } from 'express';
import type { Config } from '../../config.js';
import type { Database } from '../../data/database.js';
import { CypherConsole } from '../../domain/atlas/cypher-console.js';
import { accountsRouter } from './accounts.js';
import { apiRoutes } from './api.js';
import { requireRole } from '../auth.js';
import { curationPagesRouter } from './curation-pages.js';
import { curationRoutes } from './curation.js';
import { apiDocsRouter } from './docs.js';
import { addExchangeRoutes } from './exchange.js';
import { ApiRouter } from '../api-router.js';
import { exploreRouter } from './explore.js';
import { ingestPagesRouter } from './ingest-pages.js';
import { ingestRoutes } from './ingest.js';
import { pagesRouter } from './pages.js';
import { profilePagesRouter } from './profile-pages.js';
import { publishingRouter } from './publishing.js';

/** The routers of the JSON API, whose routes make the OpenAPI document; without a console, POST /api/cypher answers 503. */
export function apiRouters(db: Database, config: Config, cypherConsole?: CypherConsole) {
  return {
    api: apiRoutes(db, config, cypherConsole ?? CypherConsole.off('The query console is not set up in this process.')),
    curation: curationRoutes(db, requireRole('curator')),
    ingest: ingestRoutes(db, config, requireRole('curator')),
    exchange: addExchangeRoutes(new ApiRouter(), db, config, requireRole('curator')),
  };
}

/** Every feature's router, in mounting order. */
export function featureRouters(db: Database, config: Config, cypherConsole?: CypherConsole): Router[] {
  const { api, curation, ingest, exchange } = apiRouters(db, config, cypherConsole);
  // The review queue's pages come before /curate/:id, which would otherwise take /curate/ingest.
  return [
    accountsRouter(db, config),
    api.router,
    curation.router,
    ingest.router,
    ingestPagesRouter(db, requireRole('curator'), config.INGEST_COMMIT_TIMEOUT_MS),
    curationPagesRouter(db, requireRole('curator')),
    exchange.router,
    apiDocsRouter(config, api, curation, ingest, exchange),
    exploreRouter(),
    publishingRouter(db, config),
    profilePagesRouter(db),
    pagesRouter(db, config),
  ];
}
