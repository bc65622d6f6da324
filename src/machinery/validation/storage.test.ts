import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateCSIDriver, validateCSIDriverUpdate, validateCSINode, validateCSINodeUpdate, validateStorageClass, validateStorageClassUpdate } from './storage.js';
import { ctxWith, render } from './fixtures.js';

const driver = (spec: Record<string, unknown>) => ({ metadata: { name: 'csi.example.com' }, spec: { attachRequired: true, ...spec } });

test('CSIDriver token requests and serviceAccountTokenInSecrets (node-and-storage §5.4)', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['secrets with token requests', { tokenRequests: [{ audience: 'vault', expirationSeconds: 3600 }], serviceAccountTokenInSecrets: true }, []],
    ['empty audience', { tokenRequests: [{ audience: '' }] }, []],
    [
      'secrets without token requests',
      { serviceAccountTokenInSecrets: true },
      ['spec.serviceAccountTokenInSecrets: Invalid value: true: serviceAccountTokenInSecrets is set but no tokenRequests are specified'],
    ],
    [
      'false also needs token requests',
      { serviceAccountTokenInSecrets: false, tokenRequests: [] },
      ['spec.serviceAccountTokenInSecrets: Invalid value: false: serviceAccountTokenInSecrets is set but no tokenRequests are specified'],
    ],
    ['duplicate audience', { tokenRequests: [{ audience: 'a' }, { audience: 'a' }] }, ['spec.tokenRequests[1].audience: Duplicate value: "a"']],
    ['short expiration', { tokenRequests: [{ audience: 'a', expirationSeconds: 300 }] }, ['spec.tokenRequests[0].expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes']],
  ];
  for (const [name, spec, want] of cases) assert.deepEqual(render(validateCSIDriver(driver(spec))), want, name);
});

test('CSIDriver update keeps attachRequired', () => {
  assert.deepEqual(render(validateCSIDriverUpdate(driver({ attachRequired: false }), driver({}))), ['spec.attachRequired: Invalid value: false: field is immutable']);
});

test('StorageClass', () => {
  const sc = { metadata: { name: 'fast' }, provisioner: 'csi.example.com', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' };
  assert.deepEqual(render(validateStorageClass(sc)), []);
  assert.deepEqual(render(validateStorageClass({ ...sc, provisioner: '' })), ['provisioner: Required value']);
  assert.deepEqual(render(validateStorageClass({ ...sc, reclaimPolicy: 'Recycle' })), ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']);
  assert.deepEqual(render(validateStorageClassUpdate({ ...sc, reclaimPolicy: 'Retain' }, sc)), ['reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.']);
});

test('CSINode drivers', () => {
  const node = (...drivers: unknown[]) => ({ metadata: { name: 'n1' }, spec: { drivers } });
  const d = (extra: Record<string, unknown> = {}) => ({ name: 'csi.example.com', nodeID: 'n1', topologyKeys: ['topology.kubernetes.io/zone'], allocatable: { count: 2 }, ...extra });
  const cases: Array<[string, any, string[]]> = [
    ['valid', node(d()), []],
    ['no node ID', node(d({ nodeID: '' })), ['spec.drivers[0].nodeID: Required value']],
    ['long node ID', node(d({ nodeID: 'x'.repeat(193) })), [`spec.drivers[0].nodeID: Invalid value: "${'x'.repeat(193)}": must be 192 characters or less`]],
    ['negative count', node(d({ allocatable: { count: -1 } })), ['spec.drivers[0].allocatable.count: Invalid value: -1: must be greater than or equal to 0']],
    ['duplicate driver', node(d(), d()), ['spec.drivers[1].name: Duplicate value: "csi.example.com"']],
    ['duplicate topology key', node(d({ topologyKeys: ['zone', 'zone'] })), ['spec.drivers[0]: Duplicate value: "zone"']],
  ];
  for (const [name, obj, want] of cases) assert.deepEqual(render(validateCSINode(obj)), want, name);
});

test('CSINode update: allocatable.count is mutable only with MutableCSINodeAllocatableCount', () => {
  const node = (count: number, nodeID = 'n1') => ({ metadata: { name: 'n1' }, spec: { drivers: [{ name: 'csi.example.com', nodeID, allocatable: { count } }] } });
  assert.deepEqual(render(validateCSINodeUpdate(node(3), node(2), ctxWith('MutableCSINodeAllocatableCount'))), []);
  assert.equal(render(validateCSINodeUpdate(node(3), node(2), ctxWith())).length, 1);
  assert.match(render(validateCSINodeUpdate(node(3), node(2), ctxWith()))[0]!, /^spec\.drivers: Invalid value: .*: field is immutable$/);
  assert.match(render(validateCSINodeUpdate(node(2, 'n2'), node(2), ctxWith('MutableCSINodeAllocatableCount')))[0]!, /field is immutable$/);
});
