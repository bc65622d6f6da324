import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CycleState } from '../../framework/cycle-state.js';
import type { Lister } from '../../framework/interface.js';
import { NodeInfo } from '../../framework/node-info.js';
import type { Status } from '../../framework/status.js';
import type { Pod } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/builders.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../volume-binding/types.js';
import { ERR_REASON_CONFLICT, isSchedulableAfterPVCChange, isSchedulableAfterPVChange, isSchedulableAfterStorageClassAdded, VolumeZone } from './volume-zone.js';

const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';

const pv = (name: string, labels: Record<string, string>): PersistentVolume => ({ metadata: { name, labels }, spec: {} });
const pvc = (name: string, spec: PersistentVolumeClaim['spec']): PersistentVolumeClaim => ({ metadata: { name, namespace: 'default' }, spec });
const bound = (name: string, volumeName: string) => pvc(name, { volumeName });
const podWithVolume = (claim: string): Pod => makePod().name('pod_1').pvc(claim).obj();
const node = (labels: Record<string, string> = {}): NodeInfo => {
  const b = makeNode().name('host1');
  for (const [k, v] of Object.entries(labels)) b.label(k, v);
  return new NodeInfo(b.obj());
};

const listerOf = <T extends { metadata: { name?: string; namespace?: string } }>(items: T[]): Lister<T> => ({
  get: (ns, n) => items.find((x) => x.metadata.name === n && (ns === undefined || x.metadata.namespace === ns)),
  list: () => items,
});

function plugin(pvs: PersistentVolume[], pvcs: PersistentVolumeClaim[], classes: StorageClass[] = []): VolumeZone {
  const listers: Record<string, Lister<unknown>> = { persistentvolumes: listerOf(pvs), persistentvolumeclaims: listerOf(pvcs), storageclasses: listerOf(classes) };
  return new VolumeZone({ lister: <T>(r: string) => listers[r] as Lister<T> | undefined });
}

const summary = (s: Status | undefined) => (s ? `${s.codeName()}: ${s.message()}` : 'Success');
const CONFLICT = `UnschedulableAndUnresolvable: ${ERR_REASON_CONFLICT}`;

/** run mirrors upstream's tests: PreFilter, then Filter with the same state whatever PreFilter said. */
function run(pl: VolumeZone, pod: Pod, n: NodeInfo): [string, string] {
  const state = new CycleState();
  return [summary(pl.preFilter(state, pod).status), summary(pl.filter(state, pod, n))];
}

interface Case {
  name: string;
  pod: Pod;
  node: NodeInfo;
  want: [string, string];
}
const ok = (name: string, pod: Pod, n: NodeInfo): Case => ({ name, pod, node: n, want: ['Success', 'Success'] });
const conflict = (name: string, pod: Pod, n: NodeInfo): Case => ({ name, pod, node: n, want: ['Success', CONFLICT] });

