import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateCSIDriver, validateCSIDriverUpdate, validateStorageClass, validateStorageClassUpdate } from './storage.js';
import { render } from './fixtures.js';

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
