import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Snapshot } from '../../cache/snapshot.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { Lister } from '../../framework/interface.js';
import { NodeInfo, newPodInfo } from '../../framework/node-info.js';
import type { Status } from '../../framework/status.js';
import type { Pod, Volume } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/builders.js';
import type { PersistentVolumeClaim } from '../volume-binding/types.js';
import { ERR_REASON_DISK_CONFLICT, ERR_REASON_RWOP_CONFLICT, isSchedulableAfterPodDeleted, isSchedulableAfterPVCAdded, VolumeRestrictions } from './volume-restrictions.js';

const summary = (s: Status | undefined) => (s ? `${s.codeName()}: ${s.message()}` : 'Success');

/** nodeWith places pods on node-1 (their nodeName is set, as in the cache). */
function nodeWith(...pods: Pod[]): NodeInfo {
  const ni = new NodeInfo(makeNode().name('node-1').obj());
  for (const p of pods) ni.addPod(newPodInfo({ ...p, spec: { ...p.spec, nodeName: 'node-1' } }));
  return ni;
}

/** plugin reads claims from pvcs and "used by pods" from a snapshot of the nodes. */
function plugin(pvcs: PersistentVolumeClaim[] = [], nodes: NodeInfo[] = []): VolumeRestrictions {
  const lister: Lister<PersistentVolumeClaim> = { get: (ns, n) => pvcs.find((c) => c.metadata.namespace === ns && c.metadata.name === n), list: () => pvcs };
  const snap = new Snapshot();
  snap.nodeInfoList = nodes;
  return new VolumeRestrictions({ lister: <T>() => lister as unknown as Lister<T>, isPVCUsedByPods: (k) => snap.isPVCUsedByPods(k) });
}

/** run is PreFilter then, unless it did not succeed, Filter on the node. */
function run(pl: VolumeRestrictions, pod: Pod, node: NodeInfo): [string, string] {
  const state = new CycleState();
  const pre = pl.preFilter(state, pod).status;
  return [summary(pre), pre ? '-' : summary(pl.filter(state, pod, node))];
}

const SKIP: [string, string] = ['Skip: ', '-'];
const OK: [string, string] = ['Success', 'Success'];
const DISK: [string, string] = ['Success', `Unschedulable: ${ERR_REASON_DISK_CONFLICT}`];

/** The four upstream cases per in-tree disk type: nothing, one state, same state, different state. */
function diskCases(kind: string, a: Volume, b: Volume) {
  const withVol = (v: Volume, name = 'p') => makePod().name(name).volume(v).obj();
  return [
    { name: `${kind}: nothing`, pod: makePod().obj(), node: nodeWith(), want: SKIP },
    { name: `${kind}: one state`, pod: makePod().obj(), node: nodeWith(withVol(a, 'x')), want: SKIP },
    { name: `${kind}: same state`, pod: withVol(a), node: nodeWith(withVol(a, 'x')), want: DISK },
    { name: `${kind}: different state`, pod: withVol(b), node: nodeWith(withVol(a, 'x')), want: OK },
  ];
}

