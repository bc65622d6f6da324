import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareKeys, prefixEnd } from './key-order.js';

describe('compareKeys', () => {
  const cases: Array<{ a: string; b: string; want: -1 | 0 | 1 }> = [
    { a: '/a', b: '/b', want: -1 },
    { a: '/a', b: '/a', want: 0 },
    { a: '/a', b: '/a/', want: -1 },
    { a: '/b', b: '/a/zzz', want: 1 },
    { a: '\uE000', b: '\u{1F600}', want: -1 }, // JS `<` says the opposite
    { a: '\uFFFF', b: '\u{10000}', want: -1 },
    { a: '\u{1F600}', b: '\u{1F601}', want: -1 },
    { a: '\uD7FF', b: '\u{10000}', want: -1 },
  ];
  for (const tc of cases) {
    it(`${JSON.stringify(tc.a)} vs ${JSON.stringify(tc.b)}`, () => {
      assert.equal(Math.sign(compareKeys(tc.a, tc.b)), tc.want);
      assert.equal(Math.sign(compareKeys(tc.b, tc.a)), 0 - tc.want);
      // Code-point order is UTF-8 byte order (what SQLite's BINARY collation uses).
      assert.equal(Math.sign(Buffer.compare(Buffer.from(tc.a), Buffer.from(tc.b))), tc.want);
    });
  }
});

describe('prefixEnd', () => {
  const cases: Array<{ prefix: string; want: string | undefined }> = [
    { prefix: '/registry/pods/', want: '/registry/pods0' },
    { prefix: 'a', want: 'b' },
    { prefix: '', want: undefined },
    { prefix: 'a\uD7FF', want: 'a\uE000' },
    { prefix: 'a\u{10FFFF}', want: 'b' },
    { prefix: 'a\u{1F600}', want: 'a\u{1F601}' },
  ];
  for (const tc of cases) {
    it(JSON.stringify(tc.prefix), () => {
      assert.equal(prefixEnd(tc.prefix), tc.want);
      if (tc.want === undefined) return;
      for (const k of [tc.prefix, `${tc.prefix}\u{10FFFE}`, `${tc.prefix}zzz`]) assert.ok(compareKeys(k, tc.want) < 0, k);
    });
  }
});
