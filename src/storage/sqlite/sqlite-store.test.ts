import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStorageContract } from '../storage.case.test.js';
import { collect, summary, until } from '../storage-case-helpers.test.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `db-${n++}.sqlite`);

runStorageContract('SqliteStore (file)', async () => SqliteStore.open(freshPath()));
runStorageContract('SqliteStore (:memory:)', async () => SqliteStore.open(':memory:'));
// Without the in-memory window every older read and watch replay goes to SQL.
runStorageContract('SqliteStore (SQL history)', async () => SqliteStore.open(freshPath(), { historyWindow: 0 }));
runStorageContract('SqliteStore (tiny history window)', async () => SqliteStore.open(':memory:', { historyWindow: 2 }));

describe('SqliteStore persistence', () => {
  it('reopens with the same data, history and compact revision, and continues the revision', async () => {
    const path = freshPath();
    const s1 = SqliteStore.open(path);
    await s1.create('/p/a', 'a1'); // 1
    await s1.create('/p/b', 'b1'); // 2
    await s1.update('/p/a', 'a2', 1); // 3
    await s1.delete('/p/b'); // 4
    await s1.create('/p/c', 'c1'); // 5
    await s1.compact(2);
    await s1.close();

    const s2 = SqliteStore.open(path);
    assert.equal(await s2.currentRevision(), 5);
    assert.equal(await s2.compactRevision(), 2);
    assert.deepEqual((await s2.list({ prefix: '/p/' })).items.map((i) => [i.key, i.value, i.modRevision]), [
      ['/p/a', 'a2', 3], ['/p/c', 'c1', 5],
    ]);
    assert.deepEqual((await s2.list({ prefix: '/p/', revision: 3 })).items.map((i) => i.key), ['/p/a', '/p/b']);
    const w = await collect(s2, '/p/', 2);
    await until(() => w.events.length === 3);
    assert.deepEqual(summary(w.events, 0), [
      ['PUT', '/p/a', 'a2', 3, 'a1'], ['DELETE', '/p/b', 'b1', 4, 'b1'], ['PUT', '/p/c', 'c1', 5, undefined],
    ]);
    // The tombstone of /p/b is still retained, so its re-creation follows it in the log.
    assert.equal((await s2.create('/p/b', 'b2')).modRevision, 6);
    await s2.close();
  });

  it('never reuses a revision, even after compacting away the newest rows', async () => {
    const path = freshPath();
    const s1 = SqliteStore.open(path);
    await s1.create('/r/a', 'x'); // 1
    await s1.delete('/r/a'); // 2: tombstone, removed by compaction below
    await s1.compact(2);
    await s1.close();
    const s2 = SqliteStore.open(path);
    assert.equal(await s2.currentRevision(), 2);
    assert.equal((await s2.create('/r/a', 'y')).modRevision, 3);
    await s2.close();
  });

  it('compacts in batches without losing newest values', async () => {
    const s = SqliteStore.open(':memory:', { compactBatch: 3 });
    for (let i = 0; i < 10; i++) await s.create(`/b/${i}`, '0');
    for (let i = 0; i < 10; i += 2) await s.update(`/b/${i}`, '1', i + 1);
    for (let i = 1; i < 10; i += 4) await s.delete(`/b/${i}`);
    const rev = await s.currentRevision();
    await s.compact(rev);
    assert.equal(await s.compactRevision(), rev);
    assert.deepEqual((await s.list({ prefix: '/b/' })).items.map((i) => `${i.key}=${i.value}`), [
      '/b/0=1', '/b/2=1', '/b/3=0', '/b/4=1', '/b/6=1', '/b/7=0', '/b/8=1',
    ]);
    await s.close();
  });

  it('refuses a second open of a database in use', async () => {
    const path = freshPath();
    const s1 = SqliteStore.open(path);
    await s1.create('/l/a', 'x');
    assert.throws(() => SqliteStore.open(path, { busyTimeoutMs: 0 }), /locked|busy/i);
    await s1.close();
    const s2 = SqliteStore.open(path);
    assert.equal(await s2.count('/l/'), 1);
    await s2.close();
  });
});
