import { Worker } from 'node:worker_threads';
import { DomainError } from '../errors.js';
import type { SdgClassification } from '../sdg-tagger/tagger.js';
import type { TextReply, TextTask } from './text-worker.js';
import type { IngestContext, IngestResult } from './types.js';

/**
 * A small pool of worker threads that read texts (the extractor, the SDG classifier on long texts),
 * so that one large or pathological text never stalls the requests the main thread serves. Tasks
 * beyond the workers wait in a bounded queue; beyond that the pool refuses at once (503 with
 * Retry-After) rather than piling up work and memory.
 */

export interface TextWorkerOptions {
  /** Worker threads (each holds its own copy of the city gazetteer, about 100 MB). */
  size: number;
  /** Tasks that may wait for a free worker. */
  queue: number;
  /** The longest one task may run before its worker is stopped. */
  taskTimeoutMs: number;
  /** Heap limit of each worker, so a runaway text ends its worker, not the app. */
  heapMb: number;
}

export const TEXT_WORKER_DEFAULTS: TextWorkerOptions = { size: 1, queue: 4, taskTimeoutMs: 30_000, heapMb: 768 };
/** Seconds a refused client is told to wait. */
export const BUSY_RETRY_AFTER_S = 5;

interface Job {
  id: number;
  task: TextTask;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
}

const BOOT = new URL('./text-worker-boot.mjs', import.meta.url);

export class TextWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly options: TextWorkerOptions = TEXT_WORKER_DEFAULTS) {}

  extract(text: string, context: IngestContext): Promise<IngestResult> {
    return this.run({ op: 'extract', text, context }) as Promise<IngestResult>;
  }

  classify(text: string): Promise<SdgClassification> {
    return this.run({ op: 'classify', text }) as Promise<SdgClassification>;
  }

  /** Tasks running and waiting, for tests and metrics. */
  get load(): { running: number; waiting: number } {
    return { running: this.slots.filter((s) => s.job).length, waiting: this.waiting.length };
  }

  private run(task: TextTask): Promise<unknown> {
    if (this.closed)
      return Promise.reject(
        new DomainError('unavailable', 'The app is shutting down; try again in a moment.', { retryAfter: BUSY_RETRY_AFTER_S }),
      );
    const idle = this.slots.find((s) => !s.job) ?? (this.slots.length < this.options.size ? this.spawn() : undefined);
    if (!idle && this.waiting.length >= this.options.queue) {
      return Promise.reject(
        new DomainError(
          'unavailable',
          `The app is reading ${this.options.size + this.waiting.length} other texts right now; try again in ${BUSY_RETRY_AFTER_S} seconds.`,
          {
            retryAfter: BUSY_RETRY_AFTER_S,
            queueLimit: this.options.queue,
          },
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, task, resolve, reject };
      if (idle) this.start(idle, job);
      else this.waiting.push(job);
    });
  }

  private spawn(): Slot {
    const worker = new Worker(BOOT, { resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } });
    // An idle worker must not keep a finished command or test process alive.
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (reply: TextReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      this.finish(slot);
      if ('error' in reply)
        job.reject(
          reply.error.code
            ? new DomainError(reply.error.code as DomainError['code'], reply.error.message, reply.error.details)
            : new Error(reply.error.message),
        );
      else job.resolve(reply.result);
    });
    worker.on('error', (err) => this.lost(slot, err));
    worker.on('exit', (code) => this.lost(slot, new Error(`The text worker stopped (exit code ${code}).`)));
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.timer = setTimeout(() => {
      const limit = Math.round(this.options.taskTimeoutMs / 1000);
      this.lost(
        slot,
        new DomainError(
          'too-large',
          `Reading the text took longer than the limit of ${limit} s and was stopped; send it in smaller parts.`,
          { field: 'text', limitSeconds: limit },
        ),
      );
    }, this.options.taskTimeoutMs);
    slot.worker.postMessage({ id: job.id, task: job.task });
  }

  /** The slot's job is done: the slot takes the next waiting job. */
  private finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.job = undefined;
    const next = this.waiting.shift();
    if (next) this.start(slot, next);
  }

  /** A worker that failed, ran out of memory or overran is dropped; its job fails and the queue moves on in a new worker. */
  private lost(slot: Slot, err: unknown): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    clearTimeout(slot.timer);
    slot.worker.removeAllListeners('exit');
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      const outOfMemory = (err as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      job.reject(
        outOfMemory
          ? new DomainError('too-large', 'Reading the text needed more memory than a worker may use; send it in smaller parts.', {
              field: 'text',
            })
          : err,
      );
    }
    const next = this.waiting.shift();
    if (next && !this.closed) this.start(this.spawn(), next);
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopping = new DomainError('unavailable', 'The app is shutting down; try again in a moment.', { retryAfter: BUSY_RETRY_AFTER_S });
    for (const job of this.waiting.splice(0)) job.reject(stopping);
    await Promise.all(
      this.slots.splice(0).map((s) => {
        clearTimeout(s.timer);
        s.worker.removeAllListeners('exit');
        s.job?.reject(stopping);
        return s.worker.terminate();
      }),
    );
  }
}

let shared: TextWorkerPool | undefined;
/** The process's one pool, made on first use. */
export function textWorkers(): TextWorkerPool {
  shared ??= new TextWorkerPool();
  return shared;
}
