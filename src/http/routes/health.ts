import { Router } from 'express';
import type { Database } from '../../data/database.js';
import { DomainError } from '../../domain/errors.js';

export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    try {
      const neo4j = await db.serverInfo();
      res.json({ status: 'ok', neo4j });
    } catch {
      throw new DomainError('unavailable', 'Neo4j cannot be reached: the atlas cannot answer queries until it is back.');
    }
  });
  return router;
}
