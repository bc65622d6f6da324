import type { StorageEvent, WatchHandlers, Watcher } from './interface.js';

interface Subscriber {
  readonly prefix: string;
  readonly handlers: WatchHandlers;
  /** Events with revision <= this are skipped (already replayed, or before fromRevision). */
  after: number;
  queue: StorageEvent[];
  scheduled: boolean;
  stopped: boolean;
}

/**
 * WatchHub fans committed events out to watchers in-process. The store is the only
 * writer, so it publishes right after each commit instead of polling the log as kine
 * does. Delivery is asynchronous (one microtask per burst) so a handler can never run
 * inside, or throw into, a write; because the microtask is queued before the write's
 * promise settles, a watcher has seen an event by the time its writer's `await` returns.
 */
export class WatchHub {
  private readonly subs = new Set<Subscriber>();

  get size(): number {
    return this.subs.size;
  }

  /**
   * subscribe registers a watcher that first receives `history` (already filtered, in
   * revision order) and then every published event under prefix with a revision greater
   * than `after`. Call it in the same synchronous step that read the history, so no
   * commit can fall between the two.
   */
  subscribe(prefix: string, after: number, history: StorageEvent[], handlers: WatchHandlers): Watcher {
    const last = history.length > 0 ? history[history.length - 1]!.revision : after;
    const sub: Subscriber = {
      prefix,
      handlers,
      after: Math.max(after, last),
      queue: history.slice(),
      scheduled: false,
      stopped: false,
    };
    this.subs.add(sub);
    if (sub.queue.length > 0) this.schedule(sub);
    return {
      stop: () => {
        sub.stopped = true;
        sub.queue = [];
        this.subs.delete(sub);
      },
    };
  }

  /** publish queues ev for every watcher whose prefix matches its key. */
  publish(ev: StorageEvent): void {
    for (const sub of this.subs) {
      if (ev.revision <= sub.after || !ev.kv.key.startsWith(sub.prefix)) continue;
      sub.after = ev.revision;
      sub.queue.push(ev);
      this.schedule(sub);
    }
  }

  /** closeAll ends every watch with err (the store is closing). */
  closeAll(err: Error): void {
    const subs = [...this.subs];
    this.subs.clear();
    for (const sub of subs) this.fail(sub, err);
  }

  private schedule(sub: Subscriber): void {
    if (sub.scheduled) return;
    sub.scheduled = true;
    queueMicrotask(() => this.flush(sub));
  }

  private flush(sub: Subscriber): void {
    sub.scheduled = false;
    const queue = sub.queue;
    sub.queue = [];
    for (const ev of queue) {
      if (sub.stopped) return;
      try {
        sub.handlers.onEvent(ev);
      } catch (err) {
        // A throwing handler cannot be trusted with later events; end its watch.
        this.subs.delete(sub);
        this.fail(sub, err instanceof Error ? err : new Error(String(err)));
        return;
      }
    }
  }

  private fail(sub: Subscriber, err: Error): void {
    if (sub.stopped) return;
    sub.stopped = true;
    sub.queue = [];
    try {
      sub.handlers.onError?.(err);
    } catch {
      // The watch is already over; an onError failure has nowhere to go.
    }
  }
}
