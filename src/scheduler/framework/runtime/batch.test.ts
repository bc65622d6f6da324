import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../../util/clock.js';
import { makeNode, makePod } from '../../testing/builders.js';
import { CycleState } from '../cycle-state.js';
import { NodeInfo, newPodInfo } from '../node-info.js';
import { Status } from '../status.js';
import type { Pod } from '../types.js';
import { MAX_BATCH_AGE_MS, OpportunisticBatch, RemainingNodes, type BatchMetrics, type SortedNodes } from './batch.js';

/** ListNodes is a ranking given in order (upstream's testSortedScoredNodes). */
class ListNodes implements SortedNodes {
  constructor(readonly names: string[]) {}
  get length(): number {
    return this.names.length;
  }
  pop(): string {
    return this.names.shift()!;
  }
}

const pod = (uid: string): Pod => {
  const p = makePod().name(uid).obj();
  p.metadata.uid = uid;
  return p;
};

/** Pods whose uid starts with "b" block each other: a node holds at most one of them. */
function blockingFilter(_s: CycleState, p: Pod, ni: NodeInfo): Status | undefined {
  if (!p.metadata.uid!.startsWith('b')) return undefined;
  return ni.pods.some((x) => x.pod.metadata.uid!.startsWith('b')) ? Status.unschedulable('unsched') : undefined;
}

function recorder() {
  const attempts: string[] = [];
  const flushes: string[] = [];
  const metrics: BatchMetrics = {
    batchAttempt: (profile, r) => attempts.push(`${profile}:${r}`),
    batchFlushed: (profile, r) => flushes.push(`${profile}:${r}`),
    getNodeHintDuration: () => undefined,
    storeScheduleResultsDuration: () => undefined,
  };
  return { attempts, flushes, metrics };
}

/** env is a batch whose signature, snapshot and clock the test controls. */
function env() {
  const clock = new FakeClock();
  const nodes = new Map<string, NodeInfo>();
  const rec = recorder();
  const ctl = { sig: undefined as string | undefined };
  const batch = new OpportunisticBatch({ profile: 'p', clock, sign: () => ctl.sig, nodeInfo: (n) => nodes.get(n), runFilter: blockingFilter, metrics: rec.metrics });
  /** place puts pod on a node of the snapshot, as the assume of its cycle does. */
  const place = (p: Pod, node: string) => {
    const ni = nodes.get(node) ?? new NodeInfo(makeNode().name(node).obj());
    ni.addPod(newPodInfo({ ...p, spec: { ...p.spec, nodeName: node } }));
    nodes.set(node, ni);
  };
  return { clock, nodes, rec, ctl, batch, place };
}

