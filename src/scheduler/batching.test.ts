import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../util/clock.js';
import { Cache } from './cache/cache.js';
import { Snapshot } from './cache/snapshot.js';
import { CycleState } from './framework/cycle-state.js';
import type { FeatureSet } from './framework/interface.js';
import type { BatchMetrics } from './framework/runtime/batch.js';
import { Framework } from './framework/runtime/framework.js';
import type { Pod } from './framework/types.js';
import { FitError } from './fit-error.js';
import { defaultPlugins, inTreeRegistry } from './plugins/registry.js';
import type { SchedulingQueue } from './queue/scheduling-queue.js';
import type { Reporter } from './reporter.js';
import { schedulePod, type SchedulerContext } from './schedule-one.js';
import { makeNode, makePod } from './testing/builders.js';
import { fakeHandle, NO_FEATURES } from './testing/handle.js';

const FEATURES: FeatureSet = { ...NO_FEATURES, podLevelResources: true, opportunisticBatching: true };

/**
 * env drives schedulePod the way scheduleOne does (snapshot, cycle, assume) over n equal
 * nodes, with a profile that can batch. random 0.99 makes ties go to the first node in
 * snapshot order, so the rankings are predictable.
 */
function env(n: number, pluginConfig: Record<string, unknown> = { PodTopologySpread: { defaultingType: 'List', defaultConstraints: [] } }) {
  const clock = new FakeClock();
  const cache = new Cache();
  const snapshot = new Snapshot();
  for (let i = 1; i <= n; i++) cache.addNode(makeNode().name(`n${i}`).obj());
  const counts = new Map<string, number>();
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const metrics: BatchMetrics = { batchAttempt: (_p, r) => bump(r), batchFlushed: (_p, r) => bump(`flush:${r}`), getNodeHintDuration: () => undefined, storeScheduleResultsDuration: () => undefined };
  const handle = fakeHandle({
    clock,
    nodeInfos: () => snapshot.nodeInfoList,
    getNodeInfo: (name) => snapshot.get(name),
    runFilterPluginsWithNominatedPods: (st, p, ni) => fwk.runFilterPluginsWithNominatedPods(st, p, ni),
  });
  const fwk = new Framework({ schedulerName: 'default-scheduler', plugins: defaultPlugins(), pluginConfig }, inTreeRegistry(), handle, FEATURES, { metrics });
  const queue = { cycle: 0 };
  const ctx: SchedulerContext = {
    clock, cache, snapshot, queue: queue as unknown as SchedulingQueue, reporter: undefined as unknown as Reporter, profiles: new Map([['default-scheduler', fwk]]),
    nextStartNodeIndex: 0, random: () => 0.99, bindings: new Set(), onError: (e) => assert.fail(String(e)),
  };
  /** cycle pops one pod: a new scheduling cycle, a fresh snapshot, and the assume on success. */
  const cycle = (pod: Pod) => {
    queue.cycle++;
    cache.updateSnapshot(snapshot);
    const r = schedulePod(ctx, fwk, new CycleState(), pod);
    cache.assumePod({ ...pod, spec: { ...pod.spec, nodeName: r.suggestedHost } });
    return r;
  };
  return { cache, fwk, counts, cycle, queue };
}

const filler = (name: string) => makePod().name(name).req({ cpu: '4', memory: '1Gi' }).obj();

describe('schedulePod with opportunistic batching', () => {
  it('places identical node-filling pods on distinct nodes, the first by scoring and the rest by hint', () => {
    const e = env(5);
    const results = [1, 2, 3, 4, 5].map((i) => e.cycle(filler(`p${i}`)));
    assert.deepEqual(results.map((r) => r.suggestedHost), ['n1', 'n2', 'n3', 'n4', 'n5']);
    // A hinted pod is placed after one Filter pass on one node.
    assert.deepEqual(results.map((r) => r.evaluatedNodes), [5, 1, 1, 1, 1]);
    assert.equal(e.fwk.batch!.batchedPods, 4);
    assert.equal(e.counts.get('hint_used'), 4);
    assert.equal(e.counts.get('no_hint'), 1);
    // The ranking is used up and every node is full.
    assert.throws(() => e.cycle(filler('p6')), FitError);
  });

  it('falls back to the full search when the hinted node no longer fits', () => {
    const e = env(3);
    assert.equal(e.cycle(filler('p1')).suggestedHost, 'n1');
    // n2, the hint for the next pod, fills up through an informer event (no scheduling cycle).
    e.cache.addPod({ ...filler('other'), spec: { ...filler('other').spec, nodeName: 'n2' } });
    const r = e.cycle(filler('p2'));
    assert.equal(r.suggestedHost, 'n3');
    assert.equal(e.counts.get('hint_not_used'), 1);
    // Only n3 was feasible, so nothing is left to reuse.
    assert.equal(e.counts.get('flush:empty_list'), 1);
    assert.equal(e.fwk.batch!.remaining, 0);
  });

  it('does not batch pods that leave room on their node', () => {
    const e = env(3);
    const small = (n: string) => makePod().name(n).req({ cpu: '1', memory: '1Gi' }).obj();
    e.cycle(small('p1'));
    e.cycle(small('p2'));
    assert.equal(e.counts.get('flush:node_not_full'), 1);
    assert.equal(e.counts.get('hint_used'), undefined);
  });

  it('never hints with the stock System default spreading', () => {
    const e = env(3, {});
    for (let i = 1; i <= 3; i++) e.cycle(filler(`p${i}`));
    assert.equal(e.counts.get('no_hint'), 3);
    assert.equal(e.counts.get('hint_used'), undefined);
    assert.equal(e.counts.get('flush:pod_not_batchable'), 2);
  });

  it('a pod of another profile in between (a cycle gap) stops the batch', () => {
    const e = env(4);
    e.cycle(filler('p1'));
    e.queue.cycle++;
    e.cycle(filler('p2'));
    assert.equal(e.counts.get('flush:pod_skipped'), 1);
    assert.equal(e.counts.get('hint_used'), undefined);
  });
});
