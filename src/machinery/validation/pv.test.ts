import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePersistentVolume, validatePersistentVolumeClaim, validatePersistentVolumeUpdate } from './pv.js';
import { ctxWith, render } from './fixtures.js';

const affinity = (key: string, values: string[]) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator: 'In', values }] }] } });
const pv = (spec: Record<string, unknown> = {}) => ({
  metadata: { name: 'pv1' },
  spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], csi: { driver: 'd.example.com', volumeHandle: 'h1' }, ...spec },
});
const ZONE = 'topology.kubernetes.io/zone';
const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';

test('pv create rules', () => {
  const cases: Array<[string, any, string[]]> = [
    ['valid', pv(), []],
    ['no capacity', pv({ capacity: {} }), ['spec.capacity: Required value']],
    ['no access modes', pv({ accessModes: [] }), ['spec.accessModes: Required value']],
    ['RWOP with others', pv({ accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] }), ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes']],
    ['no source', pv({ csi: undefined }), ['spec: Required value: must specify a volume type']],
    ['two sources', pv({ hostPath: { path: '/x' } }), ['spec.csi: Forbidden: may not specify more than 1 volume type']],
    ['local without affinity', pv({ csi: undefined, local: { path: '/mnt' } }), ['spec.nodeAffinity: Required value: Local volume requires node affinity']],
    ['bad reclaim policy', pv({ persistentVolumeReclaimPolicy: 'Keep' }), ['spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"']],
  ];
  for (const [name, obj, want] of cases) assert.deepEqual(render(validatePersistentVolume(obj)), want, name);
});

test('pv nodeAffinity update with MutablePVNodeAffinity (spec §4.4)', () => {
  const off = ctxWith();
  const on = ctxWith('MutablePVNodeAffinity');
  const immut = (v: unknown) => `nodeAffinity: Invalid value: ${JSON.stringify(v)}: field is immutable, except for updating from beta label to GA`;
  const widened = affinity(ZONE, ['a', 'b']);
  const cases: Array<[string, any, any, typeof off, string[]]> = [
    ['gate off widen', pv({ nodeAffinity: widened }), pv({ nodeAffinity: affinity(ZONE, ['a']) }), off, [immut(widened)]],
    ['gate off beta to GA', pv({ nodeAffinity: affinity(ZONE, ['a']) }), pv({ nodeAffinity: affinity(BETA_ZONE, ['a']) }), off, []],
    ['gate off GA to beta', pv({ nodeAffinity: affinity(BETA_ZONE, ['a']) }), pv({ nodeAffinity: affinity(ZONE, ['a']) }), off, [immut(affinity(BETA_ZONE, ['a']))]],
    ['gate off from nil', pv({ nodeAffinity: widened }), pv(), off, []],
    ['gate on widen', pv({ nodeAffinity: widened }), pv({ nodeAffinity: affinity(ZONE, ['a']) }), on, []],
    ['gate on remove', pv(), pv({ nodeAffinity: affinity(ZONE, ['a']) }), on, []],
    [
      'gate on remove from local pv',
      pv({ csi: undefined, local: { path: '/mnt' } }),
      pv({ csi: undefined, local: { path: '/mnt' }, nodeAffinity: affinity(ZONE, ['a']) }),
      on,
      ['spec.nodeAffinity: Required value: Local volume requires node affinity'],
    ],
    [
      'volume handle change',
      pv({ csi: { driver: 'd.example.com', volumeHandle: 'h2' } }),
      pv(),
      on,
      ['spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation'],
    ],
    ['add controllerExpandSecretRef', pv({ csi: { driver: 'd.example.com', volumeHandle: 'h1', controllerExpandSecretRef: { name: 's' } } }), pv(), off, []],
  ];
  for (const [name, n, o, ctx, want] of cases) assert.deepEqual(render(validatePersistentVolumeUpdate(n, o, ctx)), want, name);
});

test('pvc spec rules', () => {
  const pvc = (spec: Record<string, unknown> = {}) => ({ metadata: { name: 'c' }, spec: { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '1Gi' } }, ...spec } });
  const cases: Array<[string, any, string[]]> = [
    ['valid', pvc(), []],
    ['no access modes', pvc({ accessModes: [] }), ['spec.accessModes: Required value: at least 1 access mode is required']],
    ['unknown access mode', pvc({ accessModes: ['ReadWriteSometimes'] }), ['spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"']],
    ['RWOP with others', pvc({ accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'] }), ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes']],
    ['no storage request', pvc({ resources: {} }), ['spec.resources[storage]: Required value']],
    ['zero storage request', pvc({ resources: { requests: { storage: '0' } } }), ['spec.resources[storage]: Invalid value: "0": must be greater than zero']],
    ['bad class name', pvc({ storageClassName: 'Fast' }), ["spec.storageClassName: Invalid value: \"Fast\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]],
    ['bad volume mode', pvc({ volumeMode: 'Raw' }), ['spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"']],
  ];
  for (const [name, obj, want] of cases) assert.deepEqual(render(validatePersistentVolumeClaim(obj)), want, name);
});