describe('OpportunisticBatch: TestBatchBasic vectors (spec §3.6)', () => {
  const cases: Array<{
    name: string; firstPod: string; firstSig: string; firstOK: boolean; firstChosen: string; firstOther?: string[]; skipPod?: boolean;
    secondPod: string; secondSig: string; secondChosen: string; wantHint: string; wantState?: { sig: string; remaining: number };
    wantAttempts: string[]; wantFlushes: string[];
  }> = [
    { name: 'a second pod with the same signature gets a hint', firstPod: 'b-1', firstSig: 'sig', firstOK: true, firstChosen: 'n3', firstOther: ['n1'], secondPod: 'b-2', secondSig: 'sig', secondChosen: 'n1', wantHint: 'n1', wantAttempts: ['no_hint', 'hint_used'], wantFlushes: [] },
    { name: "a second pod with a different signature doesn't get a hint", firstPod: 'a-1', firstSig: 'sig', firstOK: true, firstChosen: 'n3', firstOther: ['n1'], secondPod: 'a-2', secondSig: 'sig2', secondChosen: 'n1', wantHint: '', wantAttempts: ['no_hint', 'no_hint'], wantFlushes: ['pod_incompatible', 'empty_list'] },
    { name: "a second pod doesn't get a hint if it's not 1-pod-per-node", firstPod: 'a-1', firstSig: 'sig', firstOK: true, firstChosen: 'n3', firstOther: ['n1'], secondPod: 'a-2', secondSig: 'sig', secondChosen: 'n1', wantHint: '', wantAttempts: ['no_hint', 'no_hint'], wantFlushes: ['node_not_full', 'empty_list'] },
    { name: "pod doesn't get hint if previous pod didn't schedule", firstPod: 'b-1', firstSig: 'sig', firstOK: false, firstChosen: 'n3', firstOther: ['n1'], secondPod: 'b-2', secondSig: 'sig', secondChosen: 'n1', wantHint: '', wantAttempts: ['no_hint', 'no_hint'], wantFlushes: ['empty_list'] },
    { name: 'empty list', firstPod: 'b-1', firstSig: 'sig', firstOK: true, firstChosen: 'n3', firstOther: [], secondPod: 'b-2', secondSig: 'sig', secondChosen: 'n4', wantHint: '', wantAttempts: ['no_hint', 'no_hint'], wantFlushes: ['empty_list', 'empty_list'] },
    { name: 'nil list', firstPod: 'b-1', firstSig: 'sig', firstOK: true, firstChosen: 'n3', secondPod: 'b-2', secondSig: 'sig', secondChosen: 'n4', wantHint: '', wantAttempts: ['no_hint', 'no_hint'], wantFlushes: ['empty_list', 'empty_list'] },
    { name: "pod doesn't get hint because the previous pod is to a different profile", firstPod: 'b-1', firstSig: 'sig', firstOK: true, firstChosen: 'n3', firstOther: ['n1'], skipPod: true, secondPod: 'b-2', secondSig: 'sig', secondChosen: 'n1', wantHint: '', wantAttempts: ['no_hint', 'no_hint'], wantFlushes: ['pod_skipped', 'empty_list'] },
    { name: 'pod uses batch from preceding pod and leaves remaining batch to next pod', firstPod: 'b-1', firstSig: 'sig', firstOK: true, firstChosen: 'n3', firstOther: ['n1', 'n2'], secondPod: 'b-2', secondSig: 'sig', secondChosen: 'n1', wantHint: 'n1', wantState: { sig: 'sig', remaining: 1 }, wantAttempts: ['no_hint', 'hint_used'], wantFlushes: [] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { batch, ctl, rec, place } = env();
      const state = new CycleState();
      ctl.sig = tc.firstSig;
      const first = pod(tc.firstPod);
      assert.equal(batch.getNodeHint(first, state, 1).hint, '');
      if (tc.firstOK) batch.storeScheduleResults(tc.firstSig, '', tc.firstChosen, tc.firstOther && new ListNodes([...tc.firstOther]), 1);
      place(first, tc.firstChosen);
      const cycle = tc.skipPod ? 3 : 2;
      ctl.sig = tc.secondSig;
      const { hint, signature } = batch.getNodeHint(pod(tc.secondPod), state, cycle);
      assert.equal(hint, tc.wantHint);
      assert.equal(signature, tc.secondSig);
      batch.storeScheduleResults(tc.secondSig, hint, tc.secondChosen, undefined, cycle);
      if (tc.wantState) {
        assert.equal(batch.storedSignature, tc.wantState.sig);
        assert.equal(batch.remaining, tc.wantState.remaining);
      } else {
        assert.equal(batch.remaining, 0);
      }
      assert.deepEqual(rec.attempts, tc.wantAttempts.map((r) => `p:${r}`));
      assert.deepEqual(rec.flushes, tc.wantFlushes.map((r) => `p:${r}`));
    });
  }
});

