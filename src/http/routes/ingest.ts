import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database } from '../../data/database.js';
import { DomainError } from '../../domain/errors.js';
import { BATCH_ID, commitBatch, createBatch, decideBatch, getBatch, listBatches } from '../../domain/ingest/review/queue.js';
import { decisionsSchema, ingestInputSchema, type Batch } from '../../domain/ingest/review/types.js';
import { classifySdgs } from '../../domain/sdg-tagger/tagger.js';
import { textWorkers } from '../../domain/ingest/text-workers.js';
import { ApiRouter } from '../api-router.js';
import { minuteLimit } from '../security.js';
import { actor } from './curation.js';

/** The longest text the public classifier reads in one request. */
export const MAX_CLASSIFY_CHARS = 50_000;
const DEFAULT_CLASSIFY_PER_MINUTE = 60;
/** Up to this length the classifier answers on the main thread (about 7 ms for 5,000 characters). */
const INLINE_CLASSIFY_CHARS = 5_000;

const batchParams = z.strictObject({ batch: z.string().regex(BATCH_ID, 'must be a batch id as POST /api/ingest answered it') });
const classifyBody = z.strictObject({
  text: z.string({ error: 'must be the text to classify' }).refine((t) => t.trim().length > 0, 'must not be empty'),
});

/** Classifier requests per client address and minute (0: none); unset, off in tests like the other limits. */
export function classifyLimit(config: Config): number {
  return config.RATE_LIMIT_CLASSIFY_PER_MINUTE ?? (config.NODE_ENV === 'test' ? 0 : DEFAULT_CLASSIFY_PER_MINUTE);
}

/** A batch as the API shows it right after an ingest or a commit: its items' proposals, without their texts. */
function outline(batch: Batch) {
  return {
    id: batch.id,
    status: batch.status,
    counts: batch.counts,
    page: `/curate/ingest/${batch.id}`,
    // omitted: proposals left out over the limits of an item or a batch.
    items: batch.items.map(({ index, title, date, source, proposals, omitted }) => ({
      index,
      title,
      date,
      source,
      proposals,
      ...(omitted ? { omitted } : {}),
    })),
  };
}

/** The review queue's API (curators) and the public SDG classifier. */
export function ingestRoutes(db: Database, config: Config, guard: RequestHandler): ApiRouter {
  const api = new ApiRouter();
  const curator = { before: [guard], access: 'curator' as const, tag: 'ingest' };
  const limit = classifyLimit(config);

  api
    .add({
      ...curator,
      method: 'post',
      path: '/api/ingest',
      operationId: 'createIngestBatch',
      status: 201,
      headers: ['Location'],
      summary: 'Read prose (a news item or a feed) and store what it proposes as a review batch; writes nothing to the graph',
      description:
        'Body: {text, title?, url?, date?, kind?} (kind of the sources the items become: news by default). Answers 201 with the batch id and each item\'s proposals, each with its key ("proposal") and status: pending, or present when the graph already holds it.',
      body: ingestInputSchema,
      problems: [413, 503],
      handler: async ({ body }, _req, res) => {
        const batch = await createBatch(db, actor(res), body);
        res.status(201).location(`/api/ingest/${batch.id}`);
        return outline(batch);
      },
    })
    .add({
      ...curator,
      method: 'get',
      path: '/api/ingest',
      operationId: 'listIngestBatches',
      summary: 'Review batches, newest first',
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      handler: async ({ query }) => ({ batches: await listBatches(db, query.limit) }),
    })
    .add({
      ...curator,
      method: 'get',
      path: '/api/ingest/:batch',
      operationId: 'getIngestBatch',
      summary: 'A review batch: its items with their texts, proposals, statuses and what earlier commits wrote',
      params: batchParams,
      problems: [404],
      handler: ({ params }) => getBatch(db, params.batch),
    })
    .add({
      ...curator,
      method: 'post',
      path: '/api/ingest/:batch/decisions',
      operationId: 'saveIngestDecisions',
      summary: 'Record decisions and edits on proposals without writing them to the graph yet',
      description:
        'Same body as the commit. Accepted and edited proposals wait for a commit; accepting an edited proposal later keeps its edits.',
      params: batchParams,
      body: decisionsSchema,
      problems: [404, 409],
      handler: async ({ params, body }, _req, res) => outline(await decideBatch(db, actor(res), params.batch, body.decisions)),
    })
    .add({
      ...curator,
      method: 'post',
      path: '/api/ingest/:batch/commit',
      operationId: 'commitIngestBatch',
      summary: 'Decide proposals (accept, edit, reject) and write every accepted one, in one transaction',
      description:
        'Body: {decisions: [{proposal: "1.3", action: "accept" | "reject" | "edit", fields?}]}. Each item with something accepted becomes a Source that everything accepted cites. A bad decision or a failed write leaves the graph and the batch unchanged.',
      params: batchParams,
      body: decisionsSchema,
      problems: [404, 409, 504],
      handler: async ({ params, body }, _req, res) => {
        const { batch, written } = await commitBatch(db, actor(res), params.batch, body.decisions, config.INGEST_COMMIT_TIMEOUT_MS);
        return { ...outline(batch), written };
      },
    })
    .add({
      method: 'post',
      path: '/api/sdgs/classify',
      operationId: 'classifySdgs',
      tag: 'goals',
      before: limit > 0 ? [minuteLimit('classify', limit)] : [],
      summary: 'Which of the 17 SDGs and 169 targets an English text is about, with the words and sentences behind each score',
      description: `Body: {text}, at most ${MAX_CLASSIFY_CHARS.toLocaleString('en-GB')} characters. Public and rate-limited per address.`,
      body: classifyBody,
      problems: [413, 429, 503],
      handler: async ({ body }) => {
        if (body.text.length > MAX_CLASSIFY_CHARS) {
          throw new DomainError(
            'too-large',
            `The text has ${body.text.length.toLocaleString('en-GB')} characters; the classifier reads at most ${MAX_CLASSIFY_CHARS.toLocaleString('en-GB')} at once.`,
            {
              field: 'text',
              limit: MAX_CLASSIFY_CHARS,
            },
          );
        }
        // A long text would hold the main thread for a tenth of a second or more.
        return body.text.length > INLINE_CLASSIFY_CHARS ? textWorkers().classify(body.text) : classifySdgs(body.text);
      },
    });
  return api;
}
