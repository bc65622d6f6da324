import type { KeyValue, ListResult, StorageEvent } from './interface.js';
import type { CurrentIndex, PageOptions } from './current-index.js';
import { compareKeys } from './key-order.js';

/**
 * RecentHistory keeps the newest committed events (with prevKv) in memory, so reads at a
 * recent revision (the second page of a paginated LIST, a watch resuming from the
 * revision of its LIST) are answered by undoing those events on top of the current index
 * instead of asking SQL, which must turn every 2 KB value back into a JS string. It is
 * the storage-level cousin of the API server's watch cache. Older revisions fall back to
 * the log table; `covers` tells which case applies.
 */
export class RecentHistory {
  private events: StorageEvent[] = [];
  /** Every event with revision > floor is held. */
  private floor: number;

  /** capacity is how many events to keep (0 disables); start is the current revision. */
  constructor(
    private readonly capacity: number,
    start: number,
  ) {
    this.floor = start;
  }

  /** covers reports whether every event after revision is held. */
  covers(revision: number): boolean {
    return this.capacity > 0 && revision >= this.floor;
  }

  /** push records a committed event; the oldest ones are dropped in chunks. */
  push(ev: StorageEvent): void {
    if (this.capacity === 0) {
      this.floor = ev.revision;
      return;
    }
    this.events.push(ev);
    if (this.events.length >= this.capacity * 2) {
      const dropped = this.events.length - this.capacity;
      this.floor = this.events[dropped - 1]!.revision;
      this.events = this.events.slice(dropped);
    }
  }

  /** after returns the held events with revision > revision under prefix, in order. */
  after(revision: number, prefix: string): StorageEvent[] {
    const out: StorageEvent[] = [];
    for (let i = this.indexAfter(revision); i < this.events.length; i++) {
      const ev = this.events[i]!;
      if (ev.kv.key.startsWith(prefix)) out.push(ev);
    }
    return out;
  }

  /** getAt returns key as of revision (which must be covered). */
  getAt(index: CurrentIndex, key: string, revision: number): KeyValue | undefined {
    for (let i = this.indexAfter(revision); i < this.events.length; i++) {
      const ev = this.events[i]!;
      if (ev.kv.key === key) return ev.prevKv; // the first change after `revision` knows the value at it
    }
    return index.get(key);
  }

  /**
   * listAt lists as of revision (which must be covered): the current page merged with the
   * value-at-revision of every key changed since, in key order.
   */
  listAt(index: CurrentIndex, opts: PageOptions, revision: number): ListResult {
    const then = new Map<string, KeyValue | undefined>();
    for (const ev of this.after(revision, opts.prefix)) {
      if (!then.has(ev.kv.key)) then.set(ev.kv.key, ev.prevKv);
    }
    const after = opts.startAfter;
    const changed = [...then.keys()].filter((k) => after === undefined || compareKeys(k, after) > 0).sort(compareKeys);
    const now = index.page({ prefix: opts.prefix, startAfter: opts.startAfter }).items;
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    const items: KeyValue[] = [];
    let remaining = 0;
    let i = 0;
    let j = 0;
    while (i < now.length || j < changed.length) {
      let kv: KeyValue | undefined;
      const c = i === now.length ? 1 : j === changed.length ? -1 : compareKeys(now[i]!.key, changed[j]!);
      if (c < 0) kv = now[i++];
      else {
        kv = then.get(changed[j++]!);
        if (c === 0) i++;
      }
      if (!kv) continue;
      if (items.length < limit) items.push(kv);
      else remaining++;
    }
    return { items, revision, more: remaining > 0, remaining };
  }

  private indexAfter(revision: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid]!.revision <= revision) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
