import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CycleState } from '../../framework/cycle-state.js';
import type { Lister } from '../../framework/interface.js';
import { NodeInfo, newPodInfo } from '../../framework/node-info.js';
import type { Status } from '../../framework/status.js';
import type { Pod, Volume } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/builders.js';
import type { CSINode, VolumeAttachment } from '../helper/storage.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../volume-binding/types.js';
import {
  ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED, isSchedulableAfterCSINodeUpdated, isSchedulableAfterPodDeleted, isSchedulableAfterPVCAdded, NodeVolumeLimits,
} from './node-volume-limits.js';
import { MIGRATED_PLUGINS_ANNOTATION } from './translation.js';

const EBS = 'ebs.csi.aws.com';
const GCE = 'pd.csi.storage.gke.io';
const AWS_IN_TREE = 'kubernetes.io/aws-ebs';
const HOSTPATH_IN_TREE = 'kubernetes.io/hostpath';
const SC_NAME = 'csi-sc';
const NODE = 'node-for-max-pd-test-1';

const listerOf = <T extends { metadata: { name?: string; namespace?: string } }>(items: T[]): Lister<T> => ({
  get: (ns, n) => items.find((x) => x.metadata.name === n && (ns === undefined || (x.metadata.namespace ?? '') === ns)),
  list: () => items,
});

/** Upstream's fixtures: per driver, four PVs and bound claims named "csi-<driver>-<i>". */
function fakePVs(drivers: string[]): PersistentVolume[] {
  return drivers.flatMap((driver) =>
    [0, 1, 2, 3].map((j) => {
      const handle = `csi-${driver}-${j}`;
      const spec: PersistentVolume['spec'] =
        driver === AWS_IN_TREE ? { awsElasticBlockStore: { volumeID: handle } } : driver === HOSTPATH_IN_TREE ? {} : { csi: { driver, volumeHandle: handle } };
      return { metadata: { name: handle }, spec };
    }),
  );
}

function fakePVCs(drivers: string[]): PersistentVolumeClaim[] {
  const claim = (name: string, spec: PersistentVolumeClaim['spec']): PersistentVolumeClaim => ({ metadata: { name, namespace: 'default' }, spec });
  return [
    ...drivers.flatMap((d) => [0, 1, 2, 3].map((j) => claim(`csi-${d}-${j}`, { volumeName: `csi-${d}-${j}` }))),
    claim('csi-4', { storageClassName: SC_NAME }),
    claim('csi-5', {}),
    // A claim with a missing PV but an existing class.
    claim('csi-6', { storageClassName: SC_NAME, volumeName: 'missing-in-action' }),
  ];
}

const fakeVAs = (count: number, drivers: string[]): VolumeAttachment[] =>
  drivers.flatMap((d) =>
    Array.from({ length: count }, (_, j) => ({ metadata: { name: `va-${d}-${j}` }, spec: { nodeName: NODE, attacher: d, source: { persistentVolumeName: `csi-${d}-${j}` } } })),
  );

type LimitSource = 'csinode' | 'csinode-with-no-limit' | 'no-csi-driver' | undefined;

function csiNodeFor(limitSource: LimitSource, limit: number, drivers: string[]): CSINode | undefined {
  if (!limitSource) return undefined;
  const node: CSINode = { metadata: { name: NODE, annotations: { [MIGRATED_PLUGINS_ANNOTATION]: AWS_IN_TREE } }, spec: { drivers: [] } };
  if (limitSource === 'no-csi-driver') return node;
  node.spec!.drivers = drivers.map((name) => ({ name, nodeID: NODE, ...(limitSource === 'csinode' ? { allocatable: { count: limit } } : {}) }));
  return node;
}

interface World {
  drivers: string[];
  maxVols?: number;
  limitSource?: LimitSource;
  existing?: Pod[];
  extraClaims?: PersistentVolumeClaim[];
  vaCount?: number;
}

