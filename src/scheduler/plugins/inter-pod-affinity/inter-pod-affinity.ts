import { stateKey, type CycleState } from '../../framework/cycle-state.js';
import {
  ActionType, type EnqueueExtensions, type FilterPlugin, type Handle, type NodeScore, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type QueueingHint, type ScorePlugin,
  type SignFragments, type SignPlugin,
} from '../../framework/interface.js';
import { SIGNER } from '../../framework/signers.js';
import type { NodeInfo, PodInfo } from '../../framework/node-info.js';
import { Code, Status } from '../../framework/status.js';
import type { Node, Pod } from '../../framework/types.js';
import { calPreFilterState, filterNode, type PreFilterState } from './filtering.js';
import { calPreScoreState, normalize, scoreNode, type PreScoreState, type ScoreOptions } from './scoring.js';
import { hasPodAffinity, parseAffinity, resolveNamespaces, termMatches, type NamespaceLister } from './terms.js';

export const NAME = 'InterPodAffinity';
const PRE_FILTER_KEY = stateKey<PreFilterState>('PreFilter' + NAME);
const PRE_SCORE_KEY = stateKey<PreScoreState>('PreScore' + NAME);

/** NAMESPACES_LISTER is the Handle.lister() name used for namespaceSelector terms. */
export const NAMESPACES_LISTER = 'namespaces';

/** InterPodAffinityArgs is upstream's InterPodAffinityArgs (hardPodAffinityWeight 0..100, default 1). */
export interface InterPodAffinityArgs {
  hardPodAffinityWeight?: number;
  ignorePreferredTermsOfExistingPods?: boolean;
}

/**
 * InterPodAffinity enforces required pod affinity/anti-affinity (the incoming pod's and the
 * existing pods' anti-affinity) and scores preferred terms in both directions.
 */
