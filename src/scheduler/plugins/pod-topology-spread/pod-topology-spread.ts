import { stateKey, type CycleState } from '../../framework/cycle-state.js';
import {
  ActionType, type EnqueueExtensions, type FeatureSet, type FilterPlugin, type Handle, type NodeScore, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type QueueingHint, type ScorePlugin,
  type SignFragments, type SignPlugin,
} from '../../framework/interface.js';
import type { NodeInfo, PodInfo } from '../../framework/node-info.js';
import { Code, Status } from '../../framework/status.js';
import type { Node, Pod } from '../../framework/types.js';
import { defaultSelector, parseConstraints, SYSTEM_DEFAULT_CONSTRAINTS, type Constraint, type OwnerListers, type SpreadPod, type TopologySpreadConstraint } from './common.js';
import { calPreFilterState, filterNode, type PreFilterState } from './filtering.js';
import { calPreScoreState, normalize, scoreNode, type PreScoreState } from './scoring.js';

export const NAME = 'PodTopologySpread';
const PRE_FILTER_KEY = stateKey<PreFilterState>('PreFilter' + NAME);
const PRE_SCORE_KEY = stateKey<PreScoreState>('PreScore' + NAME);

/** PodTopologySpreadArgs is the plugin's config (upstream PodTopologySpreadArgs). */
export interface PodTopologySpreadArgs {
  defaultConstraints?: TopologySpreadConstraint[];
  /** System (default) uses SYSTEM_DEFAULT_CONSTRAINTS; List uses defaultConstraints. */
  defaultingType?: 'System' | 'List';
}

/**
 * LISTER_KEYS are the Handle.lister() names the default constraints read. Without them
 * the plugin still works, but pods without their own constraints are not spread.
 */
export const LISTER_KEYS = { services: 'services', replicationControllers: 'replicationcontrollers', replicaSets: 'replicasets', statefulSets: 'statefulsets' } as const;

/**
 * PodTopologySpread spreads matching pods evenly over topology domains: DoNotSchedule
 * constraints filter (skew over maxSkew), ScheduleAnyway constraints (or the defaults) score.
 */
