import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage } from '../../field-errors.js';
import { validatePodUpdate } from './index.js';
import { brief, gatesCtx, makeContainer, makePod } from './fixture.js';

const ctx = gatesCtx();
const PREFIX =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n';

test('allowed pod updates', () => {
  const old = makePod({ activeDeadlineSeconds: 100, terminationGracePeriodSeconds: -1 });
  const cases: Array<{ name: string; spec: Record<string, unknown> }> = [
    { name: 'no change', spec: {} },
    { name: 'image change', spec: { containers: [makeContainer('c', { image: 'nginx:1.28' })] } },
    { name: 'lower activeDeadlineSeconds', spec: { activeDeadlineSeconds: 50 } },
    { name: 'negative grace period to 1', spec: { terminationGracePeriodSeconds: 1 } },
    { name: 'add toleration', spec: { tolerations: [{ key: 'k', operator: 'Exists' }] } },
    { name: 'quantity spelled differently', spec: {} },
  ];
  for (const tc of cases) {
    const pod = makePod({ activeDeadlineSeconds: 100, terminationGracePeriodSeconds: -1, ...tc.spec });
    assert.deepEqual(validatePodUpdate(pod, old, ctx), [], tc.name);
  }
  const withRes = (cpu: string) => makePod({ containers: [makeContainer('c', { resources: { requests: { cpu } } })] });
  assert.deepEqual(validatePodUpdate(withRes('1000m'), withRes('1'), ctx), [], 'semantic quantity equality');
});

test('forbidden pod updates carry the exact upstream message', () => {
  const old = makePod();
  const cases: Array<{ name: string; spec: Record<string, unknown> }> = [
    { name: 'change ports', spec: { containers: [makeContainer('c', { ports: [{ containerPort: 80, protocol: 'TCP' }] })] } },
    { name: 'move node', spec: { nodeName: 'other' } },
    { name: 'add workloadRef', spec: { workloadRef: { name: 'w', podGroup: 'g' } } },
    { name: 'change resources (needs /resize)', spec: { containers: [makeContainer('c', { resources: { requests: { cpu: '1' } } })] } },
  ];
  for (const tc of cases) {
    const errs = validatePodUpdate(makePod(tc.spec), old, ctx).filter((e) => e.field === 'spec');
    assert.equal(errs.length, 1, tc.name);
    assert.ok(fieldErrorMessage(errs[0]!).startsWith(PREFIX), `${tc.name}: ${fieldErrorMessage(errs[0]!)}`);
  }
});

test('specific update errors', () => {
  const cases: Array<{ name: string; old: any; next: any; want: Array<[string, string, string]> }> = [
    {
      name: 'add a container',
      old: makePod(),
      next: makePod({ containers: [makeContainer('c'), makeContainer('d')] }),
      want: [['FieldValueForbidden', 'spec.containers', 'pod updates may not add or remove containers']],
    },
    {
      name: 'raise activeDeadlineSeconds',
      old: makePod({ activeDeadlineSeconds: 10 }),
      next: makePod({ activeDeadlineSeconds: 20 }),
      want: [['FieldValueInvalid', 'spec.activeDeadlineSeconds', 'must be less than or equal to previous value']],
    },
    {
      name: 'unset activeDeadlineSeconds',
      old: makePod({ activeDeadlineSeconds: 10 }),
      next: makePod(),
      want: [['FieldValueInvalid', 'spec.activeDeadlineSeconds', 'must not update from a positive integer to nil value']],
    },
    {
      name: 'add a scheduling gate',
      old: makePod({ schedulingGates: [{ name: 'a' }] }),
      next: makePod({ schedulingGates: [{ name: 'a' }, { name: 'b' }] }),
      want: [['FieldValueForbidden', 'spec.schedulingGates[1].name', "only deletion is allowed, but found new scheduling gate 'b'"]],
    },
    { name: 'remove a scheduling gate', old: makePod({ schedulingGates: [{ name: 'a' }] }), next: makePod(), want: [] },
    {
      name: 'gated pod may add nodeSelector entries',
      old: makePod({ schedulingGates: [{ name: 'a' }], nodeSelector: { zone: 'a' } }),
      next: makePod({ schedulingGates: [{ name: 'a' }], nodeSelector: { zone: 'a', disk: 'ssd' } }),
      want: [],
    },
    {
      name: 'gated pod may not change nodeSelector entries',
      old: makePod({ schedulingGates: [{ name: 'a' }], nodeSelector: { zone: 'a' } }),
      next: makePod({ schedulingGates: [{ name: 'a' }], nodeSelector: { zone: 'b' } }),
      want: [['FieldValueInvalid', 'spec.nodeSelector[zone]', 'field is immutable']],
    },
    {
      name: 'add mirror annotation',
      old: makePod({ nodeName: 'n' }),
      next: makePod({ nodeName: 'n' }, { annotations: { 'kubernetes.io/config.mirror': 'x' } }),
      want: [['FieldValueForbidden', 'metadata.annotations[kubernetes.io/config.mirror]', 'may not add mirror pod annotation']],
    },
  ];
  for (const tc of cases) assert.deepEqual(brief(validatePodUpdate(tc.next, tc.old, ctx)), tc.want, tc.name);
});
