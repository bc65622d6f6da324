import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Client } from '../../../client/client.js';
import { FakeClock } from '../../../util/clock.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { FeatureSet, Handle, Lister } from '../../framework/interface.js';
import { Framework } from '../../framework/runtime/framework.js';
import { Registry } from '../../framework/runtime/registry.js';
import { Code, type Status } from '../../framework/status.js';
import { podKey, type Pod, type WorkloadReference } from '../../framework/types.js';
import { makePod } from '../../testing/builders.js';
import { Names } from '../names.js';
import { create as prioritySort } from '../priority-sort/priority-sort.js';
import { defaultPlugins, inTreeRegistry } from '../registry.js';
import { isSchedulableAfterPodAdded, isSchedulableAfterWorkloadAdded, Messages, type GangScheduling } from './gang-scheduling.js';
import type { PodGroupPolicy, Workload } from './workload.js';

const workload = (name: string, groups: Record<string, PodGroupPolicy>, namespace = 'default'): Workload => ({
  apiVersion: 'scheduling.k8s.io/v1alpha1',
  kind: 'Workload',
  metadata: { name, namespace },
  spec: { podGroups: Object.entries(groups).map(([g, policy]) => ({ name: g, policy })) },
});
const gang = (minCount: number): PodGroupPolicy => ({ gang: { minCount } });
const basic: PodGroupPolicy = { basic: {} };

function member(name: string, ref: WorkloadReference = { name: 'w', podGroup: 'g' }, o: { nodeName?: string; schedulerName?: string; namespace?: string } = {}): Pod {
  const p = makePod().name(name).obj();
  p.spec.workloadRef = ref;
  if (o.nodeName) p.spec.nodeName = o.nodeName;
  if (o.schedulerName) p.spec.schedulerName = o.schedulerName;
  if (o.namespace) p.metadata.namespace = o.namespace;
  return p;
}

const listerOf = <T extends { metadata: { namespace?: string; name?: string } }>(items: () => T[]): Lister<T> => ({
  get: (ns, n) => items().find((x) => x.metadata.namespace === ns && x.metadata.name === n),
  list: items,
});

/**
 * env builds a Framework with only PrioritySort, GangScheduling and a no-op binder, over a
 * fake Handle whose pods and workloads the test edits directly.
 */
function env(workloads: Workload[] = [], pods: Pod[] = []) {
  const clock = new FakeClock();
  const activated: string[] = [];
  const registry = new Registry({
    [Names.PrioritySort]: prioritySort,
    [Names.GangScheduling]: inTreeRegistry().get(Names.GangScheduling)!,
    FakeBinder: () => ({ name: 'FakeBinder', bind: async () => undefined }),
  });
  const handle: Handle = {
    client: undefined as unknown as Client,
    clock,
    nodeInfos: () => [],
    havePodsWithAffinityNodeInfos: () => [],
    havePodsWithRequiredAntiAffinityNodeInfos: () => [],
    getNodeInfo: () => undefined,
    iterateWaitingPods: (fn) => fwk.iterateWaitingPods(fn),
    getWaitingPod: (k) => fwk.getWaitingPod(k),
    rejectWaitingPod: (k) => fwk.rejectWaitingPod(k),
    activate: (ps) => activated.push(...ps.map(podKey)),
    lister: <T>(r: string) => (r === 'workloads' ? (listerOf(() => workloads) as Lister<T>) : undefined),
    podLister: () => listerOf(() => pods),
    isPVCUsedByPods: () => false,
    nominatedPodsForNode: () => [],
    runFilterPluginsWithNominatedPods: (st, p, ni) => fwk.runFilterPluginsWithNominatedPods(st, p, ni),
    runPreFilterExtensionAddPod: (st, p, pi, ni) => fwk.runPreFilterExtensionAddPod(st, p, pi, ni),
    runPreFilterExtensionRemovePod: (st, p, pi, ni) => fwk.runPreFilterExtensionRemovePod(st, p, pi, ni),
    event: () => undefined,
    track: () => undefined,
  };
  const features: FeatureSet = { taintTolerationComparisonOperators: false, genericWorkload: true, gangScheduling: true, podLevelResources: false, asyncPreemption: true };
  const fwk = new Framework({ schedulerName: 'default-scheduler', plugins: [{ name: Names.PrioritySort }, { name: Names.GangScheduling }, { name: 'FakeBinder' }] }, registry, handle, features);
  const plugin = fwk.permitPlugins[0] as GangScheduling;
  /** cycle runs Reserve then Permit for pod on node "n", as scheduleOne does. */
  const cycle = (pod: Pod): Status | undefined => {
    const assumed = { ...pod, spec: { ...pod.spec, nodeName: 'n' } };
    const state = new CycleState();
    const r = fwk.runReservePluginsReserve(state, assumed, 'n');
    if (r) return r;
    const s = fwk.runPermitPlugins(state, assumed, 'n');
    if (s && s.code !== Code.Wait) fwk.runReservePluginsUnreserve(state, assumed, 'n');
    return s;
  };
  /** outcome settles pod's waitOnPermit and unreserves on rejection, as the binding cycle does. */
  const outcome = async (pod: Pod): Promise<string> => {
    const assumed = { ...pod, spec: { ...pod.spec, nodeName: 'n' } };
    const s = await fwk.waitOnPermit(assumed);
    if (s) fwk.runReservePluginsUnreserve(new CycleState(), assumed, 'n');
    return summary(s);
  };
  return { clock, fwk, plugin, cycle, outcome, activated, workloads, pods };
}