export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, SignPlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly opts: ScoreOptions;

  constructor(
    private readonly handle: Pick<Handle, 'nodeInfos' | 'havePodsWithAffinityNodeInfos' | 'havePodsWithRequiredAntiAffinityNodeInfos' | 'lister'>,
    args: InterPodAffinityArgs = {},
  ) {
    const w = args.hardPodAffinityWeight ?? 1;
    if (w < 0 || w > 100) throw new Error(`hardPodAffinityWeight: Invalid value: ${w}: not in valid range [0-100]`);
    this.opts = { hardPodAffinityWeight: w, ignorePreferredTermsOfExistingPods: args.ignorePreferredTermsOfExistingPods ?? false };
  }

  eventsToRegister() {
    return [
      { event: { resource: 'Pod' as const, actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete }, hint: this.isSchedulableAfterPodChange },
      { event: { resource: 'Node' as const, actionType: ActionType.Add | ActionType.UpdateNodeLabel }, hint: this.isSchedulableAfterNodeChange },
    ];
  }

  /**
   * A pod with its own (anti-)affinity is not signable: where it fits depends on where the
   * previous pods went. Otherwise only existing pods' terms look at it, through its labels
   * and namespace; with their preferred terms ignored, only their required anti-affinity
   * does, and Filter rechecks that on every hinted node.
   */
  signPod(pod: Pod): SignFragments | Status {
    if (hasPodAffinity(pod)) return Status.unschedulable('pods with pod affinity or pod anti-affinity are not signable');
    if (this.opts.ignorePreferredTermsOfExistingPods) return {};
    return { [SIGNER.Labels]: pod.metadata.labels ?? {}, [SIGNER.Namespace]: pod.metadata.namespace ?? '' };
  }

  private nsLister(): NamespaceLister | undefined {
    return this.handle.lister(NAMESPACES_LISTER);
  }

  /** nsLabels are the incoming pod's namespace labels, which existing pods' namespaceSelectors match. */
  private nsLabels(pod: Pod): Record<string, string> | undefined {
    return this.nsLister()?.get(undefined, pod.metadata.namespace ?? '')?.metadata.labels;
  }

  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status?: Status } {
    const p = parseAffinity(pod);
    const ns = this.nsLister();
    const s = calPreFilterState(pod, resolveNamespaces(p.requiredAffinity, ns), resolveNamespaces(p.requiredAntiAffinity, ns), nodes, this.handle.havePodsWithRequiredAntiAffinityNodeInfos(), this.nsLabels(pod));
    if (s.requiredAffinity.length === 0 && s.requiredAntiAffinity.length === 0 && s.existingAntiAffinityCounts.size === 0) return { status: new Status(Code.Skip) };
    state.write(PRE_FILTER_KEY, s);
    return {};
  }

  /** addPod keeps the PreFilter counts right when a pod joins a node copy (nominated pods). */
  addPod(state: CycleState, _pod: Pod, pi: PodInfo, nodeInfo: NodeInfo): Status | undefined {
    const s = state.read(PRE_FILTER_KEY);
    if (!s) return Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
    s.updateWithPod(pi.pod, nodeInfo.node?.metadata.labels, 1);
    return undefined;
  }

  /** removePod keeps the PreFilter counts right when preemption removes a victim. */
  removePod(state: CycleState, _pod: Pod, pi: PodInfo, nodeInfo: NodeInfo): Status | undefined {
    const s = state.read(PRE_FILTER_KEY);
    if (!s) return Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
    s.updateWithPod(pi.pod, nodeInfo.node?.metadata.labels, -1);
    return undefined;
  }

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    const s = state.read(PRE_FILTER_KEY);
    if (!s) return Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
    return filterNode(s, nodeInfo);
  }

  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status | undefined {
    if (nodes.length === 0) return new Status(Code.Skip);
    const p = parseAffinity(pod);
    const hasConstraints = p.preferredAffinity.length > 0 || p.preferredAntiAffinity.length > 0;
    // Without preferred terms of its own, only existing pods with affinity can score.
    const nodesToVisit = hasConstraints ? this.handle.nodeInfos() : this.handle.havePodsWithAffinityNodeInfos();
    if (!hasConstraints && (this.opts.ignorePreferredTermsOfExistingPods || nodesToVisit.length === 0)) return new Status(Code.Skip);
    const ns = this.nsLister();
    state.write(PRE_SCORE_KEY, calPreScoreState(pod, resolveNamespaces(p.preferredAffinity, ns), resolveNamespaces(p.preferredAntiAffinity, ns), nodesToVisit, this.nsLabels(pod), this.opts));
    return undefined;
  }

  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number | Status {
    const s = state.read(PRE_SCORE_KEY);
    if (!s) return Status.error(`reading "${PRE_SCORE_KEY}" from cycleState: not found`);
    return scoreNode(s, nodeInfo);
  }

  normalizeScore(state: CycleState, _pod: Pod, scores: NodeScore[]): Status | undefined {
    const s = state.read(PRE_SCORE_KEY);
    if (s) normalize(s, scores);
    return undefined;
  }

  /**
   * An assigned pod's event matters when it matches one of the pod's required terms, or
   * (on delete) when its required anti-affinity blocked the pod.
   */
  private isSchedulableAfterPodChange = (pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint => {
    const o = oldObj as Pod | undefined;
    const n = newObj as Pod | undefined;
    const changed = (n ?? o)!;
    if (!changed.spec.nodeName) return 'QueueSkip';
    const p = parseAffinity(pod);
    const terms = [...p.requiredAffinity, ...p.requiredAntiAffinity];
    const matches = (x: Pod | undefined) => !!x && terms.some((t) => termMatches(t, x, undefined));
    if (matches(o) || matches(n)) return 'Queue';
    if (!n && o) return parseAffinity(o).requiredAntiAffinity.some((t) => termMatches(t, pod, this.nsLabels(pod))) ? 'Queue' : 'QueueSkip';
    return 'QueueSkip';
  };

  /** A node event matters when it carries (or changes) a topology key of the pod's terms. */
  private isSchedulableAfterNodeChange = (pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint => {
    const o = oldObj as Node | undefined;
    const n = newObj as Node | undefined;
    const p = parseAffinity(pod);
    const keys = [...p.requiredAffinity, ...p.requiredAntiAffinity].map((t) => t.topologyKey);
    if (keys.length === 0) return 'Queue';
    return keys.some((k) => n?.metadata.labels?.[k] !== o?.metadata.labels?.[k]) ? 'Queue' : 'QueueSkip';
  };
}

export const create = (args: unknown, h: Handle): InterPodAffinity => new InterPodAffinity(h, (args ?? {}) as InterPodAffinityArgs);
