import { compareKeys } from './key-order.js';

/**
 * SortedKeys is a sorted set of keys (code-point order) backed by one array. Prefix
 * listing is a binary search plus a slice, which is what makes a LIST of 10k keys cheap.
 * Inserts are O(n) memmoves, but the API server mostly appends (names sort after the
 * namespace prefix), and n is the number of live keys, so this stays well under a
 * microsecond per key at the sizes the control plane sees.
 */
export class SortedKeys {
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** at returns the key at position i (0-based) in sorted order. */
  at(i: number): string {
    return this.keys[i]!;
  }

  has(key: string): boolean {
    const i = this.lowerBound(key);
    return i < this.keys.length && this.keys[i] === key;
  }

  /** insert adds key; returns false if it was already present. */
  insert(key: string): boolean {
    const i = this.lowerBound(key);
    if (i < this.keys.length && this.keys[i] === key) return false;
    if (i === this.keys.length) this.keys.push(key);
    else this.keys.splice(i, 0, key);
    return true;
  }

  /** remove deletes key; returns false if it was absent. */
  remove(key: string): boolean {
    const i = this.lowerBound(key);
    if (i >= this.keys.length || this.keys[i] !== key) return false;
    this.keys.splice(i, 1);
    return true;
  }

  /** lowerBound is the first position whose key is >= key. */
  lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.keys[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** upperBound is the first position whose key is > key. */
  upperBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.keys[mid]!, key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * range returns [from, to): the positions of keys that start with prefix and, if
   * startAfter is given, are strictly greater than it.
   */
  range(prefix: string, startAfter?: string): [number, number] {
    const first = this.lowerBound(prefix);
    // Keys with the prefix are contiguous from `first`; find where they stop.
    let lo = first;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]!.startsWith(prefix)) lo = mid + 1;
      else hi = mid;
    }
    const to = lo;
    let from = first;
    if (startAfter !== undefined && compareKeys(startAfter, prefix) >= 0) {
      from = Math.min(Math.max(first, this.upperBound(startAfter)), to);
    }
    return [from, to];
  }
}