describe('OpportunisticBatch: flush reasons and bookkeeping', () => {
  /** primed: b-1 went to n3 in cycle 1 with [n1, n2] left; the next pod is b-2. */
  function primed() {
    const e = env();
    e.ctl.sig = 'sig';
    e.batch.getNodeHint(pod('b-1'), new CycleState(), 1);
    e.batch.storeScheduleResults('sig', '', 'n3', new ListNodes(['n1', 'n2']), 1);
    e.place(pod('b-1'), 'n3');
    e.rec.attempts.length = 0;
    return e;
  }

  it(`keeps a ranking for exactly ${MAX_BATCH_AGE_MS}ms on the injected clock`, () => {
    const e = primed();
    e.clock.advance(MAX_BATCH_AGE_MS);
    assert.equal(e.batch.getNodeHint(pod('b-2'), new CycleState(), 2).hint, 'n1');
    e.batch.storeScheduleResults('sig', 'n1', 'n1', undefined, 2);
    e.place(pod('b-2'), 'n1');
    // The ranking keeps its creation time while hints are used, so it ages out.
    e.clock.advance(1);
    assert.equal(e.batch.getNodeHint(pod('b-3'), new CycleState(), 3).hint, '');
    assert.deepEqual(e.rec.flushes, ['p:expired']);
  });

  it('flushes when the node taken last time is gone from the snapshot', () => {
    const e = primed();
    e.nodes.delete('n3');
    assert.equal(e.batch.getNodeHint(pod('b-2'), new CycleState(), 2).hint, '');
    assert.deepEqual(e.rec.flushes, ['p:node_missing']);
  });

  it('an unsignable pod gets no hint (counted as incompatible, as upstream) and flushes as not batchable', () => {
    const e = primed();
    e.ctl.sig = undefined;
    const h = e.batch.getNodeHint(pod('b-2'), new CycleState(), 2);
    assert.deepEqual(h, { hint: '', signature: undefined });
    e.batch.storeScheduleResults(undefined, '', 'n1', new ListNodes(['n2']), 2);
    assert.deepEqual(e.rec.flushes, ['p:pod_incompatible', 'p:pod_not_batchable']);
    assert.equal(e.batch.remaining, 0);
  });

  it('a hint that was not taken is counted and the new ranking replaces the old', () => {
    const e = primed();
    assert.equal(e.batch.getNodeHint(pod('b-2'), new CycleState(), 2).hint, 'n1');
    e.batch.storeScheduleResults('sig', 'n1', 'n2', new ListNodes(['n4', 'n5', 'n6']), 2);
    assert.deepEqual(e.rec.attempts, ['p:hint_not_used']);
    assert.equal(e.batch.remaining, 3);
    assert.equal(e.batch.batchedPods, 0);
  });

  it('a failed cycle in between (no store) makes the next pod see a cycle gap', () => {
    const e = primed();
    assert.equal(e.batch.getNodeHint(pod('b-2'), new CycleState(), 2).hint, 'n1');
    // b-2 failed after the hint: nothing stored for cycle 2.
    assert.equal(e.batch.getNodeHint(pod('b-3'), new CycleState(), 3).hint, '');
    assert.deepEqual(e.rec.flushes, ['p:pod_skipped']);
    // The flush dropped the ranking, so a later pod is not counted again.
    assert.equal(e.batch.getNodeHint(pod('b-4'), new CycleState(), 4).hint, '');
    assert.deepEqual(e.rec.flushes, ['p:pod_skipped']);
  });

  it('a run of identical pods walks the ranking, one hint per pod', () => {
    const e = primed();
    const taken: string[] = [];
    for (let c = 2; c <= 3; c++) {
      const p = pod(`b-${c}`);
      const { hint } = e.batch.getNodeHint(p, new CycleState(), c);
      e.batch.storeScheduleResults('sig', hint, hint, undefined, c);
      e.place(p, hint);
      taken.push(hint);
    }
    assert.deepEqual(taken, ['n1', 'n2']);
    assert.equal(e.batch.batchedPods, 2);
    // The ranking is used up: the next pod is scheduled normally.
    assert.equal(e.batch.getNodeHint(pod('b-4'), new CycleState(), 4).hint, '');
    assert.deepEqual(e.rec.flushes, []);
  });
});

describe('RemainingNodes', () => {
  const infos = (...names: string[]) => names.map((n) => new NodeInfo(makeNode().name(n).obj()));

  it('ranks by total, leaves the chosen node out and sorts only when first popped', () => {
    let draws = 0;
    const rest = new RemainingNodes(infos('a', 'b', 'c', 'd'), [10, 40, 30, 20], 'b', () => (draws++, 0.5));
    assert.equal(rest.length, 3);
    assert.equal(draws, 0);
    assert.deepEqual([rest.pop(), rest.pop(), rest.pop()], ['c', 'd', 'a']);
    assert.equal(rest.length, 0);
    assert.throws(() => rest.pop());
  });

  it('orders equal totals by the random draw', () => {
    const draws = [0.1, 0.9, 0.5];
    const rest = new RemainingNodes(infos('x', 'a', 'b', 'c'), [99, 5, 5, 5], 'x', () => draws.shift()!);
    assert.deepEqual([rest.pop(), rest.pop(), rest.pop()], ['b', 'c', 'a']);
  });
});
