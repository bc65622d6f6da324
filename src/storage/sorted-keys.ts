import { compareKeys } from './key-order.js';

/** CHUNK is the target chunk size: inserts move at most ~2*CHUNK references. */
const CHUNK = 512;

/**
 * SortedKeys is a sorted set of keys (code-point order) kept in chunks of a few hundred
 * keys. Prefix listing is a binary search plus positional reads, which is what makes a
 * LIST of 10k keys cheap; an insert is a binary search and a splice inside one chunk, so
 * it stays cheap however many keys there are (names such as pod-10 and pod-9 do not
 * arrive in sorted order, and one flat array made every such insert a large memmove).
 */
export class SortedKeys {
  private chunks: string[][] = [];
  /** starts[i] is the position of chunks[i][0], rebuilt lazily after a change. */
  private starts: number[] = [];
  private stale = false;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** at returns the key at position i (0-based) in sorted order. */
  at(i: number): string {
    const c = this.chunkOf(i);
    return this.chunks[c]![i - this.starts[c]!]!;
  }

  has(key: string): boolean {
    const c = this.chunkFor(key);
    if (c === this.chunks.length) return false;
    const chunk = this.chunks[c]!;
    const j = lowerBoundIn(chunk, key);
    return j < chunk.length && chunk[j] === key;
  }

  /** insert adds key; returns false if it was already present. */
  insert(key: string): boolean {
    if (this.chunks.length === 0) {
      this.chunks.push([key]);
      this.count = 1;
      this.stale = true;
      return true;
    }
    // Past every key: the last chunk takes it (the common case, appending).
    const c = Math.min(this.chunkFor(key), this.chunks.length - 1);
    const chunk = this.chunks[c]!;
    const j = lowerBoundIn(chunk, key);
    if (j < chunk.length && chunk[j] === key) return false;
    if (j === chunk.length) chunk.push(key);
    else chunk.splice(j, 0, key);
    if (chunk.length > 2 * CHUNK) this.chunks.splice(c + 1, 0, chunk.splice(CHUNK));
    this.count++;
    this.stale = true;
    return true;
  }

  /** remove deletes key; returns false if it was absent. */
  remove(key: string): boolean {
    const c = this.chunkFor(key);
    if (c === this.chunks.length) return false;
    const chunk = this.chunks[c]!;
    const j = lowerBoundIn(chunk, key);
    if (j >= chunk.length || chunk[j] !== key) return false;
    chunk.splice(j, 1);
    if (chunk.length === 0) this.chunks.splice(c, 1);
    this.count--;
    this.stale = true;
    return true;
  }

  /** lowerBound is the first position whose key is >= key. */
  lowerBound(key: string): number {
    const c = this.chunkFor(key);
    if (c === this.chunks.length) return this.count;
    this.index();
    return this.starts[c]! + lowerBoundIn(this.chunks[c]!, key);
  }

  /** upperBound is the first position whose key is > key. */
  upperBound(key: string): number {
    const i = this.lowerBound(key);
    return i < this.count && this.at(i) === key ? i + 1 : i;
  }

  /** chunkFor is the first chunk whose last key is >= key (chunks.length if none). */
  private chunkFor(key: string): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid]!;
      if (compareKeys(chunk[chunk.length - 1]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** chunkOf is the chunk holding position i. */
  private chunkOf(i: number): number {
    this.index();
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private index(): void {
    if (!this.stale) return;
    this.starts = new Array<number>(this.chunks.length);
    let n = 0;
    for (let c = 0; c < this.chunks.length; c++) {
      this.starts[c] = n;
      n += this.chunks[c]!.length;
    }
    this.stale = false;
  }

  /**
   * range returns [from, to): the positions of keys that start with prefix and, if
   * startAfter is given, are strictly greater than it.
   */
  range(prefix: string, startAfter?: string): [number, number] {
    const first = this.lowerBound(prefix);
    // Keys with the prefix are contiguous from `first`; find where they stop.
    let lo = first;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid).startsWith(prefix)) lo = mid + 1;
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

/** lowerBoundIn is the first index of sorted chunk whose key is >= key. */
function lowerBoundIn(chunk: readonly string[], key: string): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(chunk[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
