import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareKeys } from './key-order.js';
import { SortedKeys } from './sorted-keys.js';

describe('SortedKeys', () => {
  const keys = ['/a/2', '/b/1', '/a/1', '/a', '/ab/1', '/a/3'];
  const build = () => {
    const s = new SortedKeys();
    for (const k of keys) assert.equal(s.insert(k), true);
    return s;
  };
  const slice = (s: SortedKeys, [from, to]: [number, number]) => Array.from({ length: to - from }, (_, i) => s.at(from + i));

  it('keeps keys sorted and unique', () => {
    const s = build();
    assert.equal(s.insert('/a/1'), false);
    assert.deepEqual(slice(s, [0, s.size]), ['/a', '/a/1', '/a/2', '/a/3', '/ab/1', '/b/1']);
    assert.equal(s.remove('/a/2'), true);
    assert.equal(s.remove('/a/2'), false);
    assert.equal(s.has('/a/2'), false);
    assert.equal(s.has('/a/3'), true);
  });

  const cases: Array<{ prefix: string; startAfter?: string; want: string[] }> = [
    { prefix: '/a/', want: ['/a/1', '/a/2', '/a/3'] },
    { prefix: '/a', want: ['/a', '/a/1', '/a/2', '/a/3', '/ab/1'] },
    { prefix: '/a/', startAfter: '/a/1', want: ['/a/2', '/a/3'] },
    { prefix: '/a/', startAfter: '/a/15', want: ['/a/2', '/a/3'] },
    { prefix: '/a/', startAfter: '/a/3', want: [] },
    { prefix: '/a/', startAfter: '/0', want: ['/a/1', '/a/2', '/a/3'] },
    { prefix: '/a/', startAfter: '/z', want: [] },
    { prefix: '', startAfter: '/ab/1', want: ['/b/1'] },
    { prefix: '/c/', want: [] },
  ];
  for (const tc of cases) {
    it(`range ${tc.prefix} after ${tc.startAfter ?? '-'}`, () => {
      const s = build();
      assert.deepEqual(slice(s, s.range(tc.prefix, tc.startAfter)), tc.want);
    });
  }

  it('matches a plain sorted array through thousands of unordered inserts and removes', () => {
    // Enough keys to split chunks and empty some again; a fixed LCG keeps the run repeatable.
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const s = new SortedKeys();
    const ref = new Set<string>();
    for (let i = 0; i < 6000; i++) {
      const k = `/registry/pods/ns-${rand(3)}/pod-${rand(4000)}`;
      if (rand(4) === 0) assert.equal(s.remove(k), ref.delete(k));
      else {
        assert.equal(s.insert(k), !ref.has(k));
        ref.add(k);
      }
    }
    const want = [...ref].sort(compareKeys);
    assert.equal(s.size, want.length);
    assert.deepEqual(slice(s, [0, s.size]), want);
    const prefix = '/registry/pods/ns-1/';
    assert.deepEqual(slice(s, s.range(prefix)), want.filter((k) => k.startsWith(prefix)));
    assert.deepEqual(slice(s, s.range(prefix, '/registry/pods/ns-1/pod-2')), want.filter((k) => k.startsWith(prefix) && compareKeys(k, '/registry/pods/ns-1/pod-2') > 0));
    for (const k of want.slice(0, 50)) assert.equal(s.has(k), true);
  });
});