describe('VolumeZone single zone', () => {
  const pl = plugin(
    [
      pv('Vol_1', { [BETA_ZONE]: 'us-west1-a' }),
      pv('Vol_2', { [BETA_REGION]: 'us-west1', uselessLabel: 'none' }),
      pv('Vol_3', { [BETA_REGION]: 'us-west1' }),
      pv('Vol_Stable_1', { [ZONE]: 'us-west1-a' }),
      pv('Vol_Stable_2', { [REGION]: 'us-west1', uselessLabel: 'none' }),
      pv('Vol_Stable_3', { [ZONE]: 'us-west1-a', [REGION]: 'us-west1-a' }),
    ],
    [bound('PVC_1', 'Vol_1'), bound('PVC_2', 'Vol_2'), bound('PVC_3', 'Vol_3'), bound('PVC_4', 'Vol_not_exist'), bound('PVC_Stable_1', 'Vol_Stable_1'), bound('PVC_Stable_2', 'Vol_Stable_2'), bound('PVC_Stable_3', 'Vol_Stable_3')],
  );
  const cases: Case[] = [
    { name: 'pod without volume', pod: makePod().name('pod_1').obj(), node: node({ [BETA_ZONE]: 'us-west1-a' }), want: ['Skip: ', 'Success'] },
    ok('node without labels', podWithVolume('PVC_1'), node()),
    ok('beta zone label matched', podWithVolume('PVC_1'), node({ [BETA_ZONE]: 'us-west1-a', uselessLabel: 'none' })),
    ok('beta region label matched', podWithVolume('PVC_2'), node({ [BETA_REGION]: 'us-west1', uselessLabel: 'none' })),
    conflict("beta region label doesn't match", podWithVolume('PVC_2'), node({ [BETA_REGION]: 'no_us-west1', uselessLabel: 'none' })),
    conflict("beta zone label doesn't match", podWithVolume('PVC_1'), node({ [BETA_ZONE]: 'no_us-west1-a', uselessLabel: 'none' })),
    ok('zone label matched', podWithVolume('PVC_Stable_1'), node({ [ZONE]: 'us-west1-a', uselessLabel: 'none' })),
    ok('region label matched', podWithVolume('PVC_Stable_2'), node({ [REGION]: 'us-west1', uselessLabel: 'none' })),
    conflict("region label doesn't match", podWithVolume('PVC_Stable_2'), node({ [REGION]: 'no_us-west1', uselessLabel: 'none' })),
    conflict("zone label doesn't match", podWithVolume('PVC_Stable_1'), node({ [ZONE]: 'no_us-west1-a', uselessLabel: 'none' })),
    conflict('pv with zone and region, node with only zone', podWithVolume('PVC_Stable_3'), node({ [ZONE]: 'us-west1-a' })),
    conflict('pv with zone, node with beta zone', podWithVolume('PVC_Stable_1'), node({ [BETA_ZONE]: 'us-west1-a' })),
    ok('pv with beta label, node with ga label, matched', podWithVolume('PVC_1'), node({ [ZONE]: 'us-west1-a' })),
    conflict("pv with beta label, node with ga label, don't match", podWithVolume('PVC_1'), node({ [ZONE]: 'us-west1-b' })),
    {
      name: 'claim bound to a missing PV',
      pod: podWithVolume('PVC_4'),
      node: node({ [ZONE]: 'us-west1-a' }),
      want: ['UnschedulableAndUnresolvable: persistentvolume "Vol_not_exist" not found', 'UnschedulableAndUnresolvable: persistentvolume "Vol_not_exist" not found'],
    },
    { name: 'missing claim', pod: podWithVolume('PVC_nope'), node: node(), want: ['UnschedulableAndUnresolvable: persistentvolumeclaim "PVC_nope" not found', 'UnschedulableAndUnresolvable: persistentvolumeclaim "PVC_nope" not found'] },
  ];
  for (const tc of cases) it(tc.name, () => assert.deepEqual(run(pl, tc.pod, tc.node), tc.want));
});

describe('VolumeZone multi zone', () => {
  const pl = plugin(
    [
      pv('Vol_1', { [BETA_ZONE]: 'us-west1-a' }),
      pv('Vol_2', { [BETA_ZONE]: 'us-west1-b', uselessLabel: 'none' }),
      pv('Vol_3', { [BETA_ZONE]: 'us-west1-c__us-west1-a' }),
      pv('Vol_Stable_1', { [ZONE]: 'us-west1-a' }),
      pv('Vol_Stable_2', { [ZONE]: 'us-west1-c__us-west1-a' }),
      pv('Vol_Bad', { [ZONE]: 'us-west1-c____us-west1-a' }),
    ],
    [bound('PVC_1', 'Vol_1'), bound('PVC_2', 'Vol_2'), bound('PVC_3', 'Vol_3'), bound('PVC_Stable_1', 'Vol_Stable_1'), bound('PVC_Stable_2', 'Vol_Stable_2'), bound('PVC_Bad', 'Vol_Bad')],
  );
  const cases: Case[] = [
    ok('node without labels', podWithVolume('PVC_3'), node()),
    ok('beta zone label matched', podWithVolume('PVC_3'), node({ [BETA_ZONE]: 'us-west1-a', uselessLabel: 'none' })),
    conflict("beta zone label doesn't match", podWithVolume('PVC_1'), node({ [BETA_ZONE]: 'us-west1-b', uselessLabel: 'none' })),
    ok('zone label matched', podWithVolume('PVC_Stable_2'), node({ [ZONE]: 'us-west1-a', uselessLabel: 'none' })),
    conflict("zone label doesn't match", podWithVolume('PVC_Stable_1'), node({ [ZONE]: 'us-west1-b', uselessLabel: 'none' })),
    // A malformed multi-zone label is ignored, leaving the PV without a topology constraint.
    { name: 'malformed zone list is ignored', pod: podWithVolume('PVC_Bad'), node: node({ [ZONE]: 'us-west1-b' }), want: ['Skip: ', 'Success'] },
  ];
  for (const tc of cases) it(tc.name, () => assert.deepEqual(run(pl, tc.pod, tc.node), tc.want));
});

