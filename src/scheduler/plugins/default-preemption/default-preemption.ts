import type { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type EnqueueExtensions, type FeatureSet, type Handle, type PostFilterPlugin, type PostFilterResult, type PreEnqueuePlugin } from '../../framework/interface.js';
import type { NodeInfo, PodInfo } from '../../framework/node-info.js';
import type { NodeToStatus } from '../../framework/node-to-status.js';
import { Code, Status } from '../../framework/status.js';
import type { Pod } from '../../framework/types.js';
import { Names } from '../names.js';
import { preempt, type PreemptionPolicy } from './evaluator.js';
import { Executor, podTerminatingByPreemption } from './executor.js';
import { moreImportantPod, podPriority, type Candidate, type SelectOptions } from './victims.js';

export const NAME = Names.DefaultPreemption;
export const MSG_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const MSG_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';
export const MSG_WAITING = 'waiting for the preemption for this pod to be finished';

/** DefaultPreemptionArgs bounds how many candidate nodes the dry run looks for. */
export interface DefaultPreemptionArgs {
  /** minCandidateNodesPercentage of the nodes (0..100, default 10)... */
  minCandidateNodesPercentage?: number;
  /** ...but at least this many (default 100), capped at the node count. */
  minCandidateNodesAbsolute?: number;
}

/** validateArgs is upstream's ValidateDefaultPreemptionArgs. */
export function validateArgs(a: Required<DefaultPreemptionArgs>): string[] {
  const errs: string[] = [];
  const pct = 'minCandidateNodesPercentage';
  const abs = 'minCandidateNodesAbsolute';
  if (a.minCandidateNodesPercentage < 0 || a.minCandidateNodesPercentage > 100) errs.push(`${pct}: Invalid value: ${a.minCandidateNodesPercentage}: not in valid range [0, 100]`);
  if (a.minCandidateNodesAbsolute < 0) errs.push(`${abs}: Invalid value: ${a.minCandidateNodesAbsolute}: not in valid range [0, inf)`);
  if (a.minCandidateNodesPercentage === 0 && a.minCandidateNodesAbsolute === 0) {
    errs.push(`${pct}: Invalid value: 0: cannot be zero at the same time as ${abs}`, `${abs}: Invalid value: 0: cannot be zero at the same time as ${pct}`);
  }
  return errs;
}

/**
 * DefaultPreemption is the PostFilter plugin that makes room for a pod no node fits by
 * evicting lower-priority pods from one node, and nominates that node for the pod. With
 * async preemption (the default) the evictions run in the background and PreEnqueue keeps
 * the pod out of the active queue until they are sent.
 */
export class DefaultPreemption implements PostFilterPlugin, PreEnqueuePlugin, EnqueueExtensions, PreemptionPolicy {
  readonly name = NAME;
  readonly executor: Executor;
  private readonly args: Required<DefaultPreemptionArgs>;
  /** isEligiblePod may narrow victims beyond "lower priority" (upstream IsEligiblePod hook). */
  isEligiblePod: (ni: NodeInfo, victim: PodInfo, preemptor: Pod) => boolean = () => true;
  /** moreImportantPod orders victims (upstream MoreImportantPod hook). */
  moreImportantPod: (a: Pod, b: Pod) => boolean = (a, b) => moreImportantPod(a, b, this.h.clock.now());
  /** random picks the dry run's start node; tests replace it. */
  random: () => number = Math.random;

  constructor(
    private readonly h: Handle,
    args: DefaultPreemptionArgs = {},
    private readonly asyncPreemption = true,
  ) {
    this.args = { minCandidateNodesPercentage: args.minCandidateNodesPercentage ?? 10, minCandidateNodesAbsolute: args.minCandidateNodesAbsolute ?? 100 };
    const errs = validateArgs(this.args);
    if (errs.length) throw new Error(errs.join(', '));
    this.executor = new Executor(h, NAME);
  }

  eventsToRegister() {
    // Only a pod this plugin gated (async preemption running) is affected, and the plugins
    // that rejected it decide on the victims' deletions: hence QueueSkip.
    if (!this.asyncPreemption) return [];
    return [{ event: { resource: 'AssignedPod' as const, actionType: ActionType.Delete }, hint: () => 'QueueSkip' as const }];
  }

  preEnqueue(pod: Pod): Status | undefined {
    if (!this.asyncPreemption || !this.executor.isPodRunningPreemption(pod.metadata.uid)) return undefined;
    return Status.unresolvable(MSG_WAITING);
  }

  async postFilter(state: CycleState, pod: Pod, m: NodeToStatus): Promise<PostFilterResult> {
    // Every PostFilter call is an attempt, whatever it finds (upstream defers the increment).
    this.h.metrics?.preemptionAttempt();
    const r = await preempt(this.h, this, state, pod, m);
    const msg = r.status?.message();
    if (msg) return { ...r, status: new Status(r.status!.code, [`preemption: ${msg}`], r.status!.err) };
    return r;
  }

  /**
   * podEligibleToPreemptOthers: not with preemptionPolicy Never, and not while pods this
   * pod preempted on its nominated node are still terminating (unless that node is now
   * out of reach anyway).
   */
  podEligibleToPreemptOthers(pod: Pod, nominatedNodeStatus: Status): string | undefined {
    if (pod.spec.preemptionPolicy === 'Never') return MSG_POLICY_NEVER;
    const nnn = pod.status?.nominatedNodeName;
    if (!nnn || nominatedNodeStatus.code === Code.UnschedulableAndUnresolvable) return undefined;
    const ni = this.h.getNodeInfo(nnn);
    if (ni?.pods.some((pi) => this.isPreemptionAllowed(ni, pi, pod) && podTerminatingByPreemption(pi.pod))) return MSG_TERMINATING;
    return undefined;
  }

  private isPreemptionAllowed(ni: NodeInfo, victim: PodInfo, preemptor: Pod): boolean {
    return podPriority(victim.pod) < podPriority(preemptor) && this.isEligiblePod(ni, victim, preemptor);
  }

  /** calculateNumCandidates: pct% of the nodes, at least the absolute minimum, at most all. */
  calculateNumCandidates(numNodes: number): number {
    const n = Math.trunc((numNodes * this.args.minCandidateNodesPercentage) / 100);
    return Math.min(numNodes, Math.max(n, this.args.minCandidateNodesAbsolute));
  }

  offsetAndNumCandidates(numNodes: number): { offset: number; num: number } {
    return { offset: Math.floor(this.random() * numNodes), num: this.calculateNumCandidates(numNodes) };
  }

  selectOptions(): SelectOptions {
    return { now: this.h.clock.now(), isEligible: this.isEligiblePod, moreImportant: this.moreImportantPod };
  }

  async prepare(c: Candidate, pod: Pod): Promise<Status | undefined> {
    if (this.asyncPreemption) {
      this.executor.prepareCandidateAsync(c, pod);
      return undefined;
    }
    return this.executor.prepareCandidate(c, pod, (e) => this.h.track(Promise.reject(e)));
  }
}

export const create = (args: unknown, h: Handle, f: FeatureSet): DefaultPreemption => new DefaultPreemption(h, (args ?? {}) as DefaultPreemptionArgs, f.asyncPreemption);
