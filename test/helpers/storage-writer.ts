/**
 * Child process for test/storage-crash.test.ts: opens a SqliteStore at argv[2] and creates
 * keys as fast as it can, printing each key only after its create resolved. stdout is a
 * pipe, which Node writes synchronously on POSIX, so a printed key is an acknowledged write
 * even if the parent kills this process right after.
 */
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';

const path = process.argv[2];
if (!path) throw new Error('usage: storage-writer <db path>');
const store = SqliteStore.open(path);
const value = JSON.stringify({ kind: 'Pod', pad: 'x'.repeat(1000) });
// Bounded so a parent that fails to kill us does not leave a writer running forever.
for (let i = 0; i < 1_000_000; i++) {
  const key = `/registry/crash/key-${String(i).padStart(7, '0')}`;
  await store.create(key, value);
  process.stdout.write(`${key}\n`);
}
await store.close();
