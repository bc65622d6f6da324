import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isStorageError } from '../interface.js';
import { collect } from '../storage-case-helpers.test.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-group-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('SqliteStore group commit', () => {
  it('commits writes of one turn together and shows nothing before the commit', async () => {
    const s = SqliteStore.open(':memory:');
    const w = await collect(s, '/g/', 0);
    const writes = [s.create('/g/a', '1'), s.update('/g/a', '2', 1), s.create('/g/b', 'b'), s.delete('/g/b')];
    // Still before the commit: readers and watchers see the old state.
    assert.equal(await s.get('/g/a'), undefined);
    assert.equal(await s.currentRevision(), 0);
    assert.equal(w.events.length, 0);
    const done = await Promise.all(writes);
    assert.deepEqual(done.map((kv) => [kv.key, kv.value, kv.modRevision]), [
      ['/g/a', '1', 1], ['/g/a', '2', 2], ['/g/b', 'b', 3], ['/g/b', 'b', 3], // delete returns the last value
    ]);
    assert.equal(await s.currentRevision(), 4);
    assert.deepEqual(w.events.map((e) => [e.type, e.revision]), [['PUT', 1], ['PUT', 2], ['PUT', 3], ['DELETE', 4]]);
    await s.close();
  });

  it('checks preconditions against earlier writes of the same batch', async () => {
    const s = SqliteStore.open(':memory:');
    await s.create('/g/a', '1'); // 1
    const results = await Promise.allSettled([
      s.update('/g/a', 'x', 1), // 2
      s.update('/g/a', 'y', 1), // stale: the first update is pending at 2
      s.create('/g/a', 'z'), // exists (pending)
      s.delete('/g/a', 2), // 3
      s.create('/g/a', 'again'), // 4: re-created after the pending delete
    ]);
    assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value.modRevision : (r.reason as Error).name + ':' + (isStorageError(r.reason) ? r.reason.code : ''))), [
      2, 'StorageError:Conflict', 'StorageError:AlreadyExists', 2, 4,
    ]);
    assert.deepEqual({ ...(await s.get('/g/a')) }, { key: '/g/a', value: 'again', createRevision: 4, modRevision: 4 });
    assert.equal(await s.currentRevision(), 4);
    await s.close();
  });

  it('a failing insert fails alone and leaves the rest of its batch', async () => {
    const path = join(dir, 'trigger.sqlite');
    await SqliteStore.open(path).close();
    const raw = new Database(path);
    raw.exec(`CREATE TRIGGER fail_insert BEFORE INSERT ON kine WHEN NEW.name LIKE '/bad/%' BEGIN SELECT RAISE(ABORT, 'refused'); END;`);
    raw.close();
    const s = SqliteStore.open(path);
    // First write of a batch fails: the batch is rolled back and the next write starts a new one.
    await assert.rejects(s.create('/bad/1', 'x'), /refused/);
    const results = await Promise.allSettled([s.create('/ok/1', 'a'), s.create('/bad/2', 'x'), s.create('/ok/2', 'b')]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual((await s.list({ prefix: '/ok/' })).items.map((i) => [i.key, i.modRevision]), [['/ok/1', 1], ['/ok/2', 2]]);
    await s.close();
    const again = SqliteStore.open(path);
    assert.equal(await again.currentRevision(), 2);
    assert.equal(await again.count('/'), 2);
    await again.close();
  });

  it('close commits writes already made', async () => {
    const path = join(dir, 'close.sqlite');
    const s = SqliteStore.open(path);
    const p = s.create('/c/a', '1');
    await s.close();
    assert.equal((await p).modRevision, 1);
    const again = SqliteStore.open(path);
    assert.equal((await again.get('/c/a'))?.value, '1');
    await again.close();
  });
});
