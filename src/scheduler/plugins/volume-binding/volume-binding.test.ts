import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../../util/clock.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { Lister } from '../../framework/interface.js';
import { NodeInfo } from '../../framework/node-info.js';
import { Code, type Status } from '../../framework/status.js';
import type { NodeSelectorTerm, Pod } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/builders.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass, VolumePod } from './types.js';
import { VolumeBinding } from './volume-binding.js';

const HOST = 'kubernetes.io/hostname';
const node = (n: string, zone = 'a'): NodeInfo => new NodeInfo(makeNode().name(n).label(HOST, n).label('zone', zone).obj());
const zoneTerm = (...zones: string[]): NodeSelectorTerm => ({ matchExpressions: [{ key: 'zone', operator: 'In', values: zones }] });

const pv = (name: string, o: { size?: string; cls?: string; zones?: string[]; claim?: string } = {}): PersistentVolume => ({
  metadata: { name },
  spec: {
    capacity: { storage: o.size ?? '10Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: o.cls ?? 'local',
    nodeAffinity: o.zones ? { required: { nodeSelectorTerms: [zoneTerm(...o.zones)] } } : undefined,
    claimRef: o.claim ? { namespace: 'default', name: o.claim } : undefined,
  },
});
const pvc = (name: string, o: { volume?: string; cls?: string; size?: string; ann?: Record<string, string> } = {}): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, annotations: o.ann },
  spec: { volumeName: o.volume, storageClassName: o.cls ?? 'local', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: o.size ?? '5Gi' } } },
});
const wffc = (name: string, provisioner = 'kubernetes.io/no-provisioner'): StorageClass => ({ metadata: { name }, provisioner, volumeBindingMode: 'WaitForFirstConsumer' });
const immediate = (name: string): StorageClass => ({ metadata: { name }, provisioner: 'csi.example.com', volumeBindingMode: 'Immediate' });

const podWith = (...claims: string[]): Pod => {
  const p = makePod().obj() as VolumePod;
  p.spec.volumes = claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } }));
  return p;
};

/** world is a hand-built Handle: mutable object lists behind listers, a recording client. */
function world(pvs: PersistentVolume[], pvcs: PersistentVolumeClaim[], classes: StorageClass[]) {
  const by = <T extends { metadata: { name?: string; namespace?: string } }>(items: T[]): Lister<T> => ({
    get: (ns, n) => items.find((x) => x.metadata.name === n && (ns === undefined || x.metadata.namespace === ns)),
    list: () => items,
  });
  const listers: Record<string, Lister<unknown>> = { persistentvolumes: by(pvs), persistentvolumeclaims: by(pvcs), storageclasses: by(classes) };
  const patches: Array<{ resource: string; name: string; body: unknown }> = [];
  const clock = new FakeClock();
  const client = { patch: async (ref: { resource: string }, name: string, _t: string, body: unknown) => { patches.push({ resource: ref.resource, name, body }); return {} as never; } };
  const plugin = new VolumeBinding({ lister: <T>(r: string) => listers[r] as Lister<T> | undefined, client: client as never, clock }, { bindTimeoutSeconds: 5 });
  return { plugin, patches, clock, pvs, pvcs };
}

const summary = (s: Status | undefined) => (s ? `${s.codeName()}: ${s.message()}` : 'Success');

function filterAll(pl: VolumeBinding, pod: Pod, nodes: NodeInfo[], state = new CycleState()): string[] {
  const pre = pl.preFilter(state, pod);
  if (pre.status) return [summary(pre.status)];
  return nodes.map((n) => summary(pl.filter(state, pod, n)));
}

const NODE_CONFLICT = "UnschedulableAndUnresolvable: node(s) didn't match PersistentVolume's node affinity";
const BIND_CONFLICT = "UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind";

