/**
 * The one-at-a-time queue of data operations (load, expand, path, restore), so a shared URL always
 * rebuilds the same view. It publishes `busy` while anything is queued or running.
 */
import type { ExplorerBus } from './events.js';

export class TaskQueue {
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly bus: ExplorerBus) {}

  isBusy(): boolean {
    return this.pending > 0;
  }

  /** Runs data operations one at a time, in the order they were asked for. */
  enqueue<T>(task: string, op: () => Promise<T>): Promise<T> {
    this.pending++;
    this.bus.emit('busy', { busy: true, task });
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run.finally(() => {
      this.pending--;
      if (this.pending === 0) this.bus.emit('busy', { busy: false });
    });
  }

  /** Waits until every queued data operation has finished. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.queue;
  }
}
