import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusError } from '../errors.js';
import { applyMergePatch } from './merge-patch.js';

// RFC 7386 appendix A plus evanphx v4's null pruning.
const cases: Array<[unknown, unknown, unknown]> = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  [{ a: 1 }, { a: [null, { x: null }] }, { a: [null, {}] }],
  [{ a: { b: 1 } }, { a: [null] }, { a: [null] }],
  [{ metadata: { labels: { a: '1', b: '2' } } }, { metadata: { labels: { a: null } } }, { metadata: { labels: { b: '2' } } }],
  [{ a: 1 }, [1, null], [1, null]],
];
for (const [i, [doc, patch, want]] of cases.entries()) {
  test(`merge patch case ${i}`, () => {
    const before = JSON.stringify(doc);
    assert.deepEqual(applyMergePatch(doc, patch), want);
    assert.equal(JSON.stringify(doc), before);
  });
}

for (const patch of [null, 5, 'x', true]) {
  test(`merge patch rejects ${JSON.stringify(patch)} with 400`, () => {
    assert.throws(() => applyMergePatch({}, patch), (e: unknown) => isStatusError(e) && e.code === 400 && e.status.message === 'Invalid JSON Patch');
  });
}
