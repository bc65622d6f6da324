import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../util/clock.js';
import { Cache } from './cache/cache.js';
import { Snapshot } from './cache/snapshot.js';
import { ActionType } from './framework/interface.js';
import { NodeToStatus } from './framework/node-to-status.js';
import { Status } from './framework/status.js';
import { fitErrorMessage, numFeasibleNodesToFind } from './fit-error.js';
import { PrioritySort } from './plugins/priority-sort/priority-sort.js';
import { SchedulingGates } from './plugins/scheduling-gates/scheduling-gates.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import { makeNode, makePod } from './testing/builders.js';

describe('numFeasibleNodesToFind (spec §7.3)', () => {
  const cases: Array<[number | undefined, number, number]> = [
    [undefined, 50, 50], [undefined, 100, 100], [undefined, 500, 230], [undefined, 1000, 420],
    [undefined, 5000, 500], [undefined, 10000, 500], [100, 5000, 5000], [10, 500, 100], [30, 1000, 300],
  ];
  for (const [pct, n, want] of cases) it(`pct=${pct} nodes=${n} -> ${want}`, () => assert.equal(numFeasibleNodesToFind(pct, n), want));
});

describe('fitErrorMessage', () => {
  it('counts reasons over nodes and sorts them', () => {
    const m = new NodeToStatus([
      ['a', Status.unresolvable('node(s) had untolerated taint {k: 15}')],
      ['b', Status.unschedulable('Insufficient cpu', 'Insufficient memory')],
      ['c', Status.unresolvable('node(s) had untolerated taint {k: 15}')],
    ]);
    assert.equal(fitErrorMessage(5, m), '0/5 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 2 node(s) had untolerated taint {k: 15}.');
  });

  it('counts nodes a PreFilter result left out with the absent status', () => {
    const m = new NodeToStatus([['a', Status.unschedulable('Insufficient cpu')]], Status.unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]"));
    assert.equal(fitErrorMessage(3, m), "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  it('reports a PreFilter rejection once, then the PostFilter message', () => {
    const m = new NodeToStatus([], Status.unschedulable('blocked'));
    assert.equal(fitErrorMessage(3, m, 'blocked', 'preemption: nope'), '0/3 nodes are available: blocked. preemption: nope');
  });
});

function newQueue(clock: FakeClock) {
  const sort = new PrioritySort();
  const gates = new SchedulingGates();
  return new SchedulingQueue({
    clock,
    less: (a, b) => sort.less(a, b),
    preEnqueue: (p) => gates.preEnqueue(p)?.withPlugin(gates.name),
    events: [
      { plugin: 'SchedulingGates', event: gates.eventsToRegister()[0]!.event, hint: gates.eventsToRegister()[0]!.hint },
      { plugin: 'NodeResourcesFit', event: { resource: 'Node', actionType: ActionType.Add } },
    ],
  });
}

describe('SchedulingQueue', () => {
  it('pops by priority, then FIFO', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock);
    q.add(makePod().name('low').obj());
    clock.advance(1);
    q.add(makePod().name('high').priority(10).obj());
    clock.advance(1);
    q.add(makePod().name('low2').obj());
    const order = [];
    for (let i = 0; i < 3; i++) order.push((await q.pop())!.pod.metadata.name);
    assert.deepEqual(order, ['high', 'low', 'low2']);
    q.close();
  });

  it('parks gated pods and releases them when the gates are removed', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock);
    const gated = makePod().name('g').gates('wait').obj();
    q.add(gated);
    assert.deepEqual(q.pending(), { active: 0, backoff: 0, unschedulable: 0, gated: 1 });
    const ungated = { ...gated, spec: { ...gated.spec, schedulingGates: [] } };
    q.moveAllOnEvent({ resource: 'UnscheduledPod', actionType: ActionType.UpdatePodSchedulingGatesEliminated }, gated, ungated);
    q.update(ungated);
    assert.equal((await q.pop())!.pod.metadata.name, 'g');
    q.close();
  });

  it('requeues an unschedulable pod on a registered event, after backoff (1s, 2s, ... 10s)', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock);
    q.add(makePod().name('p').obj());
    let info = (await q.pop())!;
    info.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulable(info, q.cycle);
    assert.equal(q.pending().unschedulable, 1);
    // An unrelated event does nothing.
    q.moveAllOnEvent({ resource: 'AssignedPod', actionType: ActionType.Delete }, undefined, undefined);
    assert.equal(q.pending().unschedulable, 1);
    q.moveAllOnEvent({ resource: 'Node', actionType: ActionType.Add }, undefined, makeNode().obj());
    assert.deepEqual(q.pending(), { active: 0, backoff: 1, unschedulable: 0, gated: 0 });
    clock.advance('999ms');
    assert.equal(q.pending().backoff, 1);
    clock.advance('1ms');
    assert.equal(q.pending().active, 1);
    info = (await q.pop())!;
    assert.equal(info.attempts, 2);
    assert.equal(q.backoffDuration(info), 2000);
    info.attempts = 9;
    assert.equal(q.backoffDuration(info), 10_000);
    q.close();
  });

  it('a failed pod is judged by the events of its own flight: unrelated ones leave it in the pool, a helpful one sends it to backoff', async () => {
    const fail = async (q: SchedulingQueue, name: string, during: () => void) => {
      q.add(makePod().name(name).obj());
      const info = (await q.pop())!;
      during();
      info.unschedulablePlugins = new Set(['NodeResourcesFit']);
      q.addUnschedulable(info, q.cycle);
    };
    const q = newQueue(new FakeClock());
    // Before the pop: not part of the flight.
    q.moveAllOnEvent({ resource: 'Node', actionType: ActionType.Add }, undefined, makeNode().obj());
    await fail(q, 'unrelated', () => q.moveAllOnEvent({ resource: 'AssignedPod', actionType: ActionType.Delete }, undefined, undefined));
    assert.deepEqual(q.pending(), { active: 0, backoff: 0, unschedulable: 1, gated: 0 });
    q.close();
    const q2 = newQueue(new FakeClock());
    await fail(q2, 'helped', () => q2.moveAllOnEvent({ resource: 'Node', actionType: ActionType.Add }, undefined, makeNode().obj()));
    assert.deepEqual(q2.pending(), { active: 0, backoff: 1, unschedulable: 0, gated: 0 }, 'the Node/Add during its flight may have made room');
    q2.close();
  });

  it('a pod an extender rejected moves on any cluster event (extenders register none)', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock);
    q.add(makePod().name('p').obj());
    const info = (await q.pop())!;
    info.unschedulablePlugins = new Set(['Extender']);
    q.addUnschedulable(info, q.cycle);
    q.moveAllOnEvent({ resource: 'AssignedPod', actionType: ActionType.Delete }, undefined, undefined);
    assert.deepEqual(q.pending(), { active: 0, backoff: 1, unschedulable: 0, gated: 0 });
    q.close();
  });

  it('flushes pods left unschedulable for 5 minutes', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock);
    q.add(makePod().name('p').obj());
    const info = (await q.pop())!;
    info.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulable(info, q.cycle);
    clock.advance('4m30s');
    assert.equal(q.pending().unschedulable, 1);
    clock.advance('31s');
    assert.equal(q.pending().active, 1);
    q.close();
  });
});

