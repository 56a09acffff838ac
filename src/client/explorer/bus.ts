/** A small typed publish/subscribe bus: the controller publishes, UI pieces subscribe. */
export class EventBus<Events extends { [name: string]: unknown }> {
  private readonly handlers = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(name: K, handler: (payload: Events[K]) => void): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    for (const handler of [...(this.handlers.get(name) ?? [])]) {
      try {
        (handler as (p: Events[K]) => void)(payload);
      } catch (err) {
        // One broken subscriber must not stop the others.
        console.error(`explorer: a "${String(name)}" handler failed`, err);
      }
    }
  }
}
