/**
 * Opportunistic batching (KEP-5598, gate OpportunisticBatching, beta in v1.35).
 *
 * When identical pods arrive back to back and each fills the node it lands on, the full
 * Filter + Score pass for pod N+1 would rank the nodes exactly as it did for pod N, minus the
 * node pod N took. So each profile keeps the rest of the last ranking and offers its head to
 * the next pod as a hint; the scheduler checks the hint with Filter only and skips scoring.
 *
 * The ranking is reused only when it is provably still right: the previous cycle of the
 * queue was this profile's and succeeded, the pods' signatures are equal, the ranking is
 * under maxBatchAge old, and the node the previous pod took now rejects this pod (so the
 * previous pod "filled" it and it cannot come back to the top).
 */
import type { Clock } from '../../../util/clock.js';
import type { CycleState } from '../cycle-state.js';
import type { NodeInfo } from '../node-info.js';
import { isRejected, type Status } from '../status.js';
import type { Pod } from '../types.js';

/** MAX_BATCH_AGE_MS bounds how long one ranking is reused (upstream maxBatchAge). */
export const MAX_BATCH_AGE_MS = 500;

export type BatchAttemptResult = 'no_hint' | 'hint_used' | 'hint_not_used';
export type BatchFlushReason = 'pod_failed' | 'pod_skipped' | 'node_missing' | 'node_not_full' | 'empty_list' | 'expired' | 'pod_incompatible' | 'pod_not_batchable';

/** BatchMetrics receives the batch series of spec §3.4 (see metrics.ts). */
export interface BatchMetrics {
  batchAttempt(profile: string, result: BatchAttemptResult): void;
  batchFlushed(profile: string, reason: BatchFlushReason): void;
  getNodeHintDuration(hinted: 'hint' | 'no_hint', profile: string, seconds: number): void;
  storeScheduleResultsDuration(profile: string, seconds: number): void;
}

/** SortedNodes is what is left of a scoring pass: node names, best first. */
export interface SortedNodes {
  readonly length: number;
  /** pop removes and returns the best remaining node. */
  pop(): string;
}

/** BatchDeps is what the batch reads from its framework (injectable for tests). */
export interface BatchDeps {
  profile: string;
  clock: Clock;
  /** sign is Framework.signPod: the canonical signature, or undefined when unsignable. */
  sign(pod: Pod): string | undefined;
  /** nodeInfo looks a node up in the current cycle's snapshot. */
  nodeInfo(name: string): NodeInfo | undefined;
  runFilter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | undefined;
  metrics?: BatchMetrics;
}

/** NodeHint is GetNodeHint's answer; hint is '' when there is none. */
export interface NodeHint {
  hint: string;
  signature: string | undefined;
}

interface BatchState {
  signature: string;
  sortedNodes: SortedNodes;
  creationTime: number;
}

/** OpportunisticBatch is one profile's batch state machine (upstream runtime/batch.go). */
export class OpportunisticBatch {
  private state?: BatchState;
  private lastCycle = { cycleCount: 0, chosenNode: '', succeeded: false };
  /** batchedPods counts pods placed on their hint (for tests and debugging). */
  batchedPods = 0;

  constructor(private readonly deps: BatchDeps) {}

  /**
   * getNodeHint runs after PreFilter succeeded. cycleCount is the queue's scheduling cycle
   * (every pop of any profile's pod advances it), so a gap means another pod came between.
   */
  getNodeHint(pod: Pod, cycleState: CycleState, cycleCount: number): NodeHint {
    const m = this.deps.metrics;
    const start = m ? performance.now() : 0;
    const signature = this.deps.sign(pod);
    let hint = '';
    if (this.compatible(pod, signature, cycleCount, cycleState)) hint = this.state!.sortedNodes.pop();
    else m?.batchAttempt(this.deps.profile, 'no_hint');
    m?.getNodeHintDuration(hint ? 'hint' : 'no_hint', this.deps.profile, (performance.now() - start) / 1000);
    return { hint, signature };
  }

