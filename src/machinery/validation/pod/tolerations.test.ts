import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage } from '../../field-errors.js';
import { validatePod, validatePodUpdate, validateTolerations } from './index.js';
import { brief, gatesCtx, makePod } from './fixture.js';

const ON = gatesCtx({ TaintTolerationComparisonOperators: true });
const OFF = gatesCtx();
const P = 'spec.tolerations';

test('toleration validation vectors (spec §1.4, §1.7)', () => {
  const cases: Array<{ name: string; tol: any; ctx?: typeof ON; want: Array<[string, string, string]> }> = [
    { name: 'Gt with canonical integer', tol: { key: 'k', operator: 'Gt', value: '10' }, want: [] },
    { name: 'Lt negative', tol: { key: 'k', operator: 'Lt', value: '-100' }, want: [] },
    {
      name: 'empty key with Gt',
      tol: { key: '', operator: 'Gt', value: '10' },
      want: [['FieldValueInvalid', `${P}[0].operator`, 'operator must be Exists when `key` is empty, which means "match all values and all keys"']],
    },
    {
      name: 'non-numeric value yields two errors',
      tol: { key: 'k', operator: 'Lt', value: 'abc' },
      want: [
        ['FieldValueInvalid', `${P}[0].value`, 'must be a valid decimal integer in canonical form'],
        ['FieldValueInvalid', `${P}[0].value`, 'strconv.ParseInt: parsing "abc": invalid syntax'],
      ],
    },
    { name: 'leading zero is one error', tol: { key: 'k', operator: 'Gt', value: '01' }, want: [['FieldValueInvalid', `${P}[0].value`, 'must be a valid decimal integer in canonical form']] },
    {
      name: 'int64 overflow is one error',
      tol: { key: 'k', operator: 'Gt', value: '9223372036854775808' },
      want: [['FieldValueInvalid', `${P}[0].value`, 'strconv.ParseInt: parsing "9223372036854775808": value out of range']],
    },
    {
      name: 'tolerationSeconds without NoExecute',
      tol: { key: 'k', operator: 'Gt', value: '5', effect: 'NoSchedule', tolerationSeconds: 10 },
      want: [['FieldValueInvalid', `${P}[0].effect`, "effect must be 'NoExecute' when `tolerationSeconds` is set"]],
    },
    {
      name: 'gate off rejects Gt, listing all four operators',
      tol: { key: 'k', operator: 'Gt', value: '10' },
      ctx: OFF,
      want: [['FieldValueNotSupported', `${P}[0].operator`, 'supported values: "Equal", "Exists", "Lt", "Gt"']],
    },
    { name: 'unknown operator', tol: { key: 'k', operator: 'In' }, want: [['FieldValueNotSupported', `${P}[0].operator`, 'supported values: "Equal", "Exists"']] },
    { name: 'Exists with value', tol: { key: 'k', operator: 'Exists', value: 'v' }, want: [['FieldValueInvalid', `${P}[0].operator`, "value must be empty when `operator` is 'Exists'"]] },
    {
      name: 'bad effect',
      tol: { key: 'k', operator: 'Exists', effect: 'Nope' },
      want: [['FieldValueNotSupported', `${P}[0].effect`, 'supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']],
    },
    { name: 'empty key Exists matches all', tol: { operator: 'Exists' }, want: [] },
  ];
  for (const tc of cases) assert.deepEqual(brief(validateTolerations([tc.tol], P, tc.ctx ?? ON)), tc.want, tc.name);
});

test('Equal value errors are reported at .operator (upstream quirk)', () => {
  const errs = validateTolerations([{ key: 'k', operator: 'Equal', value: 'bad value' }], P, OFF);
  assert.equal(errs.length, 1);
  assert.equal(errs[0]!.field, `${P}[0].operator`);
  assert.match(fieldErrorMessage(errs[0]!), /^spec\.tolerations\[0\]\.operator: Invalid value: "bad value": a valid label must be an empty string/);
});

test('Gt/Lt ratchet: gate off rejects on create, allows update of a pod that already had it', () => {
  const tol = { key: 'sla', operator: 'Gt', value: '950', effect: 'NoSchedule' };
  const pod = makePod({ tolerations: [tol] });
  assert.deepEqual(brief(validatePod(pod, OFF)), [['FieldValueNotSupported', `${P}[0].operator`, 'supported values: "Equal", "Exists", "Lt", "Gt"']]);
  const updated = makePod({ tolerations: [tol, { key: 'x', operator: 'Exists' }] });
  assert.deepEqual(validatePodUpdate(updated, pod, OFF), []);
});

test('pod update: tolerations may only be added; tolerationSeconds may change', () => {
  const old = makePod({ tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }] });
  const bumped = makePod({ tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 20 }] });
  assert.deepEqual(validatePodUpdate(bumped, old, OFF), []);
  const removed = makePod({ tolerations: [] });
  assert.deepEqual(brief(validatePodUpdate(removed, old, OFF)), [['FieldValueForbidden', P, 'existing toleration can not be modified except its tolerationSeconds']]);
});