describe('Cache', () => {
  it('counts assumed pods, confirms them, and snapshots only what changed', () => {
    const cache = new Cache();
    cache.addNode(makeNode().name('a').obj());
    cache.addNode(makeNode().name('b').obj());
    const snap = new Snapshot();
    cache.updateSnapshot(snap);
    assert.deepEqual(snap.nodeInfoList.map((n) => n.name), ['a', 'b']);
    const b0 = snap.get('b');
    const pod = makePod().name('p').req({ cpu: '1' }).nodeName('a').obj();
    cache.assumePod(pod);
    assert.equal(cache.isAssumed('default/p'), true);
    cache.updateSnapshot(snap);
    assert.equal(snap.get('a')!.requested.milliCPU, 1000);
    assert.equal(snap.get('b'), b0, 'unchanged nodes are not re-cloned');
    cache.addPod(pod);
    assert.equal(cache.isAssumed('default/p'), false);
    cache.forgetPod(pod);
    cache.updateSnapshot(snap);
    assert.equal(snap.get('a')!.pods.length, 1, 'a confirmed pod is not forgotten');
    cache.removeNode(makeNode().name('b').obj());
    cache.updateSnapshot(snap);
    assert.deepEqual(snap.nodeInfoList.map((n) => n.name), ['a']);
  });

  it('tracks the claims pods use (generic ephemeral included) for IsPVCUsedByPods', () => {
    const cache = new Cache();
    cache.addNode(makeNode().name('a').obj());
    const snap = new Snapshot();
    cache.updateSnapshot(snap);
    assert.equal(snap.isPVCUsedByPods('default/data'), false);
    const p1 = makePod().name('p1').pvc('data').nodeName('a').obj();
    const p2 = makePod().name('p2').pvc('data').volume({ name: 'scratch', ephemeral: {} }).nodeName('a').obj();
    cache.assumePod(p1);
    cache.addPod(p2);
    cache.updateSnapshot(snap);
    assert.equal(snap.get('a')!.pvcRefCounts.get('default/data'), 2);
    assert.equal(snap.isPVCUsedByPods('default/data'), true);
    assert.equal(snap.isPVCUsedByPods('default/p2-scratch'), true);
    cache.forgetPod(p1);
    cache.updateSnapshot(snap);
    assert.equal(snap.isPVCUsedByPods('default/data'), true, 'p2 still uses the claim');
    cache.removePod(p2);
    cache.updateSnapshot(snap);
    assert.equal(snap.isPVCUsedByPods('default/data'), false);
    assert.equal(snap.isPVCUsedByPods('default/p2-scratch'), false);
  });

  it('updates a changed node in place and walks only what changed since the last snapshot', () => {
    const cache = new Cache();
    for (const n of ['a', 'b', 'c']) cache.addNode(makeNode().name(n).obj());
    const snap = new Snapshot();
    cache.updateSnapshot(snap);
    const [a0, b0, c0] = snap.nodeInfoList;
    cache.assumePod(makePod().name('p').req({ cpu: '1' }).nodeName('b').obj());
    cache.updateSnapshot(snap);
    assert.deepEqual(snap.nodeInfoList, [a0, b0, c0], 'same objects, same order');
    assert.equal(b0!.requested.milliCPU, 1000);
    assert.equal(b0!.pods.length, 1);
    // A second snapshot taken from scratch sees the same state.
    const fresh = new Snapshot();
    cache.updateSnapshot(fresh);
    assert.deepEqual(fresh.nodeInfoList.map((n) => [n.name, n.requested.milliCPU, n.generation]), snap.nodeInfoList.map((n) => [n.name, n.requested.milliCPU, n.generation]));
    cache.addNode(makeNode().name('d').obj());
    cache.updateSnapshot(snap);
    assert.deepEqual(snap.nodeInfoList.map((n) => n.name), ['a', 'b', 'c', 'd']);
  });

  it('lists the nodes holding pods with pod affinity and required anti-affinity', () => {
    const cache = new Cache();
    for (const n of ['a', 'b', 'c']) cache.addNode(makeNode().name(n).obj());
    const withAffinity = (name: string, node: string, anti: boolean) => {
      const p = makePod().name(name).nodeName(node).obj();
      const term = { labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' };
      (p.spec as { affinity?: unknown }).affinity = anti ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } : { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term }] } };
      return p;
    };
    const snap = new Snapshot();
    const names = (l: readonly { name: string }[]) => l.map((n) => n.name).sort();
    cache.addPod(makePod().name('plain').nodeName('a').obj());
    cache.addPod(withAffinity('pref', 'b', false));
    cache.addPod(withAffinity('anti', 'c', true));
    cache.updateSnapshot(snap);
    assert.deepEqual(names(snap.havePodsWithAffinityList()), ['b', 'c']);
    assert.deepEqual(names(snap.havePodsWithRequiredAntiAffinityList()), ['c']);
    assert.deepEqual(snap.get('c')!.podsWithRequiredAntiAffinity.map((p) => p.key), ['default/anti']);
    cache.removePod(withAffinity('anti', 'c', true));
    cache.updateSnapshot(snap);
    assert.deepEqual(names(snap.havePodsWithAffinityList()), ['b']);
    assert.deepEqual(snap.havePodsWithRequiredAntiAffinityList(), []);
    cache.removeNode(makeNode().name('b').obj());
    cache.updateSnapshot(snap);
    assert.deepEqual(snap.havePodsWithAffinityList(), []);
  });

  it('indexes node images: every NodeInfo sees how many nodes hold an image', () => {
    const withImages = (name: string, ...images: string[]) => {
      const n = makeNode().name(name).obj();
      (n.status as { images?: unknown }).images = images.map((i) => ({ names: [i], sizeBytes: 100 }));
      return n;
    };
    const cache = new Cache();
    cache.addNode(withImages('a', 'img:1', 'img:2'));
    cache.addNode(withImages('b', 'img:1'));
    const snap = new Snapshot();
    cache.updateSnapshot(snap);
    assert.equal(snap.get('a')!.imageStates.get('img:1')!.nodes.size, 2);
    assert.equal(snap.get('a')!.imageStates.get('img:2')!.nodes.size, 1);
    cache.updateNode(withImages('b', 'img:2'));
    cache.updateSnapshot(snap);
    assert.equal(snap.get('a')!.imageStates.get('img:1')!.nodes.size, 1);
    assert.equal(snap.get('a')!.imageStates.get('img:2')!.nodes.size, 2);
    cache.removeNode(withImages('b', 'img:2'));
    assert.equal(snap.get('a')!.imageStates.get('img:2')!.nodes.size, 1);
  });
});