  /**
   * storeScheduleResults runs when the scheduling algorithm chose a node. A used hint keeps
   * the remaining ranking; otherwise this pod's ranking (the feasible nodes it did not take)
   * replaces it. A cycle that fails never gets here, so its successor sees a cycle gap.
   */
  storeScheduleResults(signature: string | undefined, hintedNode: string, chosenNode: string, otherNodes: SortedNodes | undefined, cycleCount: number): void {
    const m = this.deps.metrics;
    const start = m ? performance.now() : 0;
    this.lastCycle = { cycleCount, chosenNode, succeeded: true };
    if (hintedNode && hintedNode === chosenNode) {
      m?.batchAttempt(this.deps.profile, 'hint_used');
      this.batchedPods++;
    } else {
      if (hintedNode) m?.batchAttempt(this.deps.profile, 'hint_not_used');
      if (signature !== undefined && otherNodes && otherNodes.length > 0) {
        this.state = { signature, sortedNodes: otherNodes, creationTime: this.deps.clock.now() };
      } else {
        this.flush(!otherNodes || otherNodes.length === 0 ? 'empty_list' : 'pod_not_batchable');
      }
    }
    m?.storeScheduleResultsDuration(this.deps.profile, (performance.now() - start) / 1000);
  }

  /** remaining is the stored ranking's length (0 when there is none); for tests. */
  get remaining(): number {
    return this.state?.sortedNodes.length ?? 0;
  }

  /** storedSignature is the signature of the stored ranking; for tests. */
  get storedSignature(): string | undefined {
    return this.state?.signature;
  }

  private compatible(pod: Pod, signature: string | undefined, cycleCount: number, cycleState: CycleState): boolean {
    if (!this.state || this.state.sortedNodes.length === 0) return false;
    if (cycleCount !== this.lastCycle.cycleCount + 1) return this.flush('pod_skipped');
    if (!this.lastCycle.succeeded) return this.flush('pod_failed');
    // Upstream counts an unsignable pod here as incompatible too.
    if (signature === undefined || signature !== this.state.signature) return this.flush('pod_incompatible');
    if (this.deps.clock.now() > this.state.creationTime + MAX_BATCH_AGE_MS) return this.flush('expired');
    const last = this.deps.nodeInfo(this.lastCycle.chosenNode);
    if (!last) return this.flush('node_missing');
    // The one-pod-per-node proof: the node just taken must now reject an identical pod.
    if (!isRejected(this.deps.runFilter(cycleState, pod, last))) return this.flush('node_not_full');
    return true;
  }

  /**
   * flush drops the stored ranking and counts why. Upstream only counts here and lets the
   * next store overwrite the state; dropping it at once gives the same hints and counts each
   * discarded ranking once.
   */
  private flush(reason: BatchFlushReason): false {
    this.deps.metrics?.batchFlushed(this.deps.profile, reason);
    this.state = undefined;
    return false;
  }
}

/**
 * RemainingNodes is a scoring pass minus the chosen node, ranked lazily: most pods never
 * reuse their ranking (other signatures, unsignable pods), so the sort is paid only on the
 * first pop. Equal totals are ordered at random, as upstream's score heap does, so hints
 * spread over equally good nodes like selectHost's tie-break.
 */
export class RemainingNodes implements SortedNodes {
  private order?: string[];
  private next = 0;

  constructor(
    private readonly nodes: readonly NodeInfo[],
    private readonly totals: readonly number[],
    private readonly chosen: string,
    private readonly random: () => number,
  ) {}

  get length(): number {
    return this.order ? this.order.length - this.next : this.nodes.length - 1;
  }

  pop(): string {
    if (!this.order) {
      const ranked: Array<{ name: string; total: number; r: number }> = [];
      let skipped = false;
      for (let i = 0; i < this.nodes.length; i++) {
        const name = this.nodes[i]!.name;
        // Only the first occurrence of the chosen name is left out.
        if (!skipped && name === this.chosen) skipped = true;
        else ranked.push({ name, total: this.totals[i]!, r: this.random() });
      }
      ranked.sort((a, b) => b.total - a.total || b.r - a.r);
      this.order = ranked.map((x) => x.name);
    }
    if (this.next >= this.order.length) throw new Error('pop from an empty node ranking');
    return this.order[this.next++]!;
  }
}
