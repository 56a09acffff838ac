import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { TextWorkerPool } from '../../src/domain/ingest/text-workers.js';
import { seedGraphContext } from './ingest-helpers.js';

const NEWS = 'The City of Gent procured organic food for its schools through a dynamic purchasing system in 2021, supporting SDG 12.';
/** Thousands of place names in one sentence: a few seconds of extraction. */
const HEAVY = Array.from(
  { length: 4000 },
  (_, i) => `the city of ${['Aarhus', 'Tampere', 'Uppsala', 'Bergen', 'Linz', 'Graz', 'Brno'][i % 7]}`,
).join(', ');

let pool: TextWorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
});

describe('the text worker pool', () => {
  it('when a text is read in a worker, then it proposes what the extractor proposes on the main thread', async () => {
    pool = new TextWorkerPool({ size: 1, queue: 1, taskTimeoutMs: 60_000, heapMb: 768 });
    const { items } = await pool.extract(NEWS, seedGraphContext());
    expect(items[0]!.proposals.some((p) => p.id === 'place-ghent')).toBe(true);
    const sdg = await pool.classify(NEWS);
    expect(sdg.sdgs).toHaveLength(17);
  }, 60_000);

  it('when every worker is busy and the queue is full, then the next text is refused at once as unavailable, with a retry time', async () => {
    pool = new TextWorkerPool({ size: 1, queue: 1, taskTimeoutMs: 60_000, heapMb: 768 });
    const running = pool.extract(NEWS, seedGraphContext());
    const waiting = pool.extract(NEWS, seedGraphContext());
    const refused = await pool.extract(NEWS, seedGraphContext()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'unavailable', details: { retryAfter: 5, queueLimit: 1 } });
    await expect(running).resolves.toHaveProperty('items');
    await expect(waiting).resolves.toHaveProperty('items');
  }, 60_000);

  it('when a text takes longer than the limit, then its worker is stopped, the text is refused as too large, and the next text is read', async () => {
    pool = new TextWorkerPool({ size: 1, queue: 1, taskTimeoutMs: 300, heapMb: 768 });
    const slow = await pool.extract(HEAVY, seedGraphContext()).catch((e: unknown) => e);
    expect(slow).toMatchObject({ code: 'too-large', details: { field: 'text' } });
    expect(pool.load).toEqual({ running: 0, waiting: 0 });
    pool.options.taskTimeoutMs = 60_000;
    const { items } = await pool.extract(NEWS, seedGraphContext());
    expect(items).toHaveLength(1);
  }, 60_000);
});
