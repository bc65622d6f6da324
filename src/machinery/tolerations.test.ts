import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findMatchingUntoleratedTaint, getMatchingTolerations, toleratesTaint, type Taint, type Toleration } from './tolerations.js';

const taint = (value: string, effect: Taint['effect'] = 'NoSchedule'): Taint => ({ key: 'k', value, effect });
const tol = (operator: string, value: string, extra: Partial<Toleration> = {}): Toleration => ({ key: 'k', operator, value, effect: 'NoSchedule', ...extra });

describe('toleratesTaint: spec §1.7 vectors (gate on)', () => {
  const cases: Array<[string, string, string, boolean]> = [
    ['Gt', '950', '800', false],
    ['Gt', '750', '950', true],
    ['Lt', '800', '950', false],
    ['Lt', '950', '800', true],
    ['Gt', '950', '950', false],
    ['Gt', '950', 'high', false],
    ['Gt', '-100', '-200', false],
    ['Gt', '100', '200', true],
    ['Lt', '0', '-1', true],
    ['Gt', '0', '9223372036854775807', true],
    ['Lt', '0', '-9223372036854775808', true],
    ['Gt', '0100', '200', false],
    ['Gt', '+100', '200', false],
    ['Gt', '100.5', '200', false],
    ['Gt', '-', '200', false],
    ['Gt', '', '200', false],
    ['Gt', '100', '0200', false],
    ['Gt', '100', '+200', false],
    ['Gt', '100', ' 200 ', false],
    ['Gt', '0', '9223372036854775808', false],
    ['Lt', '-0', '-5', false],
  ];
  for (const [op, tv, tt, want] of cases) {
    it(`${op} ${JSON.stringify(tv)} vs taint ${JSON.stringify(tt)} -> ${want}`, () => {
      assert.equal(toleratesTaint(tol(op, tv), taint(tt), true), want);
    });
  }
  it('gate off: Lt/Gt never match', () => {
    assert.equal(toleratesTaint(tol('Gt', '100'), taint('200'), false), false);
    assert.equal(toleratesTaint(tol('Lt', '950'), taint('800'), false), false);
  });
});

describe('toleratesTaint: classic operators', () => {
  const cases: Array<{ name: string; tol: Toleration; taint: Taint; want: boolean }> = [
    { name: 'Equal same value', tol: { key: 'k', operator: 'Equal', value: 'v' }, taint: { key: 'k', value: 'v', effect: 'NoSchedule' }, want: true },
    { name: 'empty operator is Equal', tol: { key: 'k', value: 'v' }, taint: { key: 'k', value: 'w', effect: 'NoSchedule' }, want: false },
    { name: 'Exists any value', tol: { key: 'k', operator: 'Exists' }, taint: { key: 'k', value: 'x', effect: 'NoExecute' }, want: true },
    { name: 'empty key Exists matches all', tol: { operator: 'Exists' }, taint: { key: 'other', effect: 'NoExecute' }, want: true },
    { name: 'effect mismatch', tol: { key: 'k', operator: 'Exists', effect: 'NoSchedule' }, taint: { key: 'k', effect: 'NoExecute' }, want: false },
    { name: 'key mismatch', tol: { key: 'a', operator: 'Exists' }, taint: { key: 'k', effect: 'NoExecute' }, want: false },
    { name: 'unknown operator', tol: { key: 'k', operator: 'Ge', value: '1' }, taint: { key: 'k', value: '2', effect: 'NoSchedule' }, want: false },
  ];
  for (const tc of cases) it(tc.name, () => assert.equal(toleratesTaint(tc.tol, tc.taint, true), tc.want));
});

describe('helpers', () => {
  it('findMatchingUntoleratedTaint returns the first untolerated taint passing the filter', () => {
    const taints: Taint[] = [{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', value: '1', effect: 'NoSchedule' }, { key: 'c', effect: 'NoExecute' }];
    const got = findMatchingUntoleratedTaint(taints, [{ key: 'c', operator: 'Exists' }], (t) => t.effect !== 'PreferNoSchedule', true);
    assert.deepEqual(got, taints[1]);
  });
  it('getMatchingTolerations fails when one taint is untolerated', () => {
    const taints: Taint[] = [{ key: 'k', value: '2', effect: 'NoExecute' }];
    assert.deepEqual(getMatchingTolerations(taints, [tol('Lt', '5', { effect: 'NoExecute', tolerationSeconds: 30 })], true), { ok: true, tolerations: [tol('Lt', '5', { effect: 'NoExecute', tolerationSeconds: 30 })] });
    assert.equal(getMatchingTolerations(taints, [tol('Lt', '1', { effect: 'NoExecute' })], true).ok, false);
  });
});
