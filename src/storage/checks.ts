import { StorageError } from './interface.js';
import type { KeyValue, StorageEvent, StorageEventType } from './interface.js';

/**
 * readRevision picks the revision a get/list reads at: 0/absent means the newest, a
 * revision beyond the newest is clamped to it (nothing newer exists), and one older than
 * the compact revision is Expired. Reading exactly at the compact revision is allowed,
 * as in etcd: compaction keeps every key's value as of that revision.
 */
export function readRevision(requested: number | undefined, current: number, compacted: number, key: string): number {
  if (!requested || requested >= current) return current;
  if (requested < compacted) throw expired(key, compacted);
  return requested;
}

/** expired is the error for reads and watches older than the compact revision. */
export function expired(key: string, compacted: number): StorageError {
  return new StorageError('Expired', key, `revision has been compacted (compact revision ${compacted})`, compacted);
}

/** checkExpected throws NotFound/Conflict unless existing is at expected (if given). */
export function checkExpected(key: string, existing: KeyValue | undefined, expected?: number): KeyValue {
  if (!existing) throw new StorageError('NotFound', key);
  if (expected !== undefined && existing.modRevision !== expected) {
    throw new StorageError(
      'Conflict',
      key,
      `${key}: expected revision ${expected}, found ${existing.modRevision}`,
      existing.modRevision,
    );
  }
  return existing;
}

/** frozenKv builds the immutable KeyValue both backends share with callers. */
export function frozenKv(key: string, value: string, createRevision: number, modRevision: number): KeyValue {
  return Object.freeze({ key, value, createRevision, modRevision });
}

/** frozenEvent builds the immutable event fanned out to every watcher. */
export function frozenEvent(type: StorageEventType, kv: KeyValue, prevKv: KeyValue | undefined): StorageEvent {
  const ev: StorageEvent = prevKv ? { type, kv, prevKv, revision: kv.modRevision } : { type, kv, revision: kv.modRevision };
  return Object.freeze(ev);
}

/** assertOpen rejects calls on a closed store with a plain Error (a programming error). */
export function assertOpen(closed: boolean): void {
  if (closed) throw new Error('storage is closed');
}