function setup(w: World): { plugin: NodeVolumeLimits; node: NodeInfo } {
  const csiNode = csiNodeFor(w.limitSource, w.maxVols ?? 0, w.drivers);
  const classes: StorageClass[] = [{ metadata: { name: SC_NAME }, provisioner: w.drivers[0]! }];
  const listers: Record<string, Lister<unknown>> = {
    csinodes: listerOf(csiNode ? [csiNode] : []),
    persistentvolumes: listerOf(fakePVs(w.drivers)),
    persistentvolumeclaims: listerOf([...fakePVCs(w.drivers), ...(w.extraClaims ?? [])]),
    storageclasses: listerOf(classes),
    volumeattachments: listerOf(fakeVAs(w.vaCount ?? 0, w.drivers)),
  };
  const node = new NodeInfo(makeNode().name(NODE).obj());
  for (const p of w.existing ?? []) node.addPod(newPodInfo({ ...p, spec: { ...p.spec, nodeName: NODE } }));
  return { plugin: new NodeVolumeLimits({ lister: <T>(r: string) => listers[r] as Lister<T> | undefined }), node };
}

const summary = (s: Status | undefined) => (s ? `${s.codeName()}: ${s.message()}` : 'Success');
const EXCEEDED = `Unschedulable: ${ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED}`;

/** run returns the PreFilter status, or the Filter status when PreFilter did not skip. */
function run(w: World, pod: Pod): string {
  const { plugin, node } = setup(w);
  const state = new CycleState();
  const pre = plugin.preFilter(state, pod).status;
  if (pre) return summary(pre);
  return summary(plugin.filter(state, pod, node));
}

const p = () => makePod();
const runningPod = p().name('running').pvc(`csi-${EBS}-3`).obj();
const pendingVolumePod = p().name('pending').pvc('csi-4').obj();
const unboundPVCPod2 = p().name('pending2').pvc('csi-4').obj();
const missingPVPod = p().name('missing-pv').pvc('csi-6').obj();
const noSCPVCPod = p().name('no-sc').pvc('csi-5').obj();
const gceTwoVolPod = p().name('gce2').pvc(`csi-${GCE}-1`).pvc(`csi-${GCE}-2`).obj();
const inTreeOneVolPod = p().name('intree1').pvc(`csi-${AWS_IN_TREE}-0`).obj();
const inTreeTwoVolPod = p().name('intree2').pvc(`csi-${AWS_IN_TREE}-1`).pvc(`csi-${AWS_IN_TREE}-2`).obj();
const csiEBSOneVolPod = p().name('ebs1').pvc(`csi-${EBS}-0`).obj();
const csiEBSTwoVolPod = p().name('ebs2').pvc(`csi-${EBS}-1`).pvc(`csi-${EBS}-2`).obj();
const inTreeNonMigratableOneVolPod = p().name('hostpath').pvc(`csi-${HOSTPATH_IN_TREE}-0`).obj();
const ebsInline = (volumeID: string): Volume => ({ name: 'inline', awsElasticBlockStore: { volumeID } });
const inTreeInlineVolPod = p().name('inline').volume(ebsInline('aws-inline1')).obj();
const inTreeInlineVolPodWithSameCSIVolumeID = p().name('inline-same').volume(ebsInline(`csi-${EBS}-1`)).obj();
const cmAndSecret = (b: ReturnType<typeof p>) => b.volume({ name: 'cm', configMap: {} }).volume({ name: 's', secret: {} });

