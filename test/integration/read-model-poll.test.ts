import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ReadModel } from '../../src/domain/read-model/read-model.js';
import { testDb } from '../helpers/env.js';

/** A port nothing listens on: every connection to it is refused at once. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('the read model while Neo4j cannot be reached', () => {
  it('when every poll fails, then it warns once and polls less and less often', async () => {
    const db = testDb({
      NEO4J_URI: `bolt://127.0.0.1:${await closedPort()}`,
      NEO4J_CONNECTION_TIMEOUT_MS: '500',
      NEO4J_RETRY_TIME_MS: '0',
    });
    const warnings: string[] = [];
    let attempts = 0;
    const model = new ReadModel(db, { pollMs: 50, warn: (m) => warnings.push(m) });
    const rebuild = model.rebuild.bind(model);
    model.rebuild = () => {
      attempts++;
      return rebuild();
    };
    model.start();
    try {
      await new Promise((r) => setTimeout(r, 3_000));
    } finally {
      model.stop();
      await db.close();
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not catch up/);
    // At a fixed 50 ms the poll would have tried about 60 times; doubling from 50 ms gives at most 6 in 3 s.
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(7);
  });
});
