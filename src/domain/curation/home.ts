import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { listBatches } from '../ingest/review/queue.js';
import { suggestDuplicates, type DuplicateKind } from './merge.js';

/** What a curator's day starts from: the review queue, recent changes by everyone and what needs fixing. */

interface RecentChange {
  id: string;
  at: string;
  by: string;
  action: string;
  target: string;
  summary: string;
  revertOf?: string;
}

const recentChanges = defineQuery<{ limit: number }, { change: RecentChange }>('curation/recent-changes');
const unverifiedLinks = defineQuery<{ limit: number }, { from: string; fromName: string; type: string; to: string; toName: string }>(
  'curation/quality-unverified-links',
);
const casesWithoutTargets = defineQuery<{ limit: number }, { id: string; name: string }>('curation/quality-cases-without-targets');
const thinCases = defineQuery<{ limit: number }, { id: string; name: string; missing: string[] }>('curation/quality-thin-cases');
const estimatedDates = defineQuery<{ limit: number }, { id: string; name: string; date: string }>('curation/quality-estimated-dates');

const DUPLICATE_KINDS: DuplicateKind[] = ['place', 'organisation', 'initiative', 'case'];

export async function curationHome(db: Database, limit = 10) {
  const [batches, changes, unverified, withoutTargets, thin, estimated, ...duplicates] = await Promise.all([
    listBatches(db, 50),
    db.read(recentChanges, { limit: 25 }),
    db.read(unverifiedLinks, { limit }),
    db.read(casesWithoutTargets, { limit }),
    db.read(thinCases, { limit }),
    db.read(estimatedDates, { limit }),
    ...DUPLICATE_KINDS.map((k) => suggestDuplicates(db, k, 5)),
  ]);
  return {
    queue: batches.filter((b) => b.status === 'open'),
    changes: changes.map((r) => r.change),
    quality: {
      unverified,
      withoutTargets,
      thin,
      estimated,
      duplicates: duplicates.flatMap((d) => d.pairs.map((p) => ({ ...p, kind: d.kind }))),
    },
  };
}
