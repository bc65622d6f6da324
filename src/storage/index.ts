/**
 * Storage layer public surface: the etcd-like Storage contract and its backends. Other
 * layers import from here, never from a backend folder.
 */
export * from './interface.js';
export { MemoryStore } from './memory/memory-store.js';
export { SqliteStore } from './sqlite/sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite/sqlite-store.js';

import type { Storage } from './interface.js';
import { MemoryStore } from './memory/memory-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { SqliteStoreOptions } from './sqlite/sqlite-store.js';

/** StorageConfig selects a backend; 'sqlite' takes a file path (or ':memory:'). */
export type StorageConfig = { type: 'memory' } | ({ type: 'sqlite'; path: string } & SqliteStoreOptions);

/** openStorage builds the configured backend, so callers depend only on Storage. */
export async function openStorage(opts: StorageConfig): Promise<Storage> {
  switch (opts.type) {
    case 'memory':
      return new MemoryStore();
    case 'sqlite': {
      const { type: _type, path, ...rest } = opts;
      return SqliteStore.open(path, rest);
    }
  }
}
