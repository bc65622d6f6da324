import assert from 'node:assert/strict';
import { it } from 'node:test';
import { errors } from './errors.js';
import { aggregateMessage, fe, fieldErrorMessage, type FieldError } from './field-errors.js';

const cases: Array<[FieldError, string]> = [
  [fe.required('spec.containers'), 'spec.containers: Required value'],
  [fe.required('metadata.name', 'name or generateName is required'), 'metadata.name: Required value: name or generateName is required'],
  [fe.invalid('spec.replicas', -1, 'must be greater than or equal to 0'), 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
  [fe.invalid('metadata.name', 'Foo', 'bad'), 'metadata.name: Invalid value: "Foo": bad'],
  [fe.invalid('spec.activeDeadlineSeconds', undefined, 'must not update from a positive integer to nil value'), 'spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value'],
  [fe.invalid('values', null, 'values set can\'t be empty'), 'values: Invalid value: null: values set can\'t be empty'],
  [fe.invalid('spec.ports', [1, 2], 'x'), 'spec.ports: Invalid value: [1,2]: x'],
  [fe.notSupported('spec.restartPolicy', 'Sometimes', ['Always', 'OnFailure', 'Never']), 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
  [fe.forbidden('spec', 'pod updates may not change fields'), 'spec: Forbidden: pod updates may not change fields'],
  [fe.duplicate('spec.containers[1].name', 'c'), 'spec.containers[1].name: Duplicate value: "c"'],
  [fe.tooLong('spec.managedBy', 'x', 63), 'spec.managedBy: Too long: may not be more than 63 bytes'],
  [fe.tooLong('f', 'x', 1), 'f: Too long: may not be more than 1 byte'],
  [fe.tooMany('spec.rules', 21, 20), 'spec.rules: Too many: 21: must have at most 20 items'],
  [fe.tooMany('spec.rules', -1, 1), 'spec.rules: Too many: must have at most 1 item'],
  [fe.notFound('spec.volumes[0]', 'v'), 'spec.volumes[0]: Not found: "v"'],
];

for (const [e, want] of cases) {
  it(`renders ${want}`, () => assert.equal(fieldErrorMessage(e), want));
}

it('aggregates several errors in brackets and one without', () => {
  const a = fe.required('a');
  const b = fe.required('b');
  assert.equal(aggregateMessage([a]), 'a: Required value');
  assert.equal(aggregateMessage([a, b]), '[a: Required value, b: Required value]');
});

it('builds upstream Invalid statuses with causes', () => {
  const st = errors.invalid({ group: 'apps', kind: 'Deployment' }, 'web', [fe.invalid('spec.replicas', -1, 'must be greater than or equal to 0')]).status;
  assert.equal(st.code, 422);
  assert.equal(st.message, 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  assert.deepEqual(st.details, { name: 'web', kind: 'Deployment', group: 'apps', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }] });
});