describe('VolumeRestrictions disk conflicts', () => {
  const cases = [
    ...diskCases('GCE PD', { name: 'v', gcePersistentDisk: { pdName: 'foo' } }, { name: 'v', gcePersistentDisk: { pdName: 'bar' } }),
    ...diskCases('AWS EBS', { name: 'v', awsElasticBlockStore: { volumeID: 'foo' } }, { name: 'v', awsElasticBlockStore: { volumeID: 'bar' } }),
    ...diskCases('RBD', { name: 'v', rbd: { monitors: ['a', 'b'], pool: 'foo', image: 'bar' } }, { name: 'v', rbd: { monitors: ['c', 'd'], pool: 'foo', image: 'bar' } }),
    ...diskCases('ISCSI', { name: 'v', iscsi: { iqn: 'iqn.2016-12.server:storage.target01' } }, { name: 'v', iscsi: { iqn: 'iqn.2017-12.server:storage.target01' } }),
    { name: 'pod with a volume that has no restrictions', pod: makePod().volume({ name: 'v', configMap: { name: 'c' } }).obj(), node: nodeWith(), want: SKIP },
    {
      name: 'GCE PD read-only on both sides may be shared',
      pod: makePod().volume({ name: 'v', gcePersistentDisk: { pdName: 'foo', readOnly: true } }).obj(),
      node: nodeWith(makePod().name('x').volume({ name: 'v', gcePersistentDisk: { pdName: 'foo', readOnly: true } }).obj()),
      want: OK,
    },
    {
      name: 'AWS EBS conflicts even read-only',
      pod: makePod().volume({ name: 'v', awsElasticBlockStore: { volumeID: 'foo', readOnly: true } }).obj(),
      node: nodeWith(makePod().name('x').volume({ name: 'v', awsElasticBlockStore: { volumeID: 'foo', readOnly: true } }).obj()),
      want: DISK,
    },
    {
      name: 'RBD images with one common monitor conflict',
      pod: makePod().volume({ name: 'v', rbd: { monitors: ['b', 'c'], pool: 'foo', image: 'bar' } }).obj(),
      node: nodeWith(makePod().name('x').volume({ name: 'v', rbd: { monitors: ['a', 'b'], pool: 'foo', image: 'bar' } }).obj()),
      want: DISK,
    },
  ];
  for (const tc of cases) it(tc.name, () => assert.deepEqual(run(plugin(), tc.pod, tc.node), tc.want));
});

describe('VolumeRestrictions ReadWriteOncePod', () => {
  const claim = (name: string, mode: string): PersistentVolumeClaim => ({ metadata: { name, namespace: 'default' }, spec: { accessModes: [mode] } });
  const rwop1 = claim('claim-with-rwop-1', 'ReadWriteOncePod');
  const rwop2 = claim('claim-with-rwop-2', 'ReadWriteOncePod');
  const rwx = claim('claim-with-rwx', 'ReadWriteMany');
  const podWithOnePVC = makePod().name('pod-with-one-pvc').pvc('claim-with-rwop-1').obj();
  const podWithTwoPVCs = makePod().name('pod-with-two-pvcs').pvc('claim-with-rwop-1').pvc('claim-with-rwop-2').obj();
  const podWithOneConflict = makePod().name('pod-with-one-conflict').pvc('claim-with-rwop-1').obj();
  const podWithTwoConflicts = makePod().name('pod-with-two-conflicts').pvc('claim-with-rwop-1').pvc('claim-with-rwop-2').obj();
  const podWithRWX = makePod().name('pod-with-rwx').pvc('claim-with-rwx').obj();
  const RWOP: [string, string] = ['Success', `Unschedulable: ${ERR_REASON_RWOP_CONFLICT}`];

  const cases: Array<{ name: string; pod: Pod; existing: Pod[]; pvcs: PersistentVolumeClaim[]; want: [string, string] }> = [
    { name: 'nothing', pod: makePod().obj(), existing: [], pvcs: [], want: SKIP },
    { name: 'failed to get PVC', pod: podWithOnePVC, existing: [], pvcs: [], want: ['UnschedulableAndUnresolvable: persistentvolumeclaim "claim-with-rwop-1" not found', '-'] },
    { name: 'no access mode conflict', pod: podWithOnePVC, existing: [podWithRWX], pvcs: [rwop1, rwx], want: SKIP },
    { name: 'access mode conflict, unschedulable', pod: podWithOneConflict, existing: [podWithOnePVC, podWithRWX], pvcs: [rwop1, rwx], want: RWOP },
    { name: 'two conflicts, unschedulable', pod: podWithTwoConflicts, existing: [podWithTwoPVCs, podWithRWX], pvcs: [rwop1, rwop2, rwx], want: RWOP },
    { name: 'a claim in another namespace does not conflict', pod: makePod().namespace('other').pvc('claim-with-rwop-1').obj(), existing: [podWithOnePVC], pvcs: [rwop1, { ...rwop1, metadata: { name: 'claim-with-rwop-1', namespace: 'other' } }], want: SKIP },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const node = nodeWith(...tc.existing);
      assert.deepEqual(run(plugin(tc.pvcs, [node]), tc.pod, node), tc.want);
    });
  }

  it('a claim in use on another node makes every node unschedulable', () => {
    const other = nodeWith(podWithOnePVC);
    const empty = new NodeInfo(makeNode().name('node-2').obj());
    assert.deepEqual(run(plugin([rwop1], [other, empty]), podWithOneConflict, empty), RWOP);
  });

  it('removePod of the claim holder (a preemption victim) frees the claim; addPod takes it again', () => {
    const node = nodeWith(podWithOnePVC, podWithRWX);
    const pl = plugin([rwop1, rwx], [node]);
    const state = new CycleState();
    assert.equal(pl.preFilter(state, podWithOneConflict).status, undefined);
    const holder = node.pods.find((p) => p.pod.metadata.name === 'pod-with-one-pvc')!;
    const rwxHolder = node.pods.find((p) => p.pod.metadata.name === 'pod-with-rwx')!;
    assert.equal(pl.removePod(state, podWithOneConflict, rwxHolder), undefined);
    assert.equal(summary(pl.filter(state, podWithOneConflict, node)), `Unschedulable: ${ERR_REASON_RWOP_CONFLICT}`);
    assert.equal(pl.removePod(state, podWithOneConflict, holder), undefined);
    assert.equal(summary(pl.filter(state, podWithOneConflict, node)), 'Success');
    pl.addPod(state, podWithOneConflict, holder);
    assert.equal(summary(pl.filter(state, podWithOneConflict, node)), `Unschedulable: ${ERR_REASON_RWOP_CONFLICT}`);
  });
});