const summary = (s: Status | undefined) => (s ? `${s.codeName()}: ${s.message()}` : 'Success');

describe('GangScheduling PreEnqueue (spec §2.4, §2.5)', () => {
  const cases: Array<{ name: string; workloads: Workload[]; pods: Pod[]; pod: string; want: string }> = [
    { name: 'no workloadRef: not involved', workloads: [], pods: [makePod().name('plain').obj()], pod: 'plain', want: 'Success' },
    { name: 'workload missing', workloads: [], pods: [member('a')], pod: 'a', want: `UnschedulableAndUnresolvable: ${Messages.workloadMissing('w')}` },
    { name: 'workload in another namespace does not count', workloads: [workload('w', { g: basic }, 'other')], pods: [member('a')], pod: 'a', want: `UnschedulableAndUnresolvable: ${Messages.workloadMissing('w')}` },
    { name: 'pod group missing', workloads: [workload('w', { g: basic })], pods: [member('a', { name: 'w', podGroup: 'h' })], pod: 'a', want: `UnschedulableAndUnresolvable: pod group "h" doesn't exist for a workload "w"` },
    { name: 'basic policy passes alone', workloads: [workload('w', { g: basic })], pods: [member('a')], pod: 'a', want: 'Success' },
    { name: 'gang: fewer than minCount pods', workloads: [workload('w', { g: gang(3) })], pods: [member('a'), member('b')], pod: 'a', want: `UnschedulableAndUnresolvable: ${Messages.notEnoughPods}` },
    { name: 'gang: minCount pods exist', workloads: [workload('w', { g: gang(3) })], pods: [member('a'), member('b'), member('c')], pod: 'a', want: 'Success' },
    { name: 'gang: bound members count', workloads: [workload('w', { g: gang(3) })], pods: [member('a'), member('b', undefined, { nodeName: 'n1' }), member('c', undefined, { nodeName: 'n2' })], pod: 'a', want: 'Success' },
    {
      name: 'gang: other replica keys are other gangs',
      workloads: [workload('w', { g: gang(3) })],
      pods: [member('a', { name: 'w', podGroup: 'g', podGroupReplicaKey: 'r1' }), member('b', { name: 'w', podGroup: 'g', podGroupReplicaKey: 'r1' }), member('c', { name: 'w', podGroup: 'g', podGroupReplicaKey: 'r2' })],
      pod: 'a',
      want: `UnschedulableAndUnresolvable: ${Messages.notEnoughPods}`,
    },
    { name: 'gang: other groups of the workload do not count', workloads: [workload('w', { g: gang(2), h: gang(1) })], pods: [member('a'), member('b', { name: 'w', podGroup: 'h' })], pod: 'a', want: `UnschedulableAndUnresolvable: ${Messages.notEnoughPods}` },
    { name: 'gang: other schedulers\' pods do not count', workloads: [workload('w', { g: gang(2) })], pods: [member('a'), member('b', undefined, { schedulerName: 'other' })], pod: 'a', want: `UnschedulableAndUnresolvable: ${Messages.notEnoughPods}` },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { fwk, pods } = env(tc.workloads, tc.pods);
      const s = fwk.runPreEnqueuePlugins(pods.find((p) => p.metadata.name === tc.pod)!);
      assert.equal(summary(s), tc.want);
      if (s) assert.equal(s.plugin, 'GangScheduling');
    });
  }
});

