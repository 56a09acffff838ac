import { randomUUID } from 'node:crypto';
import type { Database, Run } from '../../../data/database.js';
import { defineQuery } from '../../../data/queries.js';
import type { Actor } from '../../curation/writes.js';
import { DomainError, notFound } from '../../errors.js';
import { withoutControlChars } from '../../text.js';
import type { SourceType } from '../../model/schemas.js';
import { strongest } from '../extract/bounds.js';
import { proposeOffThread } from '../ingest.js';
import { applyDecisions, Committer } from './commit.js';
import { compareWithGraph, NameIndex } from './present.js';
import {
  countStatuses,
  MAX_PROPOSALS_PER_BATCH,
  MAX_REVIEW_CHARS,
  type Batch,
  type BatchSummary,
  type CommitSummary,
  type Decision,
  type IngestInput,
  type ReviewItem,
} from './types.js';
import type { IngestResult } from '../types.js';

/**
 * The review queue: an ingest is stored as a batch of proposals for curators; nothing reaches the
 * public graph until a curator accepts it and commits. See README "Review queue".
 */

/** An :IngestBatch as stored: counts, commits and items are JSON text; properties never set are absent. */
interface StoredBatch {
  id: string;
  title?: string | null;
  url?: string | null;
  date?: string | null;
  sourceType?: SourceType | null;
  createdAt: string;
  createdBy: string;
  updatedAt?: string | null;
  status?: string | null;
  version?: number | null;
  counts?: string | null;
  commits?: string | null;
  items?: string | null;
}
/** A batch as the list returns it: without its items and commits, with its item count. */
type ListedBatch = Omit<StoredBatch, 'items' | 'commits'> & { itemCount: number | null };

const batchCreate = defineQuery<{ props: Record<string, unknown>; itemCount: number }, never>('ingest/batch-create');
const batchGet = defineQuery<{ id: string }, { batch: StoredBatch }>('ingest/batch-get');
const batchList = defineQuery<{ limit: number }, { batch: ListedBatch }>('ingest/batch-list');
const batchSave = defineQuery<{ id: string; props: Record<string, unknown> }, never>('ingest/batch-save');
const batchLock = defineQuery<{ id: string }, { batch: StoredBatch }>('ingest/batch-lock');

export const BATCH_ID = /^batch-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Keeps at most MAX_PROPOSALS_PER_BATCH proposals, the strongest of each item first come first served; the items say what they lost. */
function capBatch(result: IngestResult): IngestResult {
  let room = MAX_PROPOSALS_PER_BATCH;
  const items = result.items.map((item) => {
    const kept = strongest(item.proposals, room);
    room -= kept.length;
    const cut = item.proposals.length - kept.length;
    if (!cut) return item;
    const omitted = { proposals: (item.omitted?.proposals ?? 0) + cut, facts: item.omitted?.facts ?? 0 };
    return { ...item, proposals: kept, omitted };
  });
  return { items };
}

function toItems(result: IngestResult, input: IngestInput): ReviewItem[] {
  const single = result.items.length === 1;
  return capBatch(result).items.map((item, k) => {
    const index = k + 1;
    // A single article takes the title the curator gave; a feed's items keep their own.
    const title = (single && input.title) || item.title || input.title || item.text.trim().slice(0, 120) || `Item ${index}`;
    return {
      ...item,
      index,
      title,
      source: {
        existing: false,
        title: title.replace(/\s+/g, ' ').trim(),
        date: item.date ?? input.date ?? null,
        url: input.url,
        sourceType: input.kind,
      },
      proposals: item.proposals.map((p, n) => ({ ...p, proposal: `${index}.${n + 1}`, status: 'pending' as const })),
    };
  });
}

function statusOf(items: ReviewItem[]): Batch['status'] {
  const open = items.some((i) =>
    i.proposals.some((p) => p.status === 'pending' || ((p.status === 'accepted' || p.status === 'edited') && !p.committed)),
  );
  return open ? 'open' : 'done';
}

function batchOf(row: StoredBatch): Batch {
  return {
    id: row.id,
    title: row.title ?? '',
    url: row.url ?? undefined,
    date: row.date ?? undefined,
    sourceType: row.sourceType ?? 'news',
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt ?? row.createdAt,
    status: row.status === 'done' ? 'done' : 'open',
    version: row.version ?? 1,
    counts: JSON.parse(row.counts ?? '{}') as Batch['counts'],
    commits: JSON.parse(row.commits ?? '[]') as Batch['commits'],
    items: JSON.parse(row.items ?? '[]') as Batch['items'],
  };
}

function storedProps(batch: Batch) {
  return {
    status: batch.status,
    updatedAt: batch.updatedAt,
    counts: JSON.stringify(batch.counts),
    commits: JSON.stringify(batch.commits),
    items: JSON.stringify(batch.items),
    sourceIds: [...new Set(batch.items.flatMap((i) => (i.source.id ? [i.source.id] : [])))],
  };
}

