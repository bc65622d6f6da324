import type Database from 'better-sqlite3';
import type { KeyValue, StorageEvent, StorageEventType } from '../interface.js';
import { frozenEvent } from '../checks.js';
import type { Statements } from './schema.js';

/** Latest is the newest state of a key including uncommitted writes. */
export interface Latest {
  /** The live value, if the key exists. */
  kv?: KeyValue;
  /** Id of the key's newest log row (live or tombstone), 0 if none: the next prev_revision. */
  lastRow: number;
}

interface Pending {
  ev: StorageEvent;
  resolve(kv: KeyValue): void;
  reject(err: unknown): void;
}

/**
 * GroupCommit batches the writes issued in one event-loop turn into one SQLite
 * transaction. The first write opens the transaction and schedules the commit with
 * setImmediate, so every write made by I/O callbacks of the same poll phase (e.g. many
 * concurrent HTTP requests) shares one commit; a lone writer simply commits one turn
 * later. Nothing is visible until the commit: pending writes live in an overlay used only
 * to validate later writes of the same batch (create/update/delete preconditions), and
 * their promises resolve, and their events are published, only after COMMIT returned.
 * So "acknowledged" and "observed by anyone" both imply "in the WAL". If COMMIT fails the
 * whole batch is rolled back and rejected, leaving memory and disk as they were.
 */
export class GroupCommit {
  private writes: Pending[] = [];
  private readonly overlay = new Map<string, Latest>();
  private scheduled = false;

  constructor(
    private readonly db: Database.Database,
    private readonly stmts: Statements,
    /** Applies committed events, in order, to the store's memory state (index, watchers). */
    private readonly onCommit: (events: StorageEvent[]) => void,
  ) {}

  /** lastRevision is the revision of the newest pending write, if any. */
  get lastRevision(): number | undefined {
    return this.writes[this.writes.length - 1]?.ev.revision;
  }

  /** pendingState returns the key's state as changed by this batch, if it was. */
  pendingState(key: string): Latest | undefined {
    return this.overlay.get(key);
  }

  /**
   * add inserts one row inside the open batch and returns a promise settled at commit.
   * The caller has validated preconditions against pendingState/committed state.
   */
  add(type: StorageEventType, kv: KeyValue, prev: KeyValue | undefined, prevRow: number): Promise<KeyValue> {
    const first = this.writes.length === 0;
    if (first) this.stmts.begin.run();
    try {
      this.stmts.insert.run(kv.modRevision, kv.key, prev ? 0 : 1, type === 'DELETE' ? 1 : 0, kv.createRevision, prevRow, kv.value);
    } catch (err) {
      if (first) this.stmts.rollback.run(); // a failed statement leaves the rest of a batch intact
      throw err;
    }
    this.overlay.set(kv.key, type === 'DELETE' ? { lastRow: kv.modRevision } : { kv, lastRow: kv.modRevision });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return new Promise((resolve, reject) => this.writes.push({ ev: frozenEvent(type, kv, prev), resolve, reject }));
  }

  /** flush commits the open batch now (also used before compaction and close). */
  flush(): void {
    this.scheduled = false;
    const writes = this.writes;
    if (writes.length === 0) return;
    this.writes = [];
    this.overlay.clear();
    try {
      this.stmts.commit.run();
    } catch (err) {
      if (this.db.inTransaction) this.stmts.rollback.run();
      for (const w of writes) w.reject(err);
      return;
    }
    this.onCommit(writes.map((w) => w.ev));
    for (const w of writes) w.resolve(w.ev.type === 'DELETE' ? w.ev.prevKv! : w.ev.kv);
  }

  /** abort rejects every pending write and rolls the batch back (store closing on error). */
  abort(err: Error): void {
    const writes = this.writes;
    this.writes = [];
    this.overlay.clear();
    if (this.db.inTransaction) this.stmts.rollback.run();
    for (const w of writes) w.reject(err);
  }
}
