import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage } from '../../field-errors.js';
import { validatePod, validatePodUpdate } from './index.js';
import { brief, gatesCtx, makeContainer, makePod } from './fixture.js';

const ctx = gatesCtx();
const rule = (action = 'Restart', operator = 'In', values: number[] = [42]) => ({ action, exitCodes: { operator, values } });
const C0 = 'spec.containers[0]';

test('container restart rules validation (spec §1.3, §1.6)', () => {
  const cases: Array<{ name: string; ctr: any; init?: boolean; ctx?: ReturnType<typeof gatesCtx>; want: Array<[string, string, string]> }> = [
    { name: 'Never with a Restart rule is valid', ctr: { restartPolicy: 'Never', restartPolicyRules: [rule()] }, want: [] },
    { name: 'container OnFailure override is valid', ctr: { restartPolicy: 'OnFailure' }, want: [] },
    {
      name: 'rules without restartPolicy',
      ctr: { restartPolicyRules: [rule()] },
      want: [['FieldValueRequired', `${C0}.restartPolicy`, 'must specify restartPolicy when restart rules are used']],
    },
    {
      name: 'bad container restartPolicy',
      ctr: { restartPolicy: 'Sometimes' },
      want: [['FieldValueNotSupported', `${C0}.restartPolicy`, 'supported values: "Always", "OnFailure", "Never"']],
    },
    {
      name: '21 rules is TooLong in 1.35',
      ctr: { restartPolicy: 'Never', restartPolicyRules: Array.from({ length: 21 }, () => rule()) },
      want: [['FieldValueTooLong', `${C0}.restartPolicyRules`, 'may not be more than 20 bytes']],
    },
    {
      name: '256 exit codes',
      ctr: { restartPolicy: 'Never', restartPolicyRules: [rule('Restart', 'In', Array.from({ length: 256 }, (_, i) => i))] },
      want: [['FieldValueTooLong', `${C0}.restartPolicyRules[0].exitCodes.values`, 'may not be more than 255 bytes']],
    },
    {
      name: 'empty operator',
      ctr: { restartPolicy: 'Never', restartPolicyRules: [rule('Restart', '')] },
      want: [['FieldValueNotSupported', `${C0}.restartPolicyRules[0].exitCodes.operator`, 'supported values: "In", "NotIn"']],
    },
    {
      name: 'missing exitCodes',
      ctr: { restartPolicy: 'Never', restartPolicyRules: [{ action: 'Restart' }] },
      want: [['FieldValueRequired', `${C0}.restartPolicyRules[0].exitCodes`, 'must be specified']],
    },
    {
      name: 'RestartAllContainers with gate off lists only Restart',
      ctr: { restartPolicy: 'Never', restartPolicyRules: [rule('RestartAllContainers')] },
      want: [['FieldValueNotSupported', `${C0}.restartPolicyRules[0].action`, 'supported values: "Restart"']],
    },
    {
      name: 'RestartAllContainers with gate on',
      ctr: { restartPolicy: 'Never', restartPolicyRules: [rule('RestartAllContainers')] },
      ctx: gatesCtx({ RestartAllContainersOnContainerExits: true }),
      want: [],
    },
    {
      name: 'ContainerRestartRules off: regular restartPolicy forbidden',
      ctr: { restartPolicy: 'Never' },
      ctx: gatesCtx({ ContainerRestartRules: false }),
      want: [['FieldValueForbidden', `${C0}.restartPolicy`, 'may not be set for non-init containers']],
    },
  ];
  for (const tc of cases) {
    const pod = makePod({ containers: [makeContainer('c', tc.ctr)] });
    assert.deepEqual(brief(validatePod(pod, tc.ctx ?? ctx)), tc.want, tc.name);
  }
});

test('init containers: sidecars, Never, and rules on sidecars', () => {
  const I0 = 'spec.initContainers[0]';
  const cases: Array<{ name: string; init: any; ctx?: ReturnType<typeof gatesCtx>; want: Array<[string, string, string]> }> = [
    { name: 'sidecar', init: { restartPolicy: 'Always', readinessProbe: { exec: { command: ['true'] }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } }, want: [] },
    { name: 'init Never accepted with ContainerRestartRules', init: { restartPolicy: 'Never' }, want: [] },
    {
      name: 'init Never rejected with the gate off',
      init: { restartPolicy: 'Never' },
      ctx: gatesCtx({ ContainerRestartRules: false }),
      want: [['FieldValueNotSupported', `${I0}.restartPolicy`, 'supported values: "Always"']],
    },
    {
      name: 'probe on plain init container',
      init: { livenessProbe: { exec: { command: ['true'] } } },
      want: [['FieldValueForbidden', `${I0}.livenessProbe`, 'may not be set for init containers without restartPolicy=Always']],
    },
    {
      name: 'rules on a sidecar need RestartAllContainersOnContainerExits',
      init: { restartPolicy: 'Always', restartPolicyRules: [rule('RestartAllContainers')] },
      want: [['FieldValueForbidden', `${I0}.restartPolicyRules`, 'may not be set for init containers with restartPolicy=Always']],
    },
    {
      name: 'RestartAllContainers rule on a sidecar with the gate on',
      init: { restartPolicy: 'Always', restartPolicyRules: [rule('RestartAllContainers')] },
      ctx: gatesCtx({ RestartAllContainersOnContainerExits: true }),
      want: [],
    },
  ];
  for (const tc of cases) {
    const pod = makePod({ initContainers: [makeContainer('init', tc.init)] });
    assert.deepEqual(brief(validatePod(pod, tc.ctx ?? ctx)), tc.want, tc.name);
  }
});

test('ratchet: a pod already using restart rules stays updatable with the gate off', () => {
  const pod = makePod({ containers: [makeContainer('c', { restartPolicy: 'Never', restartPolicyRules: [rule()] })] });
  assert.deepEqual(validatePodUpdate(pod, pod, gatesCtx({ ContainerRestartRules: false })), []);
});

test('TooLong renders without the value, as in 1.35', () => {
  const pod = makePod({ containers: [makeContainer('c', { restartPolicy: 'Never', restartPolicyRules: Array.from({ length: 21 }, () => rule()) })] });
  assert.equal(fieldErrorMessage(validatePod(pod, ctx)[0]!), 'spec.containers[0].restartPolicyRules: Too long: may not be more than 20 bytes');
});
