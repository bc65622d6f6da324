/**
 * Storage is a key-value store with etcd's semantics. Every backend (memory, sqlite,
 * etcd) passes the same contract suite in storage.case.test.ts.
 *
 * - One global revision for the whole store that only grows; every write gets the next one.
 * - Values are opaque strings (the API server stores JSON).
 * - Keys look like '/registry/pods/default/nginx'; prefixes end in '/'.
 */
export interface KeyValue {
  key: string;
  value: string;
  /** Revision at which the key was (last) created. */
  createRevision: number;
  /** Revision of the last write to the key. */
  modRevision: number;
}

export interface GetOptions {
  /** Read the key as it was at this revision (0 or absent = newest). Expired if compacted. */
  revision?: number;
}

export interface ListOptions {
  /** Keys starting with this string. */
  prefix: string;
  /** Read as of this revision (0 or absent = newest). Expired if older than the compact revision. */
  revision?: number;
  /** At most this many items (0 or absent = all). */
  limit?: number;
  /** Only keys strictly greater than this one (for continue tokens). */
  startAfter?: string;
}

export interface ListResult {
  items: KeyValue[];
  /** The revision the list was read at. */
  revision: number;
  /** More keys match after the last item. */
  more: boolean;
  /** How many matching keys come after the last item, when known. */
  remaining?: number;
}

export type StorageEventType = 'PUT' | 'DELETE';

export interface StorageEvent {
  type: StorageEventType;
  /** For PUT the new value; for DELETE the last value, with modRevision = the delete's revision. */
  kv: KeyValue;
  /** The value before this event, if the key existed. */
  prevKv?: KeyValue;
  /** Revision of this event. */
  revision: number;
}

export interface WatchOptions {
  prefix: string;
  /** Deliver events with revision > fromRevision; history first, then live events. */
  fromRevision: number;
}

export interface Watcher {
  /** Stops delivery; safe to call twice. */
  stop(): void;
}

export interface WatchHandlers {
  onEvent(ev: StorageEvent): void;
  /** The watch ended by the store (closed, or the watcher fell too far behind). */
  onError?(err: Error): void;
}

export interface Storage {
  /** Newest revision of the store. */
  currentRevision(): Promise<number>;
  /** Creates key; throws StorageError 'AlreadyExists' if it exists. */
  create(key: string, value: string): Promise<KeyValue>;
  /** undefined when the key does not exist (at that revision). */
  get(key: string, opts?: GetOptions): Promise<KeyValue | undefined>;
  list(opts: ListOptions): Promise<ListResult>;
  /** Number of keys under prefix at the newest revision. */
  count(prefix: string): Promise<number>;
  /**
   * Replaces key if its modRevision equals expectedRevision.
   * Throws 'NotFound' if missing and 'Conflict' if the revision differs.
   */
  update(key: string, value: string, expectedRevision: number): Promise<KeyValue>;
  /**
   * Deletes key (if expectedRevision is given, only at that modRevision). Returns the
   * deleted value. Throws 'NotFound' or 'Conflict'.
   */
  delete(key: string, expectedRevision?: number): Promise<KeyValue>;
  /**
   * Watches a prefix. Throws StorageError 'Expired' when fromRevision is older than the
   * compact revision (clients must relist). Events arrive in revision order.
   */
  watch(opts: WatchOptions, handlers: WatchHandlers): Promise<Watcher>;
  /** Drops history up to and including revision; keeps every key's newest value. */
  compact(revision: number): Promise<void>;
  /** The newest compacted revision (0 if none). */
  compactRevision(): Promise<number>;
  close(): Promise<void>;
}

export type StorageErrorCode = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Expired';

/** StorageError is storage's own small error kind; the API server maps it to a Status. */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    readonly key: string,
    message?: string,
    /** For Expired: the compact revision; for Conflict: the current modRevision. */
    readonly revision?: number,
  ) {
    super(message ?? `${code}: ${key}`);
    this.name = 'StorageError';
  }
}

export function isStorageError(e: unknown, code?: StorageErrorCode): e is StorageError {
  return e instanceof StorageError && (code === undefined || e.code === code);
}