const ephemeral = (name: string): Volume => ({ name, ephemeral: {} });
const ephemeralVolumePod = (() => {
  const pod = p().name('abc').namespace('test').volume(ephemeral('xyz')).obj();
  pod.metadata.uid = '12345';
  return pod;
})();
const ephemeralTwoVolumePod = (() => {
  const pod = p().name('abc').namespace('test').volume(ephemeral('x')).volume(ephemeral('y')).obj();
  pod.metadata.uid = '12345II';
  return pod;
})();
const ownedClaim = (pod: Pod, volume: string): PersistentVolumeClaim => ({
  metadata: { namespace: pod.metadata.namespace, name: `${pod.metadata.name}-${volume}`, ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name!, uid: pod.metadata.uid!, controller: true }] },
  spec: { storageClassName: SC_NAME },
});
const ephemeralClaim = ownedClaim(ephemeralVolumePod, 'xyz');
const conflictingClaim: PersistentVolumeClaim = { ...ephemeralClaim, metadata: { ...ephemeralClaim.metadata, ownerReferences: undefined } };
const ephemeralClaimX = ownedClaim(ephemeralTwoVolumePod, 'x');
const ephemeralClaimY = ownedClaim(ephemeralTwoVolumePod, 'y');
const ephemeralPodWithConfigmapAndSecret = (() => {
  const pod = cmAndSecret(p().name('abc').namespace('test')).volume(ephemeral('xyz')).obj();
  pod.metadata.uid = '12345';
  return pod;
})();

