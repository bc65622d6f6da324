import type {
  GetOptions,
  KeyValue,
  ListOptions,
  ListResult,
  Storage,
  StorageEvent,
  StorageEventType,
  WatchHandlers,
  WatchOptions,
  Watcher,
} from '../interface.js';
import { StorageError } from '../interface.js';
import { assertOpen, checkExpected, expired, frozenEvent, frozenKv, readRevision } from '../checks.js';
import { CurrentIndex } from '../current-index.js';
import { SortedKeys } from '../sorted-keys.js';
import { WatchHub } from '../watch-hub.js';
import { KeyHistory } from './key-history.js';

/**
 * MemoryStore is the in-process Storage backend: an append-only event log plus per-key
 * version lists, kept until compaction, so reads at older revisions and watch replay
 * behave exactly like the SQL backend. Nothing survives the process; use it for tests and
 * throwaway clusters.
 */
export class MemoryStore implements Storage {
  private rev = 0;
  private compacted = 0;
  private closed = false;
  /** Newest live value per key: serves reads at the current revision. */
  private readonly current = new CurrentIndex();
  /** Every key that still has a retained version, for reads at older revisions. */
  private readonly allKeys = new SortedKeys();
  private readonly histories = new Map<string, KeyHistory>();
  /** Events with revision > compacted, in revision order, for watch replay. */
  private log: StorageEvent[] = [];
  private readonly hub = new WatchHub();

  async currentRevision(): Promise<number> {
    assertOpen(this.closed);
    return this.rev;
  }

  async compactRevision(): Promise<number> {
    assertOpen(this.closed);
    return this.compacted;
  }

  async create(key: string, value: string): Promise<KeyValue> {
    assertOpen(this.closed);
    if (this.current.get(key)) throw new StorageError('AlreadyExists', key);
    const rev = this.rev + 1;
    return this.commit('PUT', frozenKv(key, value, rev, rev), undefined);
  }

  async get(key: string, opts?: GetOptions): Promise<KeyValue | undefined> {
    assertOpen(this.closed);
    const rev = readRevision(opts?.revision, this.rev, this.compacted, key);
    if (rev === this.rev) return this.current.get(key);
    return this.histories.get(key)?.at(rev);
  }

  async list(opts: ListOptions): Promise<ListResult> {
    assertOpen(this.closed);
    const rev = readRevision(opts.revision, this.rev, this.compacted, opts.prefix);
    if (rev === this.rev) return { ...this.current.page(opts), revision: rev };
    return this.listAt(opts, rev);
  }

  async count(prefix: string): Promise<number> {
    assertOpen(this.closed);
    return this.current.count(prefix);
  }

  async update(key: string, value: string, expectedRevision: number): Promise<KeyValue> {
    assertOpen(this.closed);
    const prev = checkExpected(key, this.current.get(key), expectedRevision);
    return this.commit('PUT', frozenKv(key, value, prev.createRevision, this.rev + 1), prev);
  }

  async delete(key: string, expectedRevision?: number): Promise<KeyValue> {
    assertOpen(this.closed);
    const prev = checkExpected(key, this.current.get(key), expectedRevision);
    this.commit('DELETE', frozenKv(key, prev.value, prev.createRevision, this.rev + 1), prev);
    return prev;
  }

  async watch(opts: WatchOptions, handlers: WatchHandlers): Promise<Watcher> {
    assertOpen(this.closed);
    if (opts.fromRevision < this.compacted) throw expired(opts.prefix, this.compacted);
    const history: StorageEvent[] = [];
    for (let i = this.firstLogIndexAfter(opts.fromRevision); i < this.log.length; i++) {
      const ev = this.log[i]!;
      if (ev.kv.key.startsWith(opts.prefix)) history.push(ev);
    }
    return this.hub.subscribe(opts.prefix, opts.fromRevision, history, handlers);
  }

  async compact(revision: number): Promise<void> {
    assertOpen(this.closed);
    const target = Math.min(revision, this.rev);
    if (target <= this.compacted) return;
    this.log = this.log.slice(this.firstLogIndexAfter(target));
    for (const [key, h] of this.histories) {
      h.compact(target);
      if (h.empty) {
        this.histories.delete(key);
        this.allKeys.remove(key);
      }
    }
    this.compacted = target;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.hub.closeAll(new Error('storage closed'));
  }

  /** commit appends one write at the next revision and publishes it to watchers. */
  private commit(type: StorageEventType, kv: KeyValue, prevKv: KeyValue | undefined): KeyValue {
    this.rev = kv.modRevision;
    let h = this.histories.get(kv.key);
    if (!h) {
      h = new KeyHistory();
      this.histories.set(kv.key, h);
      this.allKeys.insert(kv.key);
    }
    h.push({ kv, deleted: type === 'DELETE' });
    if (type === 'DELETE') this.current.delete(kv.key);
    else this.current.set(kv);
    const ev = frozenEvent(type, kv, prevKv);
    this.log.push(ev);
    this.hub.publish(ev);
    return kv;
  }

  /** listAt scans retained versions as of an older revision. */
  private listAt(opts: ListOptions, rev: number): ListResult {
    const [from, to] = this.allKeys.range(opts.prefix, opts.startAfter);
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    const items: KeyValue[] = [];
    let remaining = 0;
    for (let i = from; i < to; i++) {
      const kv = this.histories.get(this.allKeys.at(i))!.at(rev);
      if (!kv) continue;
      if (items.length < limit) items.push(kv);
      else remaining++;
    }
    return { items, revision: rev, more: remaining > 0, remaining };
  }

  /** firstLogIndexAfter is the position of the first logged event with revision > rev. */
  private firstLogIndexAfter(rev: number): number {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.log[mid]!.revision <= rev) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
