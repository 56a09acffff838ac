import { isUnavailable, type Database } from '../../data/database.js';
import { DatabaseUnavailableError } from '../../data/errors.js';
import { defineQuery } from '../../data/queries.js';
import { CARD_FORMAT, CARDLESS, toCard } from './case-cards.js';
import { liveSummaries } from './cases.js';

const lockMissing = defineQuery<{ ids: string[]; format: number }, { id: string }>('cards/lock-missing');
const storeCards = defineQuery<{ cards: { id: string; card: string; sources: string[] }[]; format: number }, never>('cards/store');
const missingCards = defineQuery<{ limit: number; format: number; skip: string[] }, { id: string }>('cards/missing');
const dropAll = defineQuery<{ cardless: Record<string, null> }, never>('cards/drop-all');

/**
 * Builds the cards of cases that have none, a batch per transaction, until none is missing, and
 * returns how many it built. Each batch first write-locks its cases, then reads them: a change that
 * committed before is read, and one still running waits for this batch and then drops its cards.
 * When a batch fails, its cases are tried one by one, and a case that fails alone is left for the
 * next run (told to `onFailure`; it is read live meanwhile) so that it cannot hold up the others.
 */
export async function buildMissingCards(
  db: Database,
  opts: { batch?: number; stop?: () => boolean; onFailure?: (id: string, err: Error) => void } = {},
): Promise<number> {
  const batch = opts.batch ?? 100;
  const skip = new Set<string>();
  const build = (ids: string[]) =>
    db.writeTx(
      async (run) => {
        const locked = (await run(lockMissing, { ids, format: CARD_FORMAT })).map((r) => r.id);
        if (!locked.length) return 0;
        const cards = (await liveSummaries(run, locked)).map(toCard);
        await run(storeCards, { cards, format: CARD_FORMAT });
        return cards.length;
      },
      { derived: true },
    );
  let built = 0;
  for (let idle = 0; idle < 2 && !opts.stop?.();) {
    const ids = (await db.read(missingCards, { limit: batch, format: CARD_FORMAT, skip: [...skip] })).map((r) => r.id);
    if (!ids.length) break;
    let stored = 0;
    try {
      stored = await build(ids);
    } catch (err) {
      if (db.closing || isUnavailable(err) || err instanceof DatabaseUnavailableError) throw err;
      for (const id of ids) {
        try {
          stored += await build([id]);
        } catch (one) {
          skip.add(id);
          opts.onFailure?.(id, one as Error);
        }
      }
    }
    built += stored;
    idle = stored ? 0 : idle + 1;
  }
  return built;
}

/** Drops every case card (after a restore, or for a clean slate), in bounded batches; the keeper rebuilds them. */
export async function dropAllCards(db: Database): Promise<void> {
  await db.autoCommit(dropAll, { cardless: CARDLESS });
}

export interface CardKeeper {
  /** Resolves when no build is running or due (for tests and the benchmark). */
  settled(): Promise<void>;
  stop(): void;
}

/**
 * Keeps case cards built in the background: at start, shortly after each write this process commits,
 * and every `sweepMs` for cards other instances dropped. Reads never wait for it: a case without a
 * card is read live meanwhile.
 */
export function keepCaseCards(db: Database, opts: { sweepMs?: number; warn?: (message: string) => void } = {}): CardKeeper {
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const halted = () => stopped || db.closing;

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await buildMissingCards(db, {
            stop: halted,
            onFailure: (id, err) => opts.warn?.(`The card of ${id} could not be built: ${err.message}`),
          });
        } catch (err) {
          if (!halted()) opts.warn?.(`Case cards not built this time: ${(err as Error).message}`);
        }
      } while (again && !halted());
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  const soon = () => {
    if (halted() || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, 25);
    timer.unref();
  };

  const unsubscribe = db.onCommit(soon);
  const sweep = setInterval(soon, opts.sweepMs ?? 30_000);
  sweep.unref();
  soon();
  return {
    async settled() {
      while (timer || running) {
        if (running) await running;
        else await new Promise((r) => setTimeout(r, 30));
      }
    },
    stop() {
      stopped = true;
      unsubscribe();
      clearInterval(sweep);
      if (timer) clearTimeout(timer);
    },
  };
}