describe('VolumeBinding Filter', () => {
  const nodes = () => [node('n1', 'a'), node('n2', 'b')];
  const cases: Array<{ name: string; pvs: PersistentVolume[]; pvcs: PersistentVolumeClaim[]; classes: StorageClass[]; pod: Pod; want: string[] }> = [
    { name: 'pods without claims skip', pvs: [], pvcs: [], classes: [], pod: makePod().obj(), want: ['Skip: '] },
    { name: 'missing claim is unresolvable', pvs: [], pvcs: [], classes: [], pod: podWith('data'), want: ['UnschedulableAndUnresolvable: persistentvolumeclaim "data" not found'] },
    { name: 'unbound Immediate claim', pvs: [], pvcs: [pvc('data', { cls: 'fast' })], classes: [immediate('fast')], pod: podWith('data'), want: ['UnschedulableAndUnresolvable: pod has unbound immediate PersistentVolumeClaims'] },
    { name: 'bound claim: PV node affinity picks the zone', pvs: [pv('pv1', { zones: ['b'], claim: 'data' })], pvcs: [pvc('data', { volume: 'pv1' })], classes: [], pod: podWith('data'), want: [NODE_CONFLICT, 'Success'] },
    { name: 'bound claim: PV without affinity fits anywhere', pvs: [pv('pv1', { claim: 'data' })], pvcs: [pvc('data', { volume: 'pv1' })], classes: [], pod: podWith('data'), want: ['Success', 'Success'] },
    { name: 'bound claim: missing PV', pvs: [], pvcs: [pvc('data', { volume: 'gone' })], classes: [], pod: podWith('data'), want: ['UnschedulableAndUnresolvable: node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)', 'UnschedulableAndUnresolvable: node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)'] },
    { name: 'WaitForFirstConsumer: a matching local PV only in zone a', pvs: [pv('pv1', { zones: ['a'] })], pvcs: [pvc('data')], classes: [wffc('local')], pod: podWith('data'), want: ['Success', BIND_CONFLICT] },
    { name: 'WaitForFirstConsumer: PV too small', pvs: [pv('pv1', { zones: ['a'], size: '1Gi' })], pvcs: [pvc('data')], classes: [wffc('local')], pod: podWith('data'), want: [BIND_CONFLICT, BIND_CONFLICT] },
    { name: 'WaitForFirstConsumer: two claims cannot share one PV', pvs: [pv('pv1', { zones: ['a'] })], pvcs: [pvc('d1'), pvc('d2')], classes: [wffc('local')], pod: podWith('d1', 'd2'), want: [BIND_CONFLICT, BIND_CONFLICT] },
    { name: 'WaitForFirstConsumer: dynamic provisioning when no PV matches', pvs: [], pvcs: [pvc('data', { cls: 'csi' })], classes: [wffc('csi', 'csi.example.com')], pod: podWith('data'), want: ['Success', 'Success'] },
    { name: 'WaitForFirstConsumer: selected-node annotation pins provisioning', pvs: [], pvcs: [pvc('data', { cls: 'csi', ann: { 'volume.kubernetes.io/selected-node': 'n2' } })], classes: [wffc('csi', 'csi.example.com')], pod: podWith('data'), want: [BIND_CONFLICT, 'Success'] },
  ];
  for (const tc of cases) it(tc.name, () => assert.deepEqual(filterAll(world(tc.pvs, tc.pvcs, tc.classes).plugin, tc.pod, nodes()), tc.want));

  it('reads PV node affinity at scheduling time: a changed affinity applies to the next pod', () => {
    const w = world([pv('pv1', { zones: ['a'], claim: 'data' })], [pvc('data', { volume: 'pv1' })], []);
    assert.deepEqual(filterAll(w.plugin, podWith('data'), [node('n1', 'a'), node('n2', 'b')]), ['Success', NODE_CONFLICT]);
    w.pvs[0] = pv('pv1', { zones: ['b'], claim: 'data' });
    assert.deepEqual(filterAll(w.plugin, podWith('data'), [node('n1', 'a'), node('n2', 'b')]), [NODE_CONFLICT, 'Success']);
  });
});

describe('VolumeBinding Reserve/PreBind', () => {
  it('all-bound pods skip PreBind', async () => {
    const w = world([pv('pv1', { claim: 'data' })], [pvc('data', { volume: 'pv1' })], []);
    const state = new CycleState();
    const pod = podWith('data');
    filterAll(w.plugin, pod, [node('n1')], state);
    assert.equal(w.plugin.reserve(state, pod, 'n1'), undefined);
    assert.equal(await w.plugin.preBind(state, pod, 'n1'), undefined);
    assert.deepEqual(w.patches, []);
  });

  it('pre-binds the chosen PV, hides it from the next pod, and waits for the claim to bind', async () => {
    const w = world([pv('pv1', { zones: ['a'] })], [pvc('data'), pvc('other')], [wffc('local')]);
    const state = new CycleState();
    const pod = podWith('data');
    assert.deepEqual(filterAll(w.plugin, pod, [node('n1')], state), ['Success']);
    w.plugin.reserve(state, pod, 'n1');
    // The reserved PV is not offered to another claim before the informer catches up.
    assert.deepEqual(filterAll(w.plugin, podWith('other'), [node('n1')]), [BIND_CONFLICT]);
    const done = w.plugin.preBind(state, pod, 'n1');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(w.patches, [{ resource: 'persistentvolumes', name: 'pv1', body: { spec: { claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: 'default', name: 'data', uid: 'uid-data' } } } }]);
    w.pvcs[0] = pvc('data', { volume: 'pv1' });
    w.clock.advance(1000);
    assert.equal(await done, undefined);
  });

  it('times out when the claim never binds, and unreserve frees the PV', async () => {
    const w = world([pv('pv1')], [pvc('data'), pvc('other')], [wffc('local')]);
    const state = new CycleState();
    const pod = podWith('data');
    filterAll(w.plugin, pod, [node('n1')], state);
    w.plugin.reserve(state, pod, 'n1');
    const done = w.plugin.preBind(state, pod, 'n1');
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setImmediate(r));
      w.clock.advance(1000);
    }
    const s = await done;
    assert.equal(s?.code, Code.Error);
    assert.equal(s?.message(), 'binding volumes: context deadline exceeded');
    w.plugin.unreserve(state, pod, 'n1');
    assert.deepEqual(filterAll(w.plugin, podWith('other'), [node('n1')]), ['Success']);
  });

  it('dynamic provisioning annotates the claim with the selected node', async () => {
    const w = world([], [pvc('data', { cls: 'csi' })], [wffc('csi', 'csi.example.com')]);
    const state = new CycleState();
    const pod = podWith('data');
    filterAll(w.plugin, pod, [node('n1')], state);
    w.plugin.reserve(state, pod, 'n1');
    const done = w.plugin.preBind(state, pod, 'n1');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(w.patches, [{ resource: 'persistentvolumeclaims', name: 'data', body: { metadata: { annotations: { 'volume.kubernetes.io/selected-node': 'n1' } } } }]);
    w.pvcs[0] = pvc('data', { cls: 'csi', volume: 'pvc-123' });
    w.clock.advance(1000);
    assert.equal(await done, undefined);
  });
});
