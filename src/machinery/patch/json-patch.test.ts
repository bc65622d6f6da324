import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusError } from '../errors.js';
import { applyJsonPatch } from './json-patch.js';
import { UNPROCESSABLE_MESSAGE } from './errors.js';

const doc = { metadata: { name: 'p', labels: { 'a/b': '1', 'm~n': '2' } }, spec: { list: [1, 2, 3] } };

const ok: Array<{ name: string; ops: unknown[]; want: unknown }> = [
  { name: 'add member', ops: [{ op: 'add', path: '/spec/x', value: 1 }], want: { ...doc, spec: { list: [1, 2, 3], x: 1 } } },
  { name: 'add at index', ops: [{ op: 'add', path: '/spec/list/1', value: 9 }], want: { ...doc, spec: { list: [1, 9, 2, 3] } } },
  { name: 'add with - appends', ops: [{ op: 'add', path: '/spec/list/-', value: 4 }], want: { ...doc, spec: { list: [1, 2, 3, 4] } } },
  { name: 'add at len appends', ops: [{ op: 'add', path: '/spec/list/3', value: 4 }], want: { ...doc, spec: { list: [1, 2, 3, 4] } } },
  { name: 'negative index (evanphx v4)', ops: [{ op: 'remove', path: '/spec/list/-1' }], want: { ...doc, spec: { list: [1, 2] } } },
  { name: 'remove escaped ~1', ops: [{ op: 'remove', path: '/metadata/labels/a~1b' }], want: { ...doc, metadata: { name: 'p', labels: { 'm~n': '2' } } } },
  { name: 'replace escaped ~0', ops: [{ op: 'replace', path: '/metadata/labels/m~0n', value: 'x' }], want: { ...doc, metadata: { name: 'p', labels: { 'a/b': '1', 'm~n': 'x' } } } },
  { name: 'replace array element', ops: [{ op: 'replace', path: '/spec/list/0', value: 7 }], want: { ...doc, spec: { list: [7, 2, 3] } } },
  { name: 'move', ops: [{ op: 'move', from: '/spec/list', path: '/spec/moved' }], want: { ...doc, spec: { moved: [1, 2, 3] } } },
  { name: 'copy', ops: [{ op: 'copy', from: '/spec/list/2', path: '/spec/c' }], want: { ...doc, spec: { list: [1, 2, 3], c: 3 } } },
  { name: 'test passes', ops: [{ op: 'test', path: '/spec/list', value: [1, 2, 3] }], want: doc },
  { name: 'test null on missing passes', ops: [{ op: 'test', path: '/spec/none', value: null }], want: doc },
  { name: 'replace whole document', ops: [{ op: 'replace', path: '', value: { a: 1 } }], want: { a: 1 } },
  { name: 'add without value adds null', ops: [{ op: 'add', path: '/spec/n' }], want: { ...doc, spec: { list: [1, 2, 3], n: null } } },
];
for (const c of ok) {
  test(`json patch: ${c.name}`, () => {
    const before = JSON.stringify(doc);
    assert.deepEqual(applyJsonPatch(doc, c.ops), c.want);
    assert.equal(JSON.stringify(doc), before);
  });
}

const bad: Array<{ name: string; ops: unknown; code: number; message?: string }> = [
  { name: 'test fails', ops: [{ op: 'test', path: '/metadata/name', value: 'q' }], code: 422, message: UNPROCESSABLE_MESSAGE },
  { name: 'remove missing key', ops: [{ op: 'remove', path: '/metadata/nope' }], code: 422 },
  { name: 'replace missing key', ops: [{ op: 'replace', path: '/metadata/nope', value: 1 }], code: 422 },
  { name: 'add under missing parent', ops: [{ op: 'add', path: '/a/b/c', value: 1 }], code: 422 },
  { name: 'index out of range', ops: [{ op: 'add', path: '/spec/list/9', value: 1 }], code: 422 },
  { name: 'non-numeric index', ops: [{ op: 'add', path: '/spec/list/x', value: 1 }], code: 422 },
  { name: 'unknown op', ops: [{ op: 'frob', path: '/a' }], code: 422 },
  { name: 'path without slash', ops: [{ op: 'add', path: 'a', value: 1 }], code: 422 },
  { name: 'move into own child', ops: [{ op: 'move', from: '/spec', path: '/spec/x' }], code: 422 },
  { name: 'not a list', ops: { op: 'add' }, code: 400, message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' },
  { name: 'too many operations', ops: Array.from({ length: 10001 }, () => ({ op: 'test', path: '', value: null })), code: 413 },
];
for (const c of bad) {
  test(`json patch error: ${c.name}`, () => {
    assert.throws(
      () => applyJsonPatch(doc, c.ops),
      (e: unknown) => isStatusError(e) && e.code === c.code && (c.message === undefined || e.status.message === c.message),
    );
  });
}
