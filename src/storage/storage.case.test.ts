/**
 * The Storage contract suite (Hono's *.case.test.ts pattern): every backend's test file
 * calls runStorageContract with a factory, so all backends are held to the same etcd
 * semantics. Revisions are asserted relative to the store's revision at the start of
 * each test, so a backend need not start at 0.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Storage, StorageErrorCode } from './interface.js';
import { assertPage, collect, kv, rejects, summary, until } from './storage-case-helpers.test.js';
import { watchCases } from './storage-watch.case.test.js';

/** runStorageContract registers the shared suite for one backend. */
export function runStorageContract(name: string, newStore: () => Promise<Storage>): void {
  const withStore = (fn: (s: Storage, base: number) => Promise<void>) => async () => {
    const s = await newStore();
    try {
      await fn(s, await s.currentRevision());
    } finally {
      await s.close();
    }
  };

  describe(`${name}: storage contract`, () => {
    it('gives every write the next revision and never goes back', withStore(async (s, base) => {
      const writes = [
        () => s.create('/k/a', '1'),
        () => s.create('/k/b', '1'),
        () => s.update('/k/a', '2', base + 1),
        () => s.delete('/k/b'),
        () => s.create('/k/b', '2'),
      ];
      for (const [i, write] of writes.entries()) {
        const kv = await write();
        assert.equal(await s.currentRevision(), base + i + 1);
        if (i !== 3) assert.equal(kv.modRevision, base + i + 1); // delete returns the old value
      }
      await rejects(s.create('/k/a', 'x'), 'AlreadyExists');
      assert.equal(await s.currentRevision(), base + writes.length, 'failed writes take no revision');
    }));

    it('creates keys once, and again after a delete', withStore(async (s, base) => {
      assert.deepEqual({ ...(await s.create('/k/a', 'v')) }, kv('/k/a', 'v', base + 1, base + 1));
      await rejects(s.create('/k/a', 'w'), 'AlreadyExists');
      await s.delete('/k/a');
      assert.deepEqual({ ...(await s.create('/k/a', 'w')) }, kv('/k/a', 'w', base + 3, base + 3));
    }));

    it('reads a key at any retained revision', withStore(async (s, base) => {
      await s.create('/k/other', 'x'); // base+1
      await s.create('/k/a', 'v1'); // base+2
      await s.update('/k/a', 'v2', base + 2); // base+3
      await s.delete('/k/a'); // base+4
      await s.create('/k/other2', 'x'); // base+5
      const cases: Array<{ rev: number; want?: [string, number, number] }> = [
        { rev: base + 1 },
        { rev: base + 2, want: ['v1', base + 2, base + 2] },
        { rev: base + 3, want: ['v2', base + 2, base + 3] },
        { rev: base + 4 },
        { rev: 0 },
        { rev: base + 100 }, // beyond the newest revision reads the newest
      ];
      for (const tc of cases) {
        const got = await s.get('/k/a', { revision: tc.rev });
        const want = tc.want && kv('/k/a', ...tc.want);
        assert.deepEqual(got && { ...got }, want, `revision ${tc.rev}`);
      }
      assert.equal(await s.get('/k/missing'), undefined);
    }));

    it('lists exactly the keys under a prefix, sorted, now and at an older revision', withStore(async (s) => {
      const keys = [
        '/registry/pods/a/1', '/registry/pods/a/2', '/registry/pods/b/1', '/registry/podsx/a/1',
        '/registry/pod/x', '/r%/a', '/r_/a', '/rx/a', '/u/\u{1F600}', '/u/\uE000', '/u/z',
      ];
      for (const k of keys) await s.create(k, `v${k}`);
      const rev = await s.currentRevision();
      await s.create('/registry/pods/a/3', 'later');
      await s.delete('/registry/pods/b/1');
      const cases: Array<{ prefix: string; want: string[] }> = [
        { prefix: '/registry/pods/', want: ['/registry/pods/a/1', '/registry/pods/a/2', '/registry/pods/b/1'] },
        { prefix: '/registry/pods/a/', want: ['/registry/pods/a/1', '/registry/pods/a/2'] },
        { prefix: '/registry/pod', want: ['/registry/pod/x', '/registry/pods/a/1', '/registry/pods/a/2', '/registry/pods/b/1', '/registry/podsx/a/1'] },
        { prefix: '/r%/', want: ['/r%/a'] },
        { prefix: '/r_/', want: ['/r_/a'] },
        { prefix: '/u/', want: ['/u/z', '/u/\uE000', '/u/\u{1F600}'] }, // code-point order
        { prefix: '/nothing/', want: [] },
      ];
      for (const tc of cases) {
        const old = await s.list({ prefix: tc.prefix, revision: rev });
        assert.deepEqual(old.items.map((i) => i.key), tc.want, `${tc.prefix} at ${rev}`);
        assert.equal(old.revision, rev);
        assert.equal(old.more, false);
      }
      const now = await s.list({ prefix: '/registry/pods/' });
      assert.deepEqual(now.items.map((i) => [i.key, i.value]), [
        ['/registry/pods/a/1', 'v/registry/pods/a/1'], ['/registry/pods/a/2', 'v/registry/pods/a/2'], ['/registry/pods/a/3', 'later'],
      ]);
      assert.equal(now.revision, await s.currentRevision());
      const all = await s.list({ prefix: '', revision: rev });
      assert.equal(all.items.length, keys.length);
      assert.deepEqual((await s.list({ prefix: '/u/' })).items.map((i) => i.key), ['/u/z', '/u/\uE000', '/u/\u{1F600}']);
    }));

    it('pages with limit and startAfter, consistently at the first page\'s revision', withStore(async (s) => {
      const keys = Array.from({ length: 7 }, (_, i) => `/p/k${i}`);
      for (const k of keys) await s.create(k, k);
      await s.create('/q/outside', 'x');
      for (const limit of [1, 2, 3, 7, 10]) {
        const first = await s.list({ prefix: '/p/', limit });
        const seen = [...first.items.map((i) => i.key)];
        assertPage(first, keys.length - seen.length, `limit ${limit} first page`);
        let page = first;
        // Writes between pages must not show up: later pages read at first.revision.
        await s.create(`/p/a-new-${limit}`, 'x');
        await s.delete(keys[keys.length - 1]!);
        while (page.more) {
          page = await s.list({ prefix: '/p/', limit, revision: first.revision, startAfter: seen[seen.length - 1] });
          assert.equal(page.revision, first.revision);
          seen.push(...page.items.map((i) => i.key));
          assertPage(page, keys.length - seen.length, `limit ${limit} after ${seen.length}`);
        }
        assert.deepEqual(seen, keys, `limit ${limit}`);
        await s.delete(`/p/a-new-${limit}`);
        await s.create(keys[keys.length - 1]!, 'back');
      }
      const tail = await s.list({ prefix: '/p/', startAfter: '/p/k4' });
      assert.deepEqual(tail.items.map((i) => i.key), ['/p/k5', '/p/k6']);
    }));

    it('counts live keys under a prefix', withStore(async (s) => {
      for (const k of ['/c/a/1', '/c/a/2', '/c/b/1', '/cx/1']) await s.create(k, 'v');
      await s.delete('/c/a/2');
      const cases = [
        { prefix: '/c/', want: 2 },
        { prefix: '/c/a/', want: 1 },
        { prefix: '/c', want: 3 },
        { prefix: '/none/', want: 0 },
      ];
      for (const tc of cases) assert.equal(await s.count(tc.prefix), tc.want, tc.prefix);
    }));

    it('updates only at the expected revision', withStore(async (s, base) => {
      await s.create('/u/a', 'v1'); // base+1
      const cases: Array<{ name: string; key: string; expected: number; err?: StorageErrorCode; errRev?: number }> = [
        { name: 'stale revision', key: '/u/a', expected: base, err: 'Conflict', errRev: base + 1 },
        { name: 'missing key', key: '/u/missing', expected: base + 1, err: 'NotFound' },
        { name: 'matching revision', key: '/u/a', expected: base + 1 },
        { name: 'now stale', key: '/u/a', expected: base + 1, err: 'Conflict', errRev: base + 2 },
      ];
      for (const tc of cases) {
        if (!tc.err) {
          assert.deepEqual({ ...(await s.update(tc.key, 'v2', tc.expected)) }, kv('/u/a', 'v2', base + 1, base + 2), tc.name);
          continue;
        }
        const e = await rejects(s.update(tc.key, 'x', tc.expected), tc.err, tc.name);
        assert.equal(e.revision, tc.errRev, tc.name);
      }
      assert.equal((await s.get('/u/a'))?.value, 'v2');
    }));

    it('deletes, returning the last value, only at the expected revision', withStore(async (s, base) => {
      await s.create('/d/a', 'v1'); // base+1
      await s.update('/d/a', 'v2', base + 1); // base+2
      await s.create('/d/b', 'b'); // base+3
      const e = await rejects(s.delete('/d/a', base + 1), 'Conflict');
      assert.equal(e.revision, base + 2);
      await rejects(s.delete('/d/missing'), 'NotFound');
      assert.deepEqual({ ...(await s.delete('/d/a', base + 2)) }, kv('/d/a', 'v2', base + 1, base + 2));
      assert.deepEqual({ ...(await s.delete('/d/b')) }, kv('/d/b', 'b', base + 3, base + 3));
      await rejects(s.delete('/d/a'), 'NotFound');
      assert.equal(await s.get('/d/a'), undefined);
      assert.deepEqual((await s.list({ prefix: '/d/' })).items, []);
      assert.equal(await s.currentRevision(), base + 5);
    }));

    watchCases(withStore);

    it('compacts history but keeps every key\'s newest value', withStore(async (s, base) => {
      await s.create('/c/k1', 'a'); // +1
      await s.update('/c/k1', 'b', base + 1); // +2
      await s.create('/c/k2', 'x'); // +3
      await s.delete('/c/k2'); // +4
      await s.create('/c/k3', 'y'); // +5
      await s.update('/c/k1', 'c', base + 2); // +6
      await s.compact(base + 5);
      assert.equal(await s.compactRevision(), base + 5);
      for (const op of [
        () => s.get('/c/k1', { revision: base + 4 }),
        () => s.list({ prefix: '/c/', revision: base + 1 }),
        () => s.watch({ prefix: '/c/', fromRevision: base + 4 }, { onEvent: () => {} }),
      ]) {
        const e = await rejects(op(), 'Expired');
        assert.equal(e.revision, base + 5);
      }
      // The compact revision itself and everything after it stay readable.
      assert.equal((await s.get('/c/k1', { revision: base + 5 }))?.value, 'b');
      assert.deepEqual((await s.list({ prefix: '/c/', revision: base + 5 })).items.map((i) => [i.key, i.value]), [['/c/k1', 'b'], ['/c/k3', 'y']]);
      assert.deepEqual((await s.list({ prefix: '/c/' })).items.map((i) => [i.key, i.value]), [['/c/k1', 'c'], ['/c/k3', 'y']]);
      const w = await collect(s, '/c/', base + 5);
      await until(() => w.events.length === 1);
      assert.deepEqual(summary(w.events, base), [['PUT', '/c/k1', 'c', 6, 'b']]);
      w.watcher.stop();
      await s.compact(base + 3); // older than the compact revision: no-op
      assert.equal(await s.compactRevision(), base + 5);
      assert.equal((await s.create('/c/k2', 'again')).createRevision, base + 7);
      await s.compact(await s.currentRevision());
      assert.equal(await s.compactRevision(), base + 7);
      assert.deepEqual((await s.list({ prefix: '/c/' })).items.map((i) => [i.key, i.value, i.createRevision - base]), [
        ['/c/k1', 'c', 1], ['/c/k2', 'again', 7], ['/c/k3', 'y', 5],
      ]);
      assert.equal((await s.update('/c/k1', 'd', base + 6)).modRevision, base + 8);
    }));

    it('ends watches with an error on close and rejects later calls', async () => {
      const s = await newStore();
      const w = await collect(s, '/x/', await s.currentRevision());
      await s.close();
      await until(() => w.errors.length === 1);
      await assert.rejects(s.get('/x/a'));
      await s.close(); // twice is fine
    });
  });
}