describe('NodeVolumeLimits (CSI limits)', () => {
  const MIG = [AWS_IN_TREE, EBS];
  const cases: Array<{ test: string; pod: Pod; w: World; want: string }> = [
    { test: 'should count VolumeAttachments towards volume limit when no pods exist', pod: csiEBSOneVolPod, w: { drivers: [EBS], maxVols: 2, vaCount: 2, limitSource: 'csinode' }, want: EXCEEDED },
    { test: 'should schedule pod when VolumeAttachments count does not exceed limit', pod: csiEBSOneVolPod, w: { drivers: [EBS], maxVols: 2, vaCount: 1, limitSource: 'csinode' }, want: 'Success' },
    { test: 'fits when node volume limit >= new pods CSI volume', pod: csiEBSOneVolPod, w: { drivers: [EBS], maxVols: 4, existing: [runningPod, csiEBSTwoVolPod], limitSource: 'csinode' }, want: 'Success' },
    { test: "doesn't when node volume limit <= pods CSI volume", pod: csiEBSOneVolPod, w: { drivers: [EBS], maxVols: 2, existing: [runningPod, csiEBSTwoVolPod], limitSource: 'csinode' }, want: EXCEEDED },
    { test: 'should when driver does not support volume limits', pod: csiEBSOneVolPod, w: { drivers: [EBS], maxVols: 2, existing: [runningPod, csiEBSTwoVolPod], limitSource: 'csinode-with-no-limit' }, want: 'Success' },
    { test: 'count pending PVCs towards volume limit <= pods CSI volume', pod: csiEBSOneVolPod, w: { drivers: [EBS], maxVols: 2, existing: [pendingVolumePod, csiEBSTwoVolPod], limitSource: 'csinode' }, want: EXCEEDED },
    { test: 'count multiple pending pvcs towards volume limit >= pods CSI volume', pod: csiEBSOneVolPod, w: { drivers: [EBS], maxVols: 4, existing: [pendingVolumePod, unboundPVCPod2, csiEBSTwoVolPod], limitSource: 'csinode' }, want: 'Success' },
    { test: 'should count PVCs with invalid PV name but valid SC', pod: csiEBSOneVolPod, w: { drivers: [EBS], maxVols: 2, existing: [missingPVPod, csiEBSTwoVolPod], limitSource: 'csinode' }, want: EXCEEDED },
    { test: "don't count pvcs with missing SC towards volume limit", pod: csiEBSOneVolPod, w: { drivers: [EBS], maxVols: 2, existing: [runningPod, noSCPVCPod], limitSource: 'csinode' }, want: 'Success' },
    { test: 'count pvcs with the same type towards volume limit', pod: csiEBSOneVolPod, w: { drivers: [EBS, GCE], maxVols: 2, existing: [gceTwoVolPod, csiEBSTwoVolPod], limitSource: 'csinode' }, want: EXCEEDED },
    { test: "don't count pvcs with different type towards volume limit", pod: gceTwoVolPod, w: { drivers: [EBS, GCE], maxVols: 2, existing: [csiEBSTwoVolPod, runningPod], limitSource: 'csinode' }, want: 'Success' },
    { test: 'should count in-tree volumes if migration is enabled', pod: inTreeOneVolPod, w: { drivers: MIG, maxVols: 2, existing: [inTreeTwoVolPod], limitSource: 'csinode' }, want: EXCEEDED },
    { test: 'nil csi node', pod: inTreeInlineVolPod, w: { drivers: MIG, existing: [inTreeTwoVolPod] }, want: 'Success' },
    { test: 'should count unbound in-tree volumes if migration is enabled', pod: pendingVolumePod, w: { drivers: MIG, maxVols: 2, existing: [inTreeTwoVolPod], limitSource: 'csinode' }, want: EXCEEDED },
    { test: 'should not limit pod if volume used does not report limits', pod: inTreeOneVolPod, w: { drivers: MIG, maxVols: 2, existing: [inTreeTwoVolPod], limitSource: 'csinode-with-no-limit' }, want: 'Success' },
    { test: 'should not count non-migratable in-tree volumes', pod: inTreeNonMigratableOneVolPod, w: { drivers: [HOSTPATH_IN_TREE, EBS], maxVols: 2, existing: [csiEBSTwoVolPod], limitSource: 'csinode' }, want: 'Success' },
    { test: 'should count in-tree inline volumes if migration is enabled', pod: inTreeInlineVolPod, w: { drivers: MIG, maxVols: 2, existing: [inTreeTwoVolPod], limitSource: 'csinode' }, want: EXCEEDED },
    { test: 'should count in-tree and csi volumes if migration is enabled (when scheduling in-tree volumes)', pod: inTreeOneVolPod, w: { drivers: MIG, maxVols: 2, existing: [csiEBSTwoVolPod], limitSource: 'csinode' }, want: EXCEEDED },
    { test: 'should count in-tree, inline and csi volumes if migration is enabled (when scheduling in-tree volumes)', pod: inTreeInlineVolPod, w: { drivers: MIG, maxVols: 3, existing: [csiEBSTwoVolPod, inTreeOneVolPod], limitSource: 'csinode' }, want: EXCEEDED },
    { test: 'should not count in-tree, inline and csi volumes if migration is enabled (when scheduling in-tree volumes)', pod: inTreeInlineVolPodWithSameCSIVolumeID, w: { drivers: MIG, maxVols: 3, existing: [csiEBSTwoVolPod, inTreeOneVolPod], limitSource: 'csinode' }, want: 'Success' },
    { test: 'should count in-tree and csi volumes if migration is enabled (when scheduling csi volumes)', pod: csiEBSOneVolPod, w: { drivers: MIG, maxVols: 2, existing: [inTreeTwoVolPod], limitSource: 'csinode' }, want: EXCEEDED },
    { test: 'ephemeral volume missing', pod: ephemeralVolumePod, w: { drivers: [EBS], limitSource: 'csinode-with-no-limit' }, want: 'UnschedulableAndUnresolvable: looking up PVC test/abc-xyz: persistentvolumeclaim "abc-xyz" not found' },
    { test: 'ephemeral volume not owned', pod: ephemeralVolumePod, w: { drivers: [EBS], limitSource: 'csinode-with-no-limit', extraClaims: [conflictingClaim] }, want: 'Error: PVC test/abc-xyz was not created for pod test/abc (pod is not owner)' },
    { test: 'ephemeral volume unbound', pod: ephemeralVolumePod, w: { drivers: [EBS], limitSource: 'csinode-with-no-limit', extraClaims: [ephemeralClaim] }, want: 'Success' },
    { test: "ephemeral doesn't when node volume limit <= pods CSI volume", pod: ephemeralVolumePod, w: { drivers: [EBS], maxVols: 2, existing: [runningPod, csiEBSTwoVolPod], limitSource: 'csinode', extraClaims: [ephemeralClaim] }, want: EXCEEDED },
    { test: "ephemeral doesn't when node volume limit <= pods ephemeral CSI volume", pod: csiEBSOneVolPod, w: { drivers: [EBS], maxVols: 2, existing: [runningPod, ephemeralTwoVolumePod], limitSource: 'csinode', extraClaims: [ephemeralClaimX, ephemeralClaimY] }, want: EXCEEDED },
    { test: "persistent doesn't when node volume limit <= pods ephemeral CSI volume + persistent volume", pod: csiEBSOneVolPod, w: { drivers: [EBS], maxVols: 3, existing: [runningPod, ephemeralVolumePod, csiEBSTwoVolPod], limitSource: 'csinode', extraClaims: [ephemeralClaim] }, want: EXCEEDED },
    { test: 'persistent okay when node volume limit > pods ephemeral CSI volume + persistent volume', pod: csiEBSOneVolPod, w: { drivers: [EBS], maxVols: 5, existing: [runningPod, ephemeralVolumePod, csiEBSTwoVolPod], limitSource: 'csinode', extraClaims: [ephemeralClaim] }, want: 'Success' },
    { test: 'skip Filter when the pod only uses secrets and configmaps', pod: cmAndSecret(p()).obj(), w: { drivers: [EBS], maxVols: 2, limitSource: 'csinode' }, want: 'Skip: ' },
    { test: "don't skip Filter when the pod has pvcs", pod: cmAndSecret(p()).pvc(`csi-${EBS}-0`).obj(), w: { drivers: [EBS], maxVols: 2, limitSource: 'csinode' }, want: 'Success' },
    { test: "don't skip Filter when the pod has ephemeral volumes", pod: ephemeralPodWithConfigmapAndSecret, w: { drivers: [EBS], limitSource: 'csinode-with-no-limit' }, want: 'UnschedulableAndUnresolvable: looking up PVC test/abc-xyz: persistentvolumeclaim "abc-xyz" not found' },
    { test: "don't skip Filter when the pod has inline migratable volumes", pod: cmAndSecret(p()).volume(ebsInline('aws-inline1')).obj(), w: { drivers: MIG, maxVols: 2, existing: [inTreeTwoVolPod], limitSource: 'csinode' }, want: EXCEEDED },
    { test: 'a shared volume already on the node costs nothing', pod: p().name('again').pvc(`csi-${EBS}-1`).obj(), w: { drivers: [EBS], maxVols: 2, existing: [csiEBSTwoVolPod], limitSource: 'csinode' }, want: 'Success' },
    { test: 'a malformed in-tree inline volume ID is an error', pod: p().volume(ebsInline('aws://us-east-1a/not-a-volume')).obj(), w: { drivers: MIG, maxVols: 2, limitSource: 'csinode' }, want: 'Error: converting volume(inline) from inline to csi: failed to translate Kubernetes ID to EBS Volume ID Invalid format for AWS volume (aws://us-east-1a/not-a-volume)' },
  ];
  for (const tc of cases) it(tc.test, () => assert.equal(run(tc.w, tc.pod), tc.want));
});