/** Reads a text, compares what it proposes with the graph and stores the result as a batch for review. */
export async function createBatch(db: Database, by: Actor, input: IngestInput): Promise<Batch> {
  if (input.text.length > MAX_REVIEW_CHARS) {
    throw new DomainError(
      'too-large',
      `The text has ${input.text.length.toLocaleString('en-GB')} characters; a review batch reads at most ${MAX_REVIEW_CHARS.toLocaleString('en-GB')}. Split it into parts.`,
      {
        field: 'text',
        limit: MAX_REVIEW_CHARS,
      },
    );
  }
  // A pasted document's stray control characters would make its titles unstorable at commit.
  // A title of nothing but such characters counts as none, so the item's own title is used.
  const cleanTitle = input.title ? withoutControlChars(input.title).trim() : '';
  const clean: IngestInput = { ...input, text: withoutControlChars(input.text), title: cleanTitle || undefined };
  const result = await proposeOffThread(db, clean.text);
  const items = toItems(result, clean);
  await db.readTx((run) => compareWithGraph(run, items));
  const now = new Date().toISOString();
  const batch: Batch = {
    id: `batch-${randomUUID()}`,
    title: clean.title || items[0]?.title || 'Untitled',
    url: input.url,
    date: input.date,
    sourceType: input.kind,
    createdAt: now,
    createdBy: by.name,
    updatedAt: now,
    status: statusOf(items),
    version: 1,
    counts: countStatuses(items),
    commits: [],
    items,
  };
  const { id, title, url, date, sourceType, createdAt, createdBy } = batch;
  await db.write(batchCreate, {
    props: { id, title, url: url ?? null, date: date ?? null, sourceType, createdAt, createdBy, ...storedProps(batch) },
    itemCount: items.length,
  });
  return batch;
}

export async function getBatch(db: Database, id: string): Promise<Batch> {
  const [row] = await db.read(batchGet, { id });
  if (!row) throw notFound('review batch', id);
  return batchOf(row.batch);
}

export async function listBatches(db: Database, limit = 100): Promise<BatchSummary[]> {
  const rows = await db.read(batchList, { limit });
  return rows.map((r) => {
    const b = r.batch;
    const { items: _i, commits: _c, ...rest } = batchOf({ ...b, items: '[]', commits: '[]' });
    return { ...rest, itemCount: b.itemCount ?? 0 };
  });
}

async function saveBatch(run: Run, by: Actor, batch: Batch, at: string): Promise<void> {
  batch.updatedAt = at;
  batch.counts = countStatuses(batch.items);
  batch.status = statusOf(batch.items);
  await run(batchSave, { id: batch.id, props: { ...storedProps(batch), updatedBy: by.name } });
}

/** Records decisions (and edits) without writing anything to the graph; a commit writes them later. */
export async function decideBatch(
  db: Database,
  by: Actor,
  id: string,
  decisions: Decision[] | ((batch: Batch) => Decision[]),
): Promise<Batch> {
  return db.writeTx(async (run) => {
    const [row] = await run(batchLock, { id });
    if (!row) throw notFound('review batch', id);
    const batch = batchOf(row.batch);
    // Decisions worked out from the batch (accept all above a confidence) read it as locked here,
    // so a decision saved a moment before is not overwritten from an older copy.
    applyDecisions(batch, typeof decisions === 'function' ? decisions(batch) : decisions);
    await saveBatch(run, by, batch, new Date().toISOString());
    return batch;
  });
}

/**
 * Applies the decisions and writes every accepted proposal not yet written, all in one transaction
 * with the batch's new state: on any error nothing is written and the batch stays as it was.
 */
export async function commitBatch(
  db: Database,
  by: Actor,
  id: string,
  decisions: Decision[],
  timeoutMs?: number,
): Promise<{ batch: Batch; written: CommitSummary }> {
  return db.writeTx(
    async (run) => {
      const { batch, committer } = await commitIn(run, by, id, decisions);
      if (committer.wroteSomething) batch.commits.push(committer.summary);
      await saveBatch(run, by, batch, committer.summary.at);
      return { batch, written: committer.summary };
    },
    { timeoutMs },
  );
}

/** Applies the decisions (or those worked out from the locked batch) and writes what is accepted. */
async function commitIn(run: Run, by: Actor, id: string, decisions: Decision[] | ((batch: Batch) => Decision[]), trial = false) {
  const [row] = await run(batchLock, { id });
  if (!row) throw notFound('review batch', id);
  const batch = batchOf(row.batch);
  applyDecisions(batch, typeof decisions === 'function' ? decisions(batch) : decisions);
  const committer = new Committer(run, by, await NameIndex.load(run), batch, { trial });
  for (const item of batch.items) await committer.item(item);
  return { batch, committer };
}

/** One proposal's decision alone: every other proposal not yet written is left out. */
function alone(batch: Batch, decision: Decision): Decision[] {
  const others = batch.items
    .flatMap((i) => i.proposals)
    .filter((p) => p.proposal !== decision.proposal && !p.committed && p.status !== 'present');
  return [decision, ...others.map((p) => ({ proposal: p.proposal, action: 'reject' as const }))];
}

/** Ends a trial commit: its transaction is rolled back. */
class TrialOver extends Error {}

/**
 * Runs the commit of one proposal's decision alone and rolls it back: the input error it would meet
 * (which names the proposal in `details.proposal`), or undefined when it would go through. Names a
 * case draft gives that nothing resolves yet are left out of the trial (the review checks those
 * itself, counting the item's undecided proposals). Nothing is written.
 */
export async function trialCommit(
  db: Database,
  by: Actor,
  id: string,
  decision: Decision,
  timeoutMs?: number,
): Promise<DomainError | undefined> {
  try {
    await db.writeTx(
      async (run) => {
        await commitIn(run, by, id, (batch) => alone(batch, decision), true);
        throw new TrialOver();
      },
      { timeoutMs },
    );
  } catch (err) {
    if (err instanceof TrialOver) return undefined;
    if (err instanceof DomainError && (err.code === 'invalid-input' || err.code === 'conflict')) return err;
    throw err;
  }
  return undefined;
}
