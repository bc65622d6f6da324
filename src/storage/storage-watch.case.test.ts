/** Watch part of the Storage contract suite; registered by runStorageContract. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Storage } from './interface.js';
import { collect, summary, until } from './storage-case-helpers.test.js';

/** WithStore wraps a test body with a fresh store and its starting revision. */
export type WithStore = (fn: (s: Storage, base: number) => Promise<void>) => () => Promise<void>;

const settle = () => new Promise((r) => setTimeout(r, 20));

/** watchCases registers the watch tests inside the caller's describe block. */
export function watchCases(withStore: WithStore): void {
  it('replays history after fromRevision with prevKv, then streams', withStore(async (s, base) => {
    await s.create('/w/a', '1'); // +1
    await s.update('/w/a', '2', base + 1); // +2
    await s.create('/w/b', 'x'); // +3
    await s.create('/v/other', 'o'); // +4
    await s.delete('/w/a'); // +5
    const cases = [
      { from: base, want: [['PUT', '/w/a', '1', 1, undefined], ['PUT', '/w/a', '2', 2, '1'], ['PUT', '/w/b', 'x', 3, undefined], ['DELETE', '/w/a', '2', 5, '2']] },
      { from: base + 2, want: [['PUT', '/w/b', 'x', 3, undefined], ['DELETE', '/w/a', '2', 5, '2']] },
      { from: base + 5, want: [] },
    ];
    const watches = [];
    for (const tc of cases) {
      const w = await collect(s, '/w/', tc.from);
      await until(() => w.events.length >= tc.want.length);
      assert.deepEqual(summary(w.events, base), tc.want, `from ${tc.from - base}`);
      watches.push({ w, replayed: tc.want });
    }
    const del = watches[0]!.w.events[3]!;
    assert.deepEqual({ ...del.kv }, { key: '/w/a', value: '2', createRevision: base + 1, modRevision: base + 5 });
    assert.deepEqual({ ...del.prevKv }, { key: '/w/a', value: '2', createRevision: base + 1, modRevision: base + 2 });

    await s.update('/w/b', 'y', base + 3); // +6
    await s.create('/w/a', '3'); // +7: a new incarnation has no prevKv
    const live = [['PUT', '/w/b', 'y', 6, 'x'], ['PUT', '/w/a', '3', 7, undefined]];
    for (const { w, replayed } of watches) {
      await until(() => w.events.length >= replayed.length + live.length);
      assert.deepEqual(summary(w.events, base), [...replayed, ...live]);
      assert.deepEqual(w.errors, []);
      w.watcher.stop();
    }
  }));

  it('starting at or beyond the newest revision sees only later events', withStore(async (s, base) => {
    await s.create('/w/a', '1'); // +1
    const now = await collect(s, '/w/', base + 1);
    const ahead = await collect(s, '/w/', base + 2);
    await s.create('/w/b', '2'); // +2
    await s.create('/w/c', '3'); // +3
    await until(() => now.events.length === 2 && ahead.events.length === 1);
    assert.deepEqual(summary(now.events, base).map((e) => e[3]), [2, 3]);
    assert.deepEqual(summary(ahead.events, base).map((e) => e[3]), [3]);
    now.watcher.stop();
    ahead.watcher.stop();
  }));

  it('sees nothing outside its prefix', withStore(async (s, base) => {
    const w = await collect(s, '/w/', base);
    for (const k of ['/wx/a', '/w', '/v/w/a', '/W/a']) await s.create(k, 'v');
    await settle();
    assert.deepEqual(w.events, []);
    await s.create('/w/z', 'in');
    await until(() => w.events.length === 1);
    assert.deepEqual(summary(w.events, base), [['PUT', '/w/z', 'in', 5, undefined]]);
    w.watcher.stop();
  }));

  it('delivers a burst in revision order to every watcher', withStore(async (s, base) => {
    const ws = await Promise.all([collect(s, '/b/', base), collect(s, '/b/', base), collect(s, '', base)]);
    await Promise.all(Array.from({ length: 50 }, (_, i) => s.create(`/b/${i}`, `${i}`)));
    for (const w of ws) {
      await until(() => w.events.length === 50);
      assert.deepEqual(w.events.map((e) => e.revision - base), Array.from({ length: 50 }, (_, i) => i + 1));
      w.watcher.stop();
    }
  }));

  it('stops delivery on stop(), which is safe to call twice', withStore(async (s, base) => {
    const w = await collect(s, '/s/', base);
    await s.create('/s/a', '1');
    await until(() => w.events.length === 1);
    w.watcher.stop();
    w.watcher.stop();
    await s.create('/s/b', '2');
    await settle();
    assert.equal(w.events.length, 1);
    assert.deepEqual(w.errors, []);
  }));
}