describe('NodeVolumeLimits queueing hints', () => {
  const podEbs = p().pvc(`csi-${EBS}-2`).obj();
  const placed = (pod: Pod): Pod => ({ ...pod, spec: { ...pod.spec, nodeName: NODE } });
  it('pod deleted', () => {
    assert.equal(isSchedulableAfterPodDeleted(podEbs, placed(p().pvc('placeholder').obj())), 'Queue');
    assert.equal(isSchedulableAfterPodDeleted(podEbs, placed(p().volume(ebsInline('')).obj())), 'Queue');
    assert.equal(isSchedulableAfterPodDeleted(podEbs, placed(p().obj())), 'QueueSkip');
    assert.equal(isSchedulableAfterPodDeleted(podEbs, p().pvc(`csi-${EBS}-0`).obj()), 'QueueSkip');
  });

  it('PVC added', () => {
    const claim = (name: string, namespace: string): PersistentVolumeClaim => ({ metadata: { name, namespace }, spec: {} });
    assert.equal(isSchedulableAfterPVCAdded(p().namespace('ns1').obj(), undefined, claim('pvc1', 'ns2')), 'QueueSkip');
    assert.equal(isSchedulableAfterPVCAdded(p().namespace('ns1').pvc('pvc1').obj(), undefined, claim('pvc1', 'ns1')), 'Queue');
    assert.equal(isSchedulableAfterPVCAdded(p().name('pod1').namespace('ns1').volume(ephemeral('ephemeral')).obj(), undefined, claim('pod1-ephemeral', 'ns1')), 'Queue');
    assert.equal(isSchedulableAfterPVCAdded(p().namespace('ns1').pvc('pvc1').obj(), undefined, claim('pvc2', 'ns1')), 'QueueSkip');
    assert.equal(isSchedulableAfterPVCAdded(p().namespace('ns1').obj(), undefined, claim('pvc2', 'ns1')), 'QueueSkip');
  });

  it('CSINode updated: only a raised allocatable count requeues', () => {
    const csiNode = (...drivers: Array<[string, number | undefined]>): CSINode => ({ metadata: { name: NODE }, spec: { drivers: drivers.map(([name, count]) => ({ name, nodeID: NODE, allocatable: count === undefined ? undefined : { count } })) } });
    assert.equal(isSchedulableAfterCSINodeUpdated(podEbs, csiNode([EBS, 1]), csiNode([EBS, 2])), 'Queue');
    assert.equal(isSchedulableAfterCSINodeUpdated(podEbs, csiNode([EBS, 2]), csiNode([EBS, 1])), 'QueueSkip');
    assert.equal(isSchedulableAfterCSINodeUpdated(podEbs, csiNode([EBS, 2]), csiNode([EBS, 2], [GCE, 1])), 'Queue');
    assert.equal(isSchedulableAfterCSINodeUpdated(podEbs, csiNode([EBS, 2]), csiNode([EBS, 2])), 'QueueSkip');
  });

  it('VolumeAttachment deleted', () => {
    const { plugin } = setup({ drivers: [], extraClaims: [{ metadata: { name: 'pvc1', namespace: 'ns1' }, spec: { volumeName: 'pv1' } }] });
    const va = (attacher: string, source: NonNullable<VolumeAttachment['spec']>['source']): VolumeAttachment => ({ metadata: { name: 'volumeattachment1' }, spec: { nodeName: 'fake-node', attacher, source } });
    const byPV = va('test.storage.gke.io', { persistentVolumeName: 'pv1' });
    const inlineEBS = va(EBS, { inlineVolumeSpec: { csi: { driver: EBS } } });
    const withPVC = p().namespace('ns1').pvc('pvc1').obj();
    assert.equal(plugin.isSchedulableAfterVolumeAttachmentDeleted(withPVC, byPV), 'Queue');
    assert.equal(plugin.isSchedulableAfterVolumeAttachmentDeleted(p().namespace('ns1').volume(ebsInline('test')).obj(), inlineEBS), 'Queue');
    assert.equal(plugin.isSchedulableAfterVolumeAttachmentDeleted(p().namespace('ns1').volume({ name: 'gce', gcePersistentDisk: { pdName: 'test' } }).obj(), inlineEBS), 'QueueSkip');
    assert.equal(plugin.isSchedulableAfterVolumeAttachmentDeleted(p().namespace('ns1').volume(ebsInline('test')).pvc('pvc1').obj(), inlineEBS), 'Queue');
    assert.equal(plugin.isSchedulableAfterVolumeAttachmentDeleted(p().namespace('ns1').volume(ebsInline('test')).pvc('pvc1').obj(), byPV), 'Queue');
    assert.equal(plugin.isSchedulableAfterVolumeAttachmentDeleted(p().namespace('ns1').obj(), byPV), 'QueueSkip');
    assert.equal(plugin.isSchedulableAfterVolumeAttachmentDeleted(withPVC, va('test.storage.gke.io', { persistentVolumeName: 'pv2' })), 'QueueSkip');
  });
});
