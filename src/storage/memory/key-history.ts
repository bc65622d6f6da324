import type { KeyValue } from '../interface.js';

/**
 * Version is one retained write of a key: its value as of kv.modRevision, or a tombstone
 * (deleted) whose kv is the last value with modRevision set to the delete's revision.
 */
export interface Version {
  readonly kv: KeyValue;
  readonly deleted: boolean;
}

/**
 * KeyHistory holds the retained versions of one key, oldest first, so a read at an old
 * revision is a binary search. This is MemoryStore's equivalent of the rows of one name
 * in kine's log table.
 */
export class KeyHistory {
  private versions: Version[] = [];

  get newest(): Version | undefined {
    return this.versions[this.versions.length - 1];
  }

  get empty(): boolean {
    return this.versions.length === 0;
  }

  push(v: Version): void {
    this.versions.push(v);
  }

  /** at returns the live value as of revision, or undefined if absent or deleted then. */
  at(revision: number): KeyValue | undefined {
    let lo = 0;
    let hi = this.versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.versions[mid]!.kv.modRevision <= revision) lo = mid + 1;
      else hi = mid;
    }
    const v = this.versions[lo - 1];
    return v && !v.deleted ? v.kv : undefined;
  }

  /**
   * compact drops versions that no read at a revision >= `revision` can see: everything
   * older than the newest version at `revision`, and that version too if it is a tombstone.
   */
  compact(revision: number): void {
    let keepFrom = 0;
    for (let i = 0; i < this.versions.length && this.versions[i]!.kv.modRevision <= revision; i++) keepFrom = i;
    const pivot = this.versions[keepFrom];
    if (pivot && pivot.kv.modRevision <= revision && pivot.deleted) keepFrom++;
    if (keepFrom > 0) this.versions = this.versions.slice(keepFrom);
  }
}