describe('GangScheduling Permit (spec §2.4)', () => {
  it('waits until minCount members are assumed, then allows them all', async () => {
    const [p1, p2, p3] = [member('p1'), member('p2'), member('p3')];
    const e = env([workload('w', { g: gang(3) })], [p1, p2, p3]);
    assert.equal(summary(e.cycle(p1)), 'Wait: one or more plugins asked to wait and no plugin rejected pod');
    assert.deepEqual(e.activated, ['default/p2', 'default/p3'], 'the missing members are activated');
    e.clock.advance('1m');
    assert.equal(e.cycle(p2)?.code, Code.Wait);
    assert.deepEqual(e.fwk.getWaitingPod('default/p1')!.pendingPlugins, ['GangScheduling']);
    assert.equal(summary(e.cycle(p3)), 'Success', 'the last member passes and releases the others');
    assert.deepEqual(await Promise.all([e.outcome(p1), e.outcome(p2)]), ['Success', 'Success']);
  });

  it('rejects every waiting member at the shared 5-minute deadline and frees their reservations', async () => {
    const [p1, p2, p3, p4] = [member('p1'), member('p2'), member('p3'), member('p4')];
    const e = env([workload('w', { g: gang(4) })], [p1, p2, p3, p4]);
    e.cycle(p1);
    e.clock.advance('1m');
    e.cycle(p2);
    e.clock.advance('30s');
    e.cycle(p3);
    assert.equal(e.plugin.groups.assumedKeys(p1).size, 3);
    const outcomes = Promise.all([e.outcome(p1), e.outcome(p2), e.outcome(p3)]);
    e.clock.advance('3m29s');
    assert.equal(e.fwk.getWaitingPod('default/p1') !== undefined, true, 'still waiting 1s before the deadline');
    e.clock.advance('1s');
    assert.deepEqual(await outcomes, [
      'Unschedulable: rejected due to timeout after waiting 5m0s at plugin GangScheduling',
      'Unschedulable: rejected due to timeout after waiting 4m0s at plugin GangScheduling',
      'Unschedulable: rejected due to timeout after waiting 3m30s at plugin GangScheduling',
    ]);
    assert.equal(e.plugin.groups.assumedKeys(p1).size, 0, 'Unreserve forgot every member');
    assert.equal(e.plugin.groups.size, 0, 'no state is kept for an idle group');
    // The next attempt starts a fresh 5-minute deadline.
    e.cycle(p1);
    const next = e.outcome(p1);
    e.clock.advance('5m');
    assert.equal(await next, 'Unschedulable: rejected due to timeout after waiting 5m0s at plugin GangScheduling');
  });

  it('drops the state of a placed gang once its members are seen bound', async () => {
    const [p1, p2, q1] = [member('p1'), member('p2'), member('q1', { name: 'w', podGroup: 'h' })];
    const e = env([workload('w', { g: gang(2), h: gang(2) })], [p1, p2, q1, member('q2', { name: 'w', podGroup: 'h' })]);
    e.cycle(p1);
    assert.equal(summary(e.cycle(p2)), 'Success');
    assert.equal(await e.outcome(p1), 'Success');
    assert.equal(e.plugin.groups.assumedKeys(p1).size, 2, 'bound pods stay assumed until the informer shows them bound');
    e.pods.splice(0, 2, member('p1', undefined, { nodeName: 'n' }), member('p2', undefined, { nodeName: 'n' }));
    e.clock.advance('5m');
    e.cycle(q1); // a new deadline for another gang sweeps finished ones
    assert.equal(e.plugin.groups.assumedKeys(p1).size, 0);
    assert.equal(e.plugin.groups.size, 1, 'only the waiting gang keeps state');
  });

  it('counts bound members toward quorum, so late members pass at once', () => {
    const e = env([workload('w', { g: gang(2) })], [member('p1', undefined, { nodeName: 'n1' }), member('p2', undefined, { nodeName: 'n2' }), member('p3')]);
    assert.equal(summary(e.cycle(e.pods[2]!)), 'Success');
  });

  it('keeps replica keys apart at Permit', () => {
    const r1 = { name: 'w', podGroup: 'g', podGroupReplicaKey: 'r1' };
    const r2 = { name: 'w', podGroup: 'g', podGroupReplicaKey: 'r2' };
    const [a, b] = [member('a', r1), member('b', r2)];
    const e = env([workload('w', { g: gang(2) })], [a, b, member('a2', r1), member('b2', r2)]);
    assert.equal(e.cycle(a)?.code, Code.Wait);
    assert.equal(e.cycle(b)?.code, Code.Wait, 'b is in another gang, so a does not complete its quorum');
  });

  const simple: Array<{ name: string; workloads: Workload[]; pod: Pod; want: string }> = [
    { name: 'no workloadRef', workloads: [], pod: makePod().name('plain').obj(), want: 'Success' },
    { name: 'basic policy', workloads: [workload('w', { g: basic })], pod: member('a'), want: 'Success' },
    { name: 'workload deleted since PreEnqueue', workloads: [], pod: member('a'), want: `Error: ${Messages.workloadMissing('w')}` },
    { name: 'pod group gone', workloads: [workload('w', { x: basic })], pod: member('a'), want: `Error: pod group "g" doesn't exist for a workload "w"` },
  ];
  for (const tc of simple) {
    it(tc.name, () => {
      const e = env(tc.workloads, [tc.pod]);
      assert.equal(summary(e.cycle(tc.pod)), tc.want);
      assert.equal(e.plugin.groups.size, 0, 'a rejected or passing pod leaves no assumed state');
    });
  }
});

