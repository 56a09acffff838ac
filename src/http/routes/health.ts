import { Router } from 'express';
import type { Database } from '../../data/database.js';
import { DomainError } from '../../domain/errors.js';

/**
 * `GET /health`: 200 when this instance can serve, else a 503 problem document, so a load balancer
 * sends no traffic to an instance that cannot reach Neo4j or is shutting down. The check asks
 * Neo4j once, without retries, and gives up within a few seconds.
 */
export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    if (db.closing)
      throw new DomainError('unavailable', 'This instance is shutting down: it finishes the requests it has and takes no new ones.', {
        reason: 'shutting-down',
      });
    let neo4j: { version: string; edition: string };
    try {
      neo4j = await db.serverInfo();
    } catch {
      throw new DomainError('unavailable', 'Neo4j cannot be reached: the atlas cannot answer queries until it is back.', {
        reason: 'neo4j-unreachable',
      });
    }
    res.set('Cache-Control', 'no-store').json({ status: 'ok', neo4j });
  });
  return router;
}
