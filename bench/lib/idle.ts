/** Keeping one endpoint's load from spilling into the next measurement, and the app's error log out of the table. */
import type { Server } from 'node:http';
import type { Database } from '../../src/data/database.js';

/** Counts the app's open responses (a client that gave up closes its response early; Neo4j is checked separately). */
export function trackResponses(server: Server): () => number {
  let open = 0;
  server.on('request', (_req, res) => {
    open += 1;
    res.once('close', () => {
      open -= 1;
    });
  });
  return () => open;
}

/**
 * Waits until no response is open and Neo4j runs no transaction but this check, twice in a row:
 * queries of requests that autocannon abandoned at the end of its window go on in the server until
 * they finish or time out, and would otherwise slow the next endpoint down.
 */
export async function waitForIdle(db: Database, openResponses: () => number, maxMs: number, log: (l: string) => void): Promise<void> {
  const started = performance.now();
  let quiet = 0;
  let said = false;
  while (performance.now() - started < maxMs) {
    // Through the driver: the app's Database records an ad-hoc statement as a change of everything
    // in the change feed, which would make every read model rebuild.
    const { records } = await db.driver.executeQuery(
      "SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN count(*) AS n",
      {},
      { database: db.database },
    );
    const busy = Number(records[0]?.get('n') ?? 0) + openResponses();
    if (busy === 0) {
      quiet += 1;
      if (quiet >= 2) {
        if (said) log(`  idle again after ${((performance.now() - started) / 1000).toFixed(1)} s`);
        return;
      }
    } else {
      quiet = 0;
      if (!said && performance.now() - started > 500) {
        log(`  waiting for ${busy} requests/transactions left over from that endpoint...`);
        said = true;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`  still busy after ${maxMs / 1000} s; going on`);
}

/** Collects what the app writes with console.error while under load, instead of printing it. */
export function captureConsoleError(): { count: () => number; samples: () => string[]; restore: () => void } {
  const original = console.error;
  let count = 0;
  const samples = new Map<string, number>();
  console.error = (...args: unknown[]) => {
    count += 1;
    const first = args
      .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a)))
      .join(' ')
      .split('\n')[0]!
      .slice(0, 200);
    samples.set(first, (samples.get(first) ?? 0) + 1);
  };
  return {
    count: () => count,
    samples: () => [...samples.entries()].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${n}× ${m}`),
    restore: () => {
      console.error = original;
    },
  };
}
