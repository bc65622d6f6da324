import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/meta.js';
import {
  csiDriverPrinter,
  csiNodePrinter,
  csiStorageCapacityPrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  storageClassPrinter,
  volumeAttachmentPrinter,
  volumeAttributesClassPrinter,
} from './storage.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, creationTimestamp: new Date(NOW - 300_000).toISOString(), ...extra });

test('persistent volumes', () => {
  const pv: KubeObject = {
    metadata: meta('pv1'),
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteMany', 'ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      claimRef: { namespace: 'default', name: 'data' },
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Bound' },
  };
  assert.deepEqual(persistentVolumePrinter.cells(pv, NOW), ['pv1', '1Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/data', 'standard', '<unset>', '', '5m', 'Filesystem']);
  const deleting: KubeObject = {
    metadata: meta('pv2', { deletionTimestamp: meta('x').creationTimestamp, annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' } }),
    spec: { storageClassName: 'standard', volumeAttributesClassName: 'gold' },
    status: { phase: 'Released', reason: 'Oops' },
  };
  assert.deepEqual(persistentVolumePrinter.cells(deleting, NOW), ['pv2', '0', '', '', 'Terminating', '', 'legacy', 'gold', 'Oops', '5m', '<unset>']);
  assert.equal(persistentVolumePrinter.columns.length, 11);
});

test('persistent volume claims show capacity only once bound', () => {
  const pending: KubeObject = { metadata: meta('data-web-0'), spec: { storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } };
  assert.deepEqual(persistentVolumeClaimPrinter.cells(pending, NOW), ['data-web-0', 'Pending', '', '', '', 'standard', '<unset>', '5m', '<unset>']);
  const bound: KubeObject = {
    metadata: meta('data-web-0'),
    spec: { volumeName: 'pvc-1a2b', storageClassName: 'standard', volumeMode: 'Filesystem' },
    status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] },
  };
  assert.deepEqual(persistentVolumeClaimPrinter.cells(bound, NOW), ['data-web-0', 'Bound', 'pvc-1a2b', '1Gi', 'RWO', 'standard', '<unset>', '5m', 'Filesystem']);
});

test('storage classes and volume attributes classes', () => {
  const sc: KubeObject = { metadata: meta('standard', { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }), provisioner: 'rancher.io/local-path' };
  assert.deepEqual(storageClassPrinter.cells(sc, NOW), ['standard (default)', 'rancher.io/local-path', 'Delete', 'Immediate', false, '5m']);
  const beta: KubeObject = {
    metadata: meta('fast', { annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } }),
    provisioner: 'csi.x',
    reclaimPolicy: 'Retain',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
  };
  assert.deepEqual(storageClassPrinter.cells(beta, NOW), ['fast (default)', 'csi.x', 'Retain', 'WaitForFirstConsumer', true, '5m']);
  assert.deepEqual(storageClassPrinter.cells({ metadata: meta('plain', { annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } }) }, NOW)[0], 'plain');
  assert.deepEqual(volumeAttributesClassPrinter.cells({ metadata: meta('gold'), driverName: 'csi.x' }, NOW), ['gold', 'csi.x', '5m']);
});

test('CSI objects and volume attachments', () => {
  assert.deepEqual(csiDriverPrinter.cells({ metadata: meta('d') }, NOW), ['d', true, false, false, '<unset>', false, '<none>', '5m']);
  assert.deepEqual(
    csiDriverPrinter.cells({ metadata: meta('d'), spec: { attachRequired: false, podInfoOnMount: true, storageCapacity: true, tokenRequests: [{ audience: 'a' }, { audience: 'b' }], requiresRepublish: true, volumeLifecycleModes: ['Persistent', 'Ephemeral'] } }, NOW),
    ['d', false, true, true, 'a,b', true, 'Persistent,Ephemeral', '5m'],
  );
  assert.equal(csiDriverPrinter.cells({ metadata: meta('d'), spec: { tokenRequests: [] } }, NOW)[4], '');
  assert.deepEqual(csiNodePrinter.cells({ metadata: meta('n1'), spec: { drivers: [{ name: 'a' }, { name: 'b' }] } }, NOW), ['n1', 2, '5m']);
  assert.deepEqual(
    volumeAttachmentPrinter.cells({ metadata: meta('va'), spec: { attacher: 'csi.x', nodeName: 'n1', source: { persistentVolumeName: 'pv1' } }, status: { attached: true } }, NOW),
    ['va', 'csi.x', 'pv1', 'n1', true, '5m'],
  );
  assert.equal(volumeAttachmentPrinter.columns[1]?.format, 'name');
  assert.deepEqual(csiStorageCapacityPrinter.cells({ metadata: meta('c'), storageClassName: 'standard', capacity: '10Gi' }, NOW), ['c', 'standard', '10Gi']);
  assert.deepEqual(csiStorageCapacityPrinter.cells({ metadata: meta('c'), storageClassName: 'standard' }, NOW), ['c', 'standard', '<unset>']);
});
