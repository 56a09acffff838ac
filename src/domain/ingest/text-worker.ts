import { parentPort } from 'node:worker_threads';
import { DomainError } from '../errors.js';
import { extract } from './extract/extract.js';
import { classifySdgs } from '../sdg-tagger/tagger.js';
import type { IngestContext } from './types.js';

/** The body of a text worker (see text-workers.ts): reads texts off the main thread, one at a time. */

export type TextTask = { op: 'extract'; text: string; context: IngestContext } | { op: 'classify'; text: string };
export type TextReply =
  { id: number; result: unknown } | { id: number; error: { message: string; code?: string; details?: Record<string, unknown> } };

parentPort?.on('message', ({ id, task }: { id: number; task: TextTask }) => {
  let reply: TextReply;
  try {
    reply = { id, result: task.op === 'extract' ? extract(task.text, task.context) : classifySdgs(task.text) };
  } catch (err) {
    const e = err as Error;
    reply = {
      id,
      error: { message: e?.message ?? String(err), ...(err instanceof DomainError ? { code: err.code, details: err.details } : {}) },
    };
  }
  parentPort!.postMessage(reply);
});