export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, SignPlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly defaults: readonly TopologySpreadConstraint[];
  private readonly systemDefaulted: boolean;

  constructor(
    private readonly handle: Pick<Handle, 'nodeInfos' | 'lister'>,
    args: PodTopologySpreadArgs = {},
    private readonly comparisonOperators = false,
  ) {
    this.systemDefaulted = (args.defaultingType ?? 'System') === 'System';
    this.defaults = this.systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : (args.defaultConstraints ?? []);
  }

  eventsToRegister() {
    return [
      { event: { resource: 'Pod' as const, actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete }, hint: this.isSchedulableAfterPodChange },
      { event: { resource: 'Node' as const, actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint }, hint: this.isSchedulableAfterNodeChange },
    ];
  }

  /**
   * Spreading depends on where every matching pod is, the previous pod of a batch included,
   * so a pod with constraints (its own or the defaults) is not signable. The stock
   * defaultingType System therefore disables batching unless an admin sets List with none.
   */
  signPod(pod: Pod): SignFragments | Status {
    if (((pod as SpreadPod).spec.topologySpreadConstraints ?? []).length > 0) return Status.unschedulable('pods with topology constraints are not signable');
    if (this.defaults.length > 0) return Status.unschedulable('pods with default topology constraints are not signable');
    return {};
  }

  /** constraints are the pod's own (of this action) or, when it has none, the defaults. */
  private constraints(pod: Pod, action: TopologySpreadConstraint['whenUnsatisfiable']): Constraint[] {
    const own = (pod as SpreadPod).spec.topologySpreadConstraints ?? [];
    if (own.length > 0) return parseConstraints(own, pod.metadata.labels, action);
    const cs = parseConstraints(this.defaults, pod.metadata.labels, action);
    if (cs.length === 0) return cs;
    const selector = defaultSelector(pod, this.ownerListers());
    if (selector.empty()) return [];
    return cs.map((c) => ({ ...c, selector }));
  }

  private ownerListers(): OwnerListers {
    return {
      services: this.handle.lister(LISTER_KEYS.services),
      replicationControllers: this.handle.lister(LISTER_KEYS.replicationControllers),
      replicaSets: this.handle.lister(LISTER_KEYS.replicaSets),
      statefulSets: this.handle.lister(LISTER_KEYS.statefulSets),
    };
  }

  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status?: Status } {
    const cs = this.constraints(pod, 'DoNotSchedule');
    if (cs.length === 0) return { status: new Status(Code.Skip) };
    state.write(PRE_FILTER_KEY, calPreFilterState(pod, cs, nodes, this.comparisonOperators));
    return {};
  }

  /** addPod counts a pod joining a node copy (nominated pods) in the PreFilter state. */
  addPod(state: CycleState, pod: Pod, pi: PodInfo, nodeInfo: NodeInfo): Status | undefined {
    const s = state.read(PRE_FILTER_KEY);
    if (!s) return Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
    s.updateWithPod(pi.pod, pod, nodeInfo.node, 1, this.comparisonOperators);
    return undefined;
  }

  /** removePod uncounts a preemption victim in the PreFilter state. */
  removePod(state: CycleState, pod: Pod, pi: PodInfo, nodeInfo: NodeInfo): Status | undefined {
    const s = state.read(PRE_FILTER_KEY);
    if (!s) return Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
    s.updateWithPod(pi.pod, pod, nodeInfo.node, -1, this.comparisonOperators);
    return undefined;
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    const s = state.read(PRE_FILTER_KEY);
    if (!s) return Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
    return filterNode(s, pod, nodeInfo);
  }

  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status | undefined {
    const all = this.handle.nodeInfos();
    if (nodes.length === 0 || all.length === 0) return undefined;
    const cs = this.constraints(pod, 'ScheduleAnyway');
    if (cs.length === 0) return new Status(Code.Skip);
    const requireAll = ((pod as SpreadPod).spec.topologySpreadConstraints ?? []).length > 0 || !this.systemDefaulted;
    state.write(PRE_SCORE_KEY, calPreScoreState(pod, cs, nodes, all, requireAll, this.comparisonOperators));
    return undefined;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number | Status {
    const s = state.read(PRE_SCORE_KEY);
    if (!s) return Status.error(`reading "${PRE_SCORE_KEY}" from cycleState: not found`);
    return scoreNode(s, pod, nodeInfo);
  }

  normalizeScore(state: CycleState, _pod: Pod, scores: NodeScore[]): Status | undefined {
    const s = state.read(PRE_SCORE_KEY);
    if (s) normalize(s, scores);
    return undefined;
  }

  /** A pod event matters when the pod is assigned, in our namespace and matches a selector. */
  private isSchedulableAfterPodChange = (pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint => {
    const o = oldObj as Pod | undefined;
    const n = newObj as Pod | undefined;
    const involved = (p: Pod) => p.metadata.uid === pod.metadata.uid || (!!p.spec.nodeName && p.metadata.namespace === pod.metadata.namespace);
    if ((n && !involved(n)) || (o && !involved(o))) return 'QueueSkip';
    const cs = [...this.constraints(pod, 'DoNotSchedule'), ...this.constraints(pod, 'ScheduleAnyway')];
    if (o && n) return cs.some((c) => c.selector.matches(o.metadata.labels) !== c.selector.matches(n.metadata.labels)) ? 'Queue' : 'QueueSkip';
    const p = (n ?? o)!;
    return cs.some((c) => c.selector.matches(p.metadata.labels)) ? 'Queue' : 'QueueSkip';
  };

  /** A node event matters when it adds, removes or moves a domain, or changes honored taints. */
  private isSchedulableAfterNodeChange = (pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint => {
    const o = oldObj as Node | undefined;
    const n = newObj as Node | undefined;
    const cs = [...this.constraints(pod, 'DoNotSchedule'), ...this.constraints(pod, 'ScheduleAnyway')];
    const hasKeys = (node: Node) => cs.every((c) => node.metadata.labels?.[c.topologyKey] !== undefined);
    if (!o || !n) return hasKeys((n ?? o)!) ? 'Queue' : 'QueueSkip';
    if (cs.some((c) => o.metadata.labels?.[c.topologyKey] !== n.metadata.labels?.[c.topologyKey])) return 'Queue';
    const taintsChanged = JSON.stringify(o.spec?.taints ?? []) !== JSON.stringify(n.spec?.taints ?? []);
    return taintsChanged && cs.some((c) => c.nodeTaintsPolicy === 'Honor') ? 'Queue' : 'QueueSkip';
  };
}

export const create = (args: unknown, h: Handle, f: FeatureSet): PodTopologySpread => new PodTopologySpread(h, (args ?? {}) as PodTopologySpreadArgs, f.taintTolerationComparisonOperators);
