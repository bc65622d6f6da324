/** Nominated pods: the nominator, Filter with nominated pods, and the nominated node tried first. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../util/clock.js';
import { Snapshot } from './cache/snapshot.js';
import { CycleState } from './framework/cycle-state.js';
import { ActionType } from './framework/interface.js';
import { NodeInfo, newPodInfo } from './framework/node-info.js';
import { Status } from './framework/status.js';
import type { Pod } from './framework/types.js';
import { Nominator } from './queue/nominator.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import { schedulePod, type SchedulerContext } from './schedule-one.js';
import { makeNode, makePod } from './testing/builders.js';
import { newTestFramework } from './testing/framework.js';

const pod = (name: string, priority: number, cpu: string, nominated?: string): Pod => {
  const p = makePod().name(name).priority(priority).req({ cpu }).obj();
  if (nominated) p.status = { nominatedNodeName: nominated };
  return p;
};
const node = (name: string, cpu: string, pods: Pod[] = []): NodeInfo => {
  const ni = new NodeInfo(makeNode().name(name).allocatable({ cpu, memory: '8Gi', pods: '110' }).obj());
  for (const p of pods) ni.addPod(newPodInfo({ ...p, spec: { ...p.spec, nodeName: name } }));
  return ni;
};
const summary = (s: Status | undefined) => (s ? `${s.codeName()}: ${s.message()}` : 'Success');
const names = (n: Nominator, node: string) => n.podsForNode(node).map((pi) => pi.pod.metadata.name);

describe('Nominator', () => {
  it('follows status.nominatedNodeName, overrides, and bound or deleted pods', () => {
    const live = new Map<string, Pod>();
    const n = new Nominator((p) => live.get(p.metadata.name!));
    const a = pod('a', 1, '1', 'n1');
    live.set('a', a);
    n.add(a);
    assert.deepEqual(names(n, 'n1'), ['a']);
    n.add(a, 'n2');
    assert.deepEqual([names(n, 'n1'), names(n, 'n2')], [[], ['a']]);
    n.add(a, '');
    assert.equal(n.nominatedNodeFor(a), undefined);
    const gone = pod('gone', 1, '1', 'n1');
    n.add(gone);
    assert.deepEqual(names(n, 'n1'), [], 'a pod the informer no longer has is not nominated');
    live.set('b', { ...pod('b', 1, '1'), spec: { ...pod('b', 1, '1').spec, nodeName: 'n1' } });
    n.add(pod('b', 1, '1', 'n1'));
    assert.deepEqual(names(n, 'n1'), [], 'nor is a bound one');
  });

  it('keeps an in-memory nomination across updates that never carried the field', () => {
    const n = new Nominator();
    const a = pod('a', 1, '1');
    n.add(a, 'n1');
    const relabeled = { ...a, metadata: { ...a.metadata, labels: { x: 'y' } } };
    n.update(a, relabeled);
    assert.deepEqual(names(n, 'n1'), ['a']);
    assert.equal(n.podsForNode('n1')[0]!.pod, relabeled, 'the new object replaces the old');
    const withField = pod('a', 1, '1', 'n1');
    n.update(relabeled, withField);
    n.update(withField, pod('a', 1, '1'));
    assert.deepEqual(names(n, 'n1'), [], 'clearing the field clears the nomination');
  });
});

describe('Filter with nominated pods', () => {
  it('counts nominated pods of equal or higher priority, never the pod itself', () => {
    const n1 = node('n1', '2', [pod('running', 1, '1')]);
    const env = newTestFramework({ plugins: ['NodeResourcesFit'], nodes: [n1] });
    const vip = pod('vip', 10, '1', 'n1');
    env.nominator.add(vip);
    const filter = (p: Pod) => {
      const state = new CycleState();
      env.fwk.runPreFilterPlugins(state, p, [n1]);
      return summary(env.fwk.runFilterPluginsWithNominatedPods(state, p, n1));
    };
    assert.equal(filter(pod('lower', 5, '1')), 'Unschedulable: Insufficient cpu');
    assert.equal(filter(pod('equal', 10, '1')), 'Unschedulable: Insufficient cpu');
    assert.equal(filter(pod('higher', 20, '1')), 'Success');
    assert.equal(filter(vip), 'Success');
    assert.equal(n1.requested.milliCPU, 1000, 'the snapshot NodeInfo is left alone');
  });
});

describe('schedulePod with a nomination', () => {
  function ctxFor(nodes: NodeInfo[]): SchedulerContext {
    const snapshot = new Snapshot();
    snapshot.nodeInfoList = nodes;
    for (const ni of nodes) snapshot.nodeInfoMap.set(ni.name, ni);
    return { snapshot, nextStartNodeIndex: 0, random: () => 0 } as unknown as SchedulerContext;
  }
  it('takes the nominated node when it fits, although another scores higher', () => {
    const nodes = [node('busy', '4', [pod('x', 1, '3')]), node('idle', '4')];
    const env = newTestFramework({ plugins: ['NodeResourcesFit'], nodes });
    const plain = schedulePod(ctxFor(nodes), env.fwk, new CycleState(), pod('p', 1, '1'));
    assert.equal(plain.suggestedHost, 'idle');
    const nominated = schedulePod(ctxFor(nodes), env.fwk, new CycleState(), pod('p', 1, '1', 'busy'));
    assert.deepEqual(nominated, { suggestedHost: 'busy', evaluatedNodes: 1, feasibleNodes: 1 });
    const stale = schedulePod(ctxFor(nodes), env.fwk, new CycleState(), pod('p', 1, '2', 'busy'));
    assert.equal(stale.suggestedHost, 'idle', 'a nominated node that no longer fits falls back to the full search');
  });
});

describe('SchedulingQueue: a pod gated after a failed attempt', () => {
  it('moves only on its gating plugin events, and then only if a rejecting plugin says so', async () => {
    const clock = new FakeClock();
    let gate = true;
    const q = new SchedulingQueue({
      clock,
      less: () => false,
      preEnqueue: (p) => (gate && p.metadata.name === 'p' ? Status.unresolvable('waiting').withPlugin('DefaultPreemption') : undefined),
      events: [
        { plugin: 'DefaultPreemption', event: { resource: 'AssignedPod', actionType: ActionType.Delete }, hint: () => 'QueueSkip' },
        { plugin: 'NodeResourcesFit', event: { resource: 'AssignedPod', actionType: ActionType.Delete } },
        { plugin: 'NodeResourcesFit', event: { resource: 'Node', actionType: ActionType.Add } },
      ],
    });
    gate = false;
    q.add(pod('p', 1, '1'));
    const info = (await q.pop())!;
    info.unschedulablePlugins = new Set(['NodeResourcesFit']);
    gate = true;
    q.addUnschedulable(info, -1);
    clock.advance('1s');
    assert.deepEqual(q.pending(), { active: 0, backoff: 0, unschedulable: 0, gated: 1 });
    q.moveAllOnEvent({ resource: 'Node', actionType: ActionType.Add }, undefined, {});
    assert.equal(q.pending().gated, 1, 'not an event of the gating plugin');
    gate = false;
    q.moveAllOnEvent({ resource: 'AssignedPod', actionType: ActionType.Delete }, {}, undefined);
    assert.deepEqual(q.pending(), { active: 1, backoff: 0, unschedulable: 0, gated: 0 });
    q.close();
  });
});
