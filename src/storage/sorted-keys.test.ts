import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
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
});
