import type { KubeObject } from '../../api/meta.js';
import type { Clock } from '../../util/clock.js';
import { Reflector, type ListerWatcher, type ReflectorSink } from './reflector.js';
import { metaNamespaceKey, Store } from './store.js';

/**
 * DeletedFinalStateUnknown is delivered to onDelete when a relist shows an object vanished
 * while the watch was down: `obj` is the last state the informer knew.
 */
export interface DeletedFinalStateUnknown<T> {
  tombstone: true;
  key: string;
  obj: T;
}

/** EventHandler receives an informer's notifications; every method is optional. */
export interface EventHandler<T> {
  onAdd?(obj: T, isInInitialList: boolean): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

/** objectOf unwraps a tombstone. */
export function objectOf<T>(obj: T | DeletedFinalStateUnknown<T>): T {
  return (obj as DeletedFinalStateUnknown<T>)?.tombstone === true ? (obj as DeletedFinalStateUnknown<T>).obj : (obj as T);
}

export interface SharedInformerOptions {
  clock?: Clock;
  keyOf?: (obj: KubeObject) => string;
  onError?: (err: unknown) => void;
}

/**
 * SharedInformer keeps one cache of a resource, fed by a Reflector, and fans notifications
 * out to handlers. When a handler runs the cache is at least as new as the notification.
 * Handlers are called synchronously in registration order; a handler added after sync gets
 * onAdd for every cached object first.
 */
export class SharedInformer<T extends KubeObject> implements ReflectorSink<T> {
  readonly store: Store<T>;
  private handlers: EventHandler<T>[] = [];
  private reflector?: Reflector<T>;
  private synced = false;
  private syncWaiters: Array<() => void> = [];

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly opts: SharedInformerOptions = {},
  ) {
    this.store = new Store<T>((opts.keyOf as (o: T) => string) ?? metaNamespaceKey);
  }

  addEventHandler(h: EventHandler<T>): void {
    this.handlers.push(h);
    if (this.synced) for (const o of this.store.list()) this.safe(() => h.onAdd?.(o, false));
  }

  /** hasSynced is true once the first list has been delivered to the store and handlers. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** waitForSync resolves after the first list. */
  waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  start(): void {
    this.reflector ??= new Reflector(this.lw, this, { clock: this.opts.clock, onError: this.opts.onError });
  }

  async stop(): Promise<void> {
    await this.reflector?.stop();
  }

  /** lastSyncResourceVersion is the resourceVersion the cache reflects. */
  get lastSyncResourceVersion(): string {
    return this.reflector?.lastSyncResourceVersion ?? '';
  }

  // ReflectorSink: the reflector's deltas become store writes and notifications.

  replace(items: T[], _rv: string): void {
    const first = !this.synced;
    const old = this.store.replace(items);
    for (const obj of items) {
      const prev = old.get(this.store.keyOf(obj));
      if (prev === undefined) this.notify((h) => h.onAdd?.(obj, first));
      else if (prev.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.notify((h) => h.onUpdate?.(prev, obj));
    }
    const keep = new Set(items.map((o) => this.store.keyOf(o)));
    for (const [key, prev] of old) if (!keep.has(key)) this.notify((h) => h.onDelete?.({ tombstone: true, key, obj: prev }));
    if (first) {
      this.synced = true;
      for (const w of this.syncWaiters.splice(0)) w();
    }
  }

  add(obj: T): void {
    const prev = this.store.upsert(obj);
    if (prev) this.notify((h) => h.onUpdate?.(prev, obj));
    else this.notify((h) => h.onAdd?.(obj, false));
  }

  update(obj: T): void {
    const prev = this.store.upsert(obj);
    if (prev) this.notify((h) => h.onUpdate?.(prev, obj));
    else this.notify((h) => h.onAdd?.(obj, false));
  }

  delete(obj: T): void {
    this.store.delete(obj);
    this.notify((h) => h.onDelete?.(obj));
  }

  private notify(fn: (h: EventHandler<T>) => void): void {
    for (const h of this.handlers) this.safe(() => fn(h));
  }

  private safe(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.opts.onError?.(err);
    }
  }
}