describe('VolumeZone with binding', () => {
  const sc = (name: string, volumeBindingMode?: StorageClass['volumeBindingMode']): StorageClass => ({ metadata: { name }, provisioner: 'p', volumeBindingMode });
  const pl = plugin(
    [pv('Vol_1', { [BETA_ZONE]: 'us-west1-a' })],
    [
      bound('PVC_1', 'Vol_1'),
      pvc('PVC_NoSC', { storageClassName: 'Class_0' }),
      pvc('PVC_EmptySC', {}),
      pvc('PVC_WaitSC', { storageClassName: 'Class_Wait' }),
      pvc('PVC_UnsetSC', { storageClassName: 'Class_Unset' }),
      pvc('PVC_ImmediateSC', { storageClassName: 'Class_Immediate' }),
    ],
    [sc('Class_Unset'), sc('Class_Wait', 'WaitForFirstConsumer'), sc('Class_Immediate', 'Immediate')],
  );
  const testNode = () => node({ [BETA_ZONE]: 'us-west1-a', uselessLabel: 'none' });
  const both = (m: string): [string, string] => [`UnschedulableAndUnresolvable: ${m}`, `UnschedulableAndUnresolvable: ${m}`];
  const cases: Case[] = [
    ok('label zone failure domain matched', podWithVolume('PVC_1'), testNode()),
    { name: 'unbound volume empty storage class', pod: podWithVolume('PVC_EmptySC'), node: testNode(), want: both('PersistentVolumeClaim had no pv name and storageClass name') },
    { name: 'unbound volume no storage class', pod: podWithVolume('PVC_NoSC'), node: testNode(), want: both('storageclass.storage.k8s.io "Class_0" not found') },
    { name: 'unbound volume, class without binding mode', pod: podWithVolume('PVC_UnsetSC'), node: testNode(), want: both('VolumeBindingMode not set for StorageClass "Class_Unset"') },
    { name: 'unbound volume immediate binding mode', pod: podWithVolume('PVC_ImmediateSC'), node: testNode(), want: both('PersistentVolume had no name') },
    { name: 'unbound volume wait binding mode', pod: podWithVolume('PVC_WaitSC'), node: testNode(), want: ['Skip: ', 'Success'] },
  ];
  for (const tc of cases) it(tc.name, () => assert.deepEqual(run(pl, tc.pod, tc.node), tc.want));
});

describe('VolumeZone queueing hints', () => {
  const pod = podWithVolume('PVC_1');
  it('PVC added or updated', () => {
    assert.equal(isSchedulableAfterPVCChange(makePod().name('pod_1').obj(), undefined, bound('PVC_1', 'Vol_1')), 'QueueSkip');
    assert.equal(isSchedulableAfterPVCChange(podWithVolume('PVC_2'), undefined, bound('PVC_1', 'Vol_1')), 'QueueSkip');
    assert.equal(isSchedulableAfterPVCChange(pod, undefined, { ...bound('PVC_1', 'Vol_1'), metadata: { name: 'PVC_1', namespace: 'ns1' } }), 'QueueSkip');
    assert.equal(isSchedulableAfterPVCChange(pod, undefined, bound('PVC_1', 'Vol_1')), 'Queue');
    assert.equal(isSchedulableAfterPVCChange(pod, bound('PVC_1', ''), bound('PVC_1', 'Vol_1')), 'Queue');
  });
  it('StorageClass added', () => {
    assert.equal(isSchedulableAfterStorageClassAdded(pod, undefined, { metadata: { name: 'SC_1' }, provisioner: 'p' }), 'QueueSkip');
    assert.equal(isSchedulableAfterStorageClassAdded(pod, undefined, { metadata: { name: 'SC_1' }, provisioner: 'p', volumeBindingMode: 'Immediate' }), 'QueueSkip');
    assert.equal(isSchedulableAfterStorageClassAdded(pod, undefined, { metadata: { name: 'SC_1' }, provisioner: 'p', volumeBindingMode: 'WaitForFirstConsumer' }), 'Queue');
  });
  it('PV added or updated', () => {
    assert.equal(isSchedulableAfterPVChange(pod, undefined, pv('Vol_1', { [BETA_ZONE]: 'us-west1-b' })), 'Queue');
    assert.equal(isSchedulableAfterPVChange(pod, pv('Vol_1', { [BETA_ZONE]: 'us-west1-a' }), pv('Vol_1', { [BETA_ZONE]: 'us-west1-b' })), 'Queue');
    assert.equal(isSchedulableAfterPVChange(pod, pv('Vol_1', { [BETA_ZONE]: 'us-west1-a' }), pv('Vol_1', { [BETA_ZONE]: 'us-west1-a', [ZONE]: 'zone' })), 'Queue');
    assert.equal(isSchedulableAfterPVChange(pod, pv('Vol_1', { [BETA_ZONE]: 'us-west1-a', [ZONE]: 'zone' }), pv('Vol_1', { [BETA_ZONE]: 'us-west1-a', [ZONE]: 'zone', other: 'x' })), 'QueueSkip');
  });
});