describe('VolumeRestrictions queueing hints', () => {
  const gce = (pd: string): Volume => ({ name: 'v', gcePersistentDisk: { pdName: pd } });
  const cases = [
    { name: 'deleted pod held the same disk', pod: makePod().volume(gce('foo')).obj(), deleted: makePod().name('x').volume(gce('foo')).obj(), want: 'Queue' },
    { name: 'deleted pod held another disk', pod: makePod().volume(gce('foo')).obj(), deleted: makePod().name('x').volume(gce('bar')).obj(), want: 'QueueSkip' },
    { name: 'deleted pod used the same claim', pod: makePod().pvc('c').obj(), deleted: makePod().name('x').pvc('c').obj(), want: 'Queue' },
    { name: 'deleted pod used another claim', pod: makePod().pvc('c').obj(), deleted: makePod().name('x').pvc('d').obj(), want: 'QueueSkip' },
    { name: 'deleted pod in another namespace', pod: makePod().pvc('c').obj(), deleted: makePod().name('x').namespace('other').pvc('c').obj(), want: 'QueueSkip' },
  ];
  for (const tc of cases) it(`pod deleted: ${tc.name}`, () => assert.equal(isSchedulableAfterPodDeleted(tc.pod, tc.deleted), tc.want));

  const pvc = (name: string, ns = 'default'): PersistentVolumeClaim => ({ metadata: { name, namespace: ns }, spec: {} });
  it('PVC added: only the pod\'s own claim in its namespace requeues it', () => {
    const pod = makePod().pvc('c').obj();
    assert.equal(isSchedulableAfterPVCAdded(pod, undefined, pvc('c')), 'Queue');
    assert.equal(isSchedulableAfterPVCAdded(pod, undefined, pvc('d')), 'QueueSkip');
    assert.equal(isSchedulableAfterPVCAdded(pod, undefined, pvc('c', 'other')), 'QueueSkip');
  });
});
