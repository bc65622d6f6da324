import type { KubeList, KubeObject, WatchEvent } from '../../api/meta.js';
import { isGone } from '../../machinery/errors.js';
import { realClock, type Clock } from '../../util/clock.js';
import type { Client, ListOptions, ResourceRef, WatchOptions } from '../client.js';
import type { WatchHandle } from '../transport.js';

/** ListerWatcher is what a reflector needs from the API; fakes implement it in tests. */
export interface ListerWatcher<T extends KubeObject> {
  list(opts: ListOptions): Promise<KubeList<T>>;
  watch(opts: WatchOptions): Promise<WatchHandle>;
}

/** listerWatcherFor adapts a Client and resource to a ListerWatcher, with optional selectors. */
export function listerWatcherFor<T extends KubeObject>(client: Client, ref: ResourceRef, selectors: Pick<ListOptions, 'labelSelector' | 'fieldSelector'> = {}): ListerWatcher<T> {
  return {
    list: (opts) => client.list<T>(ref, { ...opts, ...selectors }),
    watch: (opts) => client.watch(ref, { ...opts, ...selectors }),
  };
}

/** ReflectorSink receives the reflector's output: a full replace after each list, then deltas. */
export interface ReflectorSink<T extends KubeObject> {
  replace(items: T[], resourceVersion: string): void;
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
}

export interface ReflectorOptions {
  clock?: Clock;
  /** Delay before retrying after a failed list or watch: doubles from min to max. */
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** Server-side watch timeout; the reflector re-watches from the last resourceVersion. */
  watchTimeoutSeconds?: number;
  onError?: (err: unknown) => void;
}

/**
 * Reflector lists a resource, hands the result to its sink, then watches from the list's
 * resourceVersion with bookmarks. A watch that ends cleanly is resumed from the last seen
 * resourceVersion; a 410 Gone (ERROR event or error) forces a fresh list.
 */
export class Reflector<T extends KubeObject> {
  private stopped = false;
  private handle?: WatchHandle;
  private cancelSleep?: () => void;
  private lastRV = '';
  private readonly clock: Clock;
  private readonly done: Promise<void>;

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly sink: ReflectorSink<T>,
    private readonly opts: ReflectorOptions = {},
  ) {
    this.clock = opts.clock ?? realClock;
    this.done = Promise.resolve().then(() => this.run());
  }

  /** lastSyncResourceVersion is the newest resourceVersion seen (list, event or bookmark). */
  get lastSyncResourceVersion(): string {
    return this.lastRV;
  }

  /** stop ends the watch and the loop; it resolves once the loop has exited. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.handle?.close();
    this.cancelSleep?.();
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) {
          const list = await this.lw.list({});
          if (this.stopped) return;
          this.lastRV = list.metadata.resourceVersion ?? '';
          this.sink.replace(list.items, this.lastRV);
          needList = false;
        }
        const result = await this.watchOnce();
        if (result === 'gone') needList = true;
        if (result === 'error' || result === 'empty') await this.backoff(++failures);
        else failures = 0;
      } catch (err) {
        if (this.stopped) return;
        if (isGone(err)) needList = true;
        else this.opts.onError?.(err);
        failures++;
        await this.backoff(failures);
      }
    }
  }

  /**
   * watchOnce streams one watch: 'gone' asks for a relist, 'ended' for a re-watch, 'error'
   * and 'empty' (a stream that ended without a single event) for a re-watch after backoff.
   */
  private async watchOnce(): Promise<'gone' | 'ended' | 'error' | 'empty'> {
    let events = 0;
    this.handle = await this.lw.watch({ resourceVersion: this.lastRV, allowWatchBookmarks: true, timeoutSeconds: this.opts.watchTimeoutSeconds });
    if (this.stopped) {
      this.handle.close();
      return 'ended';
    }
    try {
      for await (const ev of this.handle as AsyncIterable<WatchEvent<T>>) {
        if (this.stopped) break;
        events++;
        if (ev.type === 'ERROR') {
          const status = ev.object as unknown as { code?: number };
          return status?.code === 410 ? 'gone' : 'error';
        }
        const rv = ev.object?.metadata?.resourceVersion;
        if (rv) this.lastRV = rv;
        if (ev.type === 'ADDED') this.sink.add(ev.object);
        else if (ev.type === 'MODIFIED') this.sink.update(ev.object);
        else if (ev.type === 'DELETED') this.sink.delete(ev.object);
      }
    } finally {
      this.handle.close();
    }
    return events === 0 && !this.stopped ? 'empty' : 'ended';
  }

  private backoff(failures: number): Promise<void> {
    const min = this.opts.backoffMinMs ?? 800;
    const max = this.opts.backoffMaxMs ?? 30_000;
    const ms = Math.min(max, min * 2 ** Math.min(failures - 1, 20));
    return new Promise((resolve) => {
      const cancel = this.clock.setTimeout(resolve, ms);
      this.cancelSleep = () => {
        cancel();
        resolve();
      };
    });
  }
}
