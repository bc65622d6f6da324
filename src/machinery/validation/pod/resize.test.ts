import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage } from '../../field-errors.js';
import { computePodQOS, validatePodResize } from './index.js';
import { brief, gatesCtx, makeContainer, makePod } from './fixture.js';

const ctx = gatesCtx();
const res = (rc: string, lc: string, rm: string, lm: string) => ({ requests: { cpu: rc, memory: rm }, limits: { cpu: lc, memory: lm } });
const running = { containerStatuses: [{ name: 'c', state: { running: {} }, resources: {} }] };

function pod(resources: any, extra: Record<string, any> = {}, status: any = running, meta: Record<string, unknown> = {}) {
  const { spec = {}, ...ctr } = extra;
  const p = makePod({ containers: [makeContainer('c', { resources, ...ctr })], ...spec }, meta);
  p.status = { ...status, qosClass: computePodQOS(p) };
  return p;
}

test('resize vectors (spec §2.2, §2.6)', () => {
  const guaranteed = res('700m', '700m', '200Mi', '200Mi');
  const burstable = res('100m', '200m', '100Mi', '200Mi');
  const cases: Array<{ name: string; old: any; next: any; want: Array<[string, string, string]> }> = [
    { name: 'guaranteed cpu 700m -> 800m', old: pod(guaranteed), next: pod(res('800m', '800m', '200Mi', '200Mi')), want: [] },
    { name: 'memory limit decrease is allowed in 1.35', old: pod(burstable), next: pod(res('100m', '200m', '100Mi', '150Mi')), want: [] },
    {
      name: 'burstable -> guaranteed',
      old: pod(burstable),
      next: pod(res('200m', '200m', '200Mi', '200Mi')),
      want: [['FieldValueInvalid', 'spec', 'Pod QOS Class may not change as a result of resizing']],
    },
    {
      name: 'best effort adds a request',
      old: pod({}),
      next: pod({ requests: { cpu: '100m' } }),
      want: [['FieldValueInvalid', 'spec', 'Pod QOS Class may not change as a result of resizing']],
    },
    {
      name: 'remove memory limit',
      old: pod(burstable),
      next: pod({ requests: burstable.requests, limits: { cpu: '200m' } }),
      want: [['FieldValueForbidden', 'spec.containers[0].resources.limits', 'resource limits cannot be removed']],
    },
    {
      name: 'new resizePolicy',
      old: pod(burstable),
      next: pod(burstable, { resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'RestartContainer' }] }),
      want: [['FieldValueForbidden', 'spec', 'only cpu and memory resources are mutable']],
    },
    {
      name: 'ephemeral-storage is not resizable',
      old: pod({ requests: { cpu: '100m', 'ephemeral-storage': '1Gi' } }),
      next: pod({ requests: { cpu: '100m', 'ephemeral-storage': '2Gi' } }),
      want: [['FieldValueForbidden', 'spec', 'only cpu and memory resources are mutable']],
    },
    {
      name: 'mirror pod',
      old: pod(burstable, { spec: { nodeName: 'n' } }, running, { annotations: { 'kubernetes.io/config.mirror': 'x' } }),
      next: pod(res('150m', '200m', '100Mi', '200Mi'), { spec: { nodeName: 'n' } }, running, { annotations: { 'kubernetes.io/config.mirror': 'x' } }),
      want: [['FieldValueForbidden', '', 'static pods cannot be resized']],
    },
    {
      name: 'windows pod',
      old: pod(burstable, { spec: { os: { name: 'windows' } } }),
      next: pod(res('150m', '200m', '100Mi', '200Mi'), { spec: { os: { name: 'windows' } } }),
      want: [['FieldValueForbidden', '', 'windows pods cannot be resized']],
    },
    {
      name: 'running container without status resources',
      old: pod(burstable, {}, { containerStatuses: [{ name: 'c', state: { running: {} } }] }),
      next: pod(res('150m', '200m', '100Mi', '200Mi')),
      want: [['FieldValueForbidden', 'spec', 'Pod running on node without support for resize']],
    },
    {
      name: 'pod-level resources',
      old: pod(burstable, { spec: { resources: { limits: { cpu: '1' } } } }),
      next: pod(res('150m', '200m', '100Mi', '200Mi'), { spec: { resources: { limits: { cpu: '1' } } } }),
      want: [['FieldValueForbidden', '', 'pods with pod-level resources cannot be resized']],
    },
  ];
  for (const tc of cases) {
    // The resize strategy resets status to the stored one, so the new pod carries the old qosClass.
    tc.next.status = tc.old.status;
    assert.deepEqual(brief(validatePodResize(tc.next, tc.old, ctx)), tc.want, tc.name);
  }
});

test('QoS message shows the stored class as the bad value', () => {
  const old = pod(res('500m', '500m', '256Mi', '256Mi'));
  const next = pod(res('250m', '500m', '256Mi', '256Mi'));
  next.status = old.status;
  assert.equal(fieldErrorMessage(validatePodResize(next, old, ctx)[0]!), 'spec: Invalid value: "Guaranteed": Pod QOS Class may not change as a result of resizing');
});

test('init containers: sidecars resize, regular init containers do not', () => {
  const mk = (cpu: string, restartPolicy?: string) => {
    const p = makePod({ initContainers: [makeContainer('init', { restartPolicy, resources: { requests: { cpu } } })] });
    p.status = { qosClass: computePodQOS(p) };
    return p;
  };
  assert.deepEqual(validatePodResize(mk('200m', 'Always'), mk('100m', 'Always'), ctx), []);
  assert.deepEqual(brief(validatePodResize(mk('200m'), mk('100m'), ctx)), [['FieldValueForbidden', 'spec', 'resources for non-sidecar init containers are immutable']]);
});

test('computePodQOS', () => {
  const cases: Array<[any, string]> = [
    [{}, 'BestEffort'],
    [res('1', '1', '1Gi', '1Gi'), 'Guaranteed'],
    [{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1024Mi' } }, 'Guaranteed'],
    [{ requests: { cpu: '1' } }, 'Burstable'],
    [{ requests: { 'ephemeral-storage': '1Gi' } }, 'BestEffort'],
  ];
  for (const [r, want] of cases) assert.equal(computePodQOS(makePod({ containers: [makeContainer('c', { resources: r })] })), want, JSON.stringify(r));
});