describe('GangScheduling queueing hints', () => {
  const pod = member('p', { name: 'w', podGroup: 'g', podGroupReplicaKey: 'r' });
  const cases: Array<{ name: string; hint: typeof isSchedulableAfterPodAdded; obj: unknown; want: string }> = [
    { name: 'Pod/Add same ref', hint: isSchedulableAfterPodAdded, obj: member('q', { name: 'w', podGroup: 'g', podGroupReplicaKey: 'r' }), want: 'Queue' },
    { name: 'Pod/Add other replica key', hint: isSchedulableAfterPodAdded, obj: member('q', { name: 'w', podGroup: 'g', podGroupReplicaKey: 's' }), want: 'QueueSkip' },
    { name: 'Pod/Add other group', hint: isSchedulableAfterPodAdded, obj: member('q', { name: 'w', podGroup: 'h', podGroupReplicaKey: 'r' }), want: 'QueueSkip' },
    { name: 'Pod/Add other namespace', hint: isSchedulableAfterPodAdded, obj: member('q', { name: 'w', podGroup: 'g', podGroupReplicaKey: 'r' }, { namespace: 'x' }), want: 'QueueSkip' },
    { name: 'Pod/Add without ref', hint: isSchedulableAfterPodAdded, obj: makePod().name('q').obj(), want: 'QueueSkip' },
    { name: 'Workload/Add referenced', hint: isSchedulableAfterWorkloadAdded, obj: workload('w', { g: gang(1) }), want: 'Queue' },
    { name: 'Workload/Add other name', hint: isSchedulableAfterWorkloadAdded, obj: workload('v', { g: gang(1) }), want: 'QueueSkip' },
    { name: 'Workload/Add other namespace', hint: isSchedulableAfterWorkloadAdded, obj: workload('w', { g: gang(1) }, 'x'), want: 'QueueSkip' },
  ];
  for (const tc of cases) it(tc.name, () => assert.equal(tc.hint(pod, undefined, tc.obj), tc.want));

  it('registers Pod/Add and Workload/Add only', () => {
    const e = env();
    assert.deepEqual(e.fwk.events.filter((x) => x.plugin === 'GangScheduling').map((x) => `${x.event.resource}/${x.event.actionType}`), ['Pod/1', 'Workload/1']);
  });
});

describe('default profile', () => {
  const f = (genericWorkload: boolean, gangScheduling: boolean): FeatureSet => ({ taintTolerationComparisonOperators: false, genericWorkload, gangScheduling, podLevelResources: false, asyncPreemption: true });
  const cases: Array<[boolean, boolean, boolean]> = [[false, false, false], [true, false, false], [false, true, false], [true, true, true]];
  for (const [gw, gs, want] of cases) {
    it(`GenericWorkload=${gw} GangScheduling=${gs} -> ${want ? 'enabled' : 'absent'}`, () => {
      const names = defaultPlugins(f(gw, gs)).map((p) => p.name);
      assert.equal(names.includes('GangScheduling'), want);
      if (want) assert.equal(names.at(-1), 'GangScheduling', 'appended after DefaultBinder, as upstream does');
    });
  }
});
