import type { KeyValue } from './interface.js';
import { SortedKeys } from './sorted-keys.js';

/** PageResult is one page of a prefix scan: items plus what is left after them. */
export interface PageResult {
  items: KeyValue[];
  more: boolean;
  remaining: number;
}

/** PageOptions selects a page of keys under a prefix (see ListOptions). */
export interface PageOptions {
  prefix: string;
  startAfter?: string;
  limit?: number;
}

/**
 * CurrentIndex holds the newest live value of every key, sorted, so reads at the current
 * revision never touch the log. Both backends keep one; the values are frozen and shared
 * with callers, so a LIST copies nothing but the array of references.
 */
export class CurrentIndex {
  private readonly byKey = new Map<string, KeyValue>();
  private readonly keys = new SortedKeys();

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): KeyValue | undefined {
    return this.byKey.get(key);
  }

  /** set stores kv as the newest value of kv.key. */
  set(kv: KeyValue): void {
    if (!this.byKey.has(kv.key)) this.keys.insert(kv.key);
    this.byKey.set(kv.key, kv);
  }

  delete(key: string): void {
    if (this.byKey.delete(key)) this.keys.remove(key);
  }

  /** page returns live keys under prefix after startAfter, at most limit (0 = all). */
  page(opts: PageOptions): PageResult {
    const [from, to] = this.keys.range(opts.prefix, opts.startAfter);
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    const end = Math.min(to, from + limit);
    const items = new Array<KeyValue>(end - from);
    for (let i = from; i < end; i++) items[i - from] = this.byKey.get(this.keys.at(i))!;
    return { items, more: end < to, remaining: to - end };
  }

  /** count is the number of live keys under prefix. */
  count(prefix: string): number {
    const [from, to] = this.keys.range(prefix);
    return to - from;
  }

  /** values iterates every live key-value in no particular order. */
  values(): IterableIterator<KeyValue> {
    return this.byKey.values();
  }
}
