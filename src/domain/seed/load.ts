import type { Database } from '../../data/database.js';
import { cypher } from '../../data/queries.js';
import { CARD_FIELDS, dropCards } from '../atlas/case-cards.js';
import { KINDS } from '../model/kinds.js';
import { planSeed, readSeeds, type SeedPlan } from './plan.js';

export { defaultSeedDir, SeedError } from './plan.js';

const BATCH = 2000;

function* chunks<T>(rows: T[], size = BATCH): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** Writes the plan in one transaction: either all of it lands or none. */
/** The time limit of loading the whole seed, one transaction of a few thousand records. */
export const SEED_TIMEOUT_MS = 120_000;

export async function writeSeed(db: Database, plan: SeedPlan): Promise<{ nodes: number; relationships: number }> {
  await db.writeTx(
    async (run) => {
      // Nodes whose shown fields change take their cases' cards with them; the seed's own cases are redone.
      const changed: string[] = [];
      for (const rows of chunks(plan.nodes)) {
        for (const r of await run(cypher('cards/changed-shown-fields'), { rows, fields: CARD_FIELDS })) changed.push(String(r.id));
        await run(cypher('seed/merge-nodes'), { rows });
      }
      for (const rows of chunks(plan.relationships)) await run(cypher('seed/merge-relationships'), { rows });
      await dropCards(run, { cases: plan.nodes.filter((n) => n.label === KINDS.case).map((n) => n.id), around: changed });
    },
    { timeoutMs: SEED_TIMEOUT_MS },
  );
  return { nodes: plan.nodes.length, relationships: plan.relationships.length };
}

/** Removes every node the app owns, in batches. */
export async function resetGraph(db: Database): Promise<void> {
  await db.autoCommit(cypher('seed/delete-all'));
  await db.autoCommit(cypher('seed/delete-all-nodes'));
}

/** Validates the seed folder and loads it; nothing is written when any file is bad. */
export async function loadSeeds(db: Database, opts: { dir?: string; reset?: boolean } = {}) {
  const plan = planSeed(readSeeds(opts.dir).files);
  if (opts.reset) await resetGraph(db);
  return writeSeed(db, plan);
}
