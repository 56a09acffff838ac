import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { recordGraphChange } from '../../data/change-feed.js';
import { planSeed, readSeeds, type NodeRow, type RelRow, type SeedPlan } from './plan.js';

const mergeNodes = defineQuery<{ rows: NodeRow[] }, never>('seed/merge-nodes');
const mergeRelationships = defineQuery<{ rows: RelRow[] }, never>('seed/merge-relationships');
const deleteAllRelationships = defineQuery<Record<string, never>, never>('seed/delete-all');
const deleteAllNodes = defineQuery<Record<string, never>, never>('seed/delete-all-nodes');
const isSeededQuery = defineQuery<Record<string, never>, { seeded: boolean }>('stats/is-seeded');

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
      for (const rows of chunks(plan.nodes)) await run(mergeNodes, { rows });
      for (const rows of chunks(plan.relationships)) await run(mergeRelationships, { rows });
      await recordGraphChange(run, { ids: plan.nodes.map((n) => n.id) });
    },
    { timeoutMs: SEED_TIMEOUT_MS },
  );
  return { nodes: plan.nodes.length, relationships: plan.relationships.length };
}

/** Whether the graph holds any atlas node yet. */
export async function isSeeded(db: Database): Promise<boolean> {
  const [row] = await db.read(isSeededQuery);
  return row?.seeded ?? false;
}

/** Removes every node the app owns, in batches. */
export async function resetGraph(db: Database): Promise<void> {
  await db.autoCommit(deleteAllRelationships);
  await db.autoCommit(deleteAllNodes);
  await db.writeTx((run) => recordGraphChange(run, { all: true }));
}

/** Validates the seed folder and loads it; nothing is written when any file is bad. */
export async function loadSeeds(db: Database, opts: { dir?: string; reset?: boolean } = {}) {
  const plan = planSeed(readSeeds(opts.dir).files);
  if (opts.reset) await resetGraph(db);
  return writeSeed(db, plan);
}
