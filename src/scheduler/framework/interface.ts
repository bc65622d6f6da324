/**
 * Extension points of the scheduling framework. A plugin implements only the points it
 * needs; the runtime discovers them with the type guards at the bottom. Every point returns
 * a Status (undefined = Success) instead of throwing; a thrown error is turned into
 * Code.Error by the runtime.
 */
import type { Client } from '../../client/client.js';
import type { Clock } from '../../util/clock.js';
import type { CycleState } from './cycle-state.js';
import type { NodeInfo, PodInfo } from './node-info.js';
import type { NodeToStatus } from './node-to-status.js';
import type { Status } from './status.js';
import type { Pod } from './types.js';
import type { Extender } from '../extender/http-extender.js';

/** Plugin is the parent of every plugin: its name is the registry and config key. */
export interface Plugin {
  readonly name: string;
}

/** QueuedPodInfo is a pod in the scheduling queue with its queueing bookkeeping. */
export interface QueuedPodInfo {
  pod: Pod;
  key: string;
  /** timestamp is when the pod was (last) added to the queue. */
  timestamp: number;
  /** initialAttemptTimestamp is when the pod was first popped; undefined before that. */
  initialAttemptTimestamp?: number;
  attempts: number;
  /** unschedulablePlugins failed the pod in its last cycle; only their events requeue it. */
  unschedulablePlugins: Set<string>;
  /** pendingPlugins returned Pending in its last cycle. */
  pendingPlugins: Set<string>;
  /** gatingPlugin is the PreEnqueue plugin that keeps the pod out of activeQ, if any. */
  gatingPlugin?: string;
}

/** QueueSortPlugin orders activeQ; exactly one is enabled per scheduler. */
export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

/**
 * PreEnqueuePlugin gates a pod before it enters activeQ/backoffQ. It must be cheap. A
 * non-success status parks the pod as gated (no event, no condition) until one of the
 * plugin's registered cluster events re-runs PreEnqueue.
 */
export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: Pod): Status | undefined;
}

/** PreFilterResult narrows the candidate nodes; undefined nodeNames means all nodes. */
export interface PreFilterResult {
  nodeNames?: Set<string>;
}

/**
 * PreFilterPlugin precomputes per-cycle state. Skip disables the plugin's Filter for this
 * cycle; Unschedulable/UnschedulableAndUnresolvable fail the pod on every node.
 *
 * addPod/removePod are upstream's PreFilterExtensions: a plugin whose PreFilter state is
 * derived from the pods on nodes implements them, so that preemption (removing victims from
 * a node copy) and nominated pods (added to a node copy) keep that state in step with the
 * NodeInfo its Filter then sees. They mutate only the (cloned) state they are given.
 */
export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status?: Status };
  addPod?(state: CycleState, podToSchedule: Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status | undefined;
  removePod?(state: CycleState, podToSchedule: Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status | undefined;
}

/**
 * FilterPlugin decides whether the pod fits one node. It may run for many nodes in one
 * cycle and must not mutate nodeInfo or write CycleState.
 */
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | undefined;
}

/**
 * PostFilterResult is upstream's PostFilterResult/NominatingInfo: nominatedNodeName
 * undefined leaves the pod's nomination as it is (ModeNoop); a string, even '', replaces
 * it (ModeOverride; '' clears it).
 */
export interface PostFilterResult {
  nominatedNodeName?: string;
  status?: Status;
}

/** PostFilterPlugin runs only when no node fits (preemption); it may nominate a node. */
export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: Pod, filtered: NodeToStatus): Promise<PostFilterResult>;
}

/** PreScorePlugin prepares scoring for the feasible nodes; Skip disables its Score. */
export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status | undefined;
}

/** NodeScore is one node's score from one plugin. */
export interface NodeScore {
  name: string;
  score: number;
}

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

/**
 * ScorePlugin ranks a feasible node: a number is the raw score, a Status is a failure.
 * normalizeScore, when present, rescales the plugin's scores in place to 0..100.
 */
export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number | Status;
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): Status | undefined;
}

/**
 * ReservePlugin updates plugin state when a node is reserved for the pod. unreserve runs in
 * reverse order on any later failure and must be idempotent.
 */
export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: Pod, nodeName: string): Status | undefined;
  unreserve(state: CycleState, pod: Pod, nodeName: string): void;
}

/** PermitResult: Wait with timeoutMs delays binding until allowed, rejected or timed out. */
export interface PermitResult {
  status?: Status;
  timeoutMs?: number;
}

/** PermitPlugin approves (Success), denies (rejected codes) or delays (Wait) binding. */
export interface PermitPlugin extends Plugin {
  permit(state: CycleState, pod: Pod, nodeName: string): PermitResult;
}

/** PreBindPlugin runs before binding, in the binding cycle (may do I/O). */
export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: Pod, nodeName: string): Promise<Status | undefined>;
}

/** BindPlugin binds the pod; Skip hands over to the next Bind plugin. */
export interface BindPlugin extends Plugin {
  bind(state: CycleState, pod: Pod, nodeName: string): Promise<Status | undefined>;
}

/** PostBindPlugin is informational and runs after a successful bind. */
export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: Pod, nodeName: string): void;
}

/** SignFragments maps fragment keys (SIGNER in signers.ts) to what the pod contributes. */
export type SignFragments = Readonly<Record<string, unknown>>;

/**
 * SignPlugin (KEP-5598) names the parts of a pod its PreFilter/Filter/PreScore/Score read, so
 * pods with equal signatures are known to get equal feasibility and scores. Returning a Status
 * (Unschedulable by convention) means "this pod cannot be signed": it is never batched. A
 * profile batches only when every enabled PreFilter, Filter, PreScore and Score plugin signs.
 */
export interface SignPlugin extends Plugin {
  signPod(pod: Pod): SignFragments | Status;
}

/** ActionType is a bit set of what happened to a resource. */
export const ActionType = {
  Add: 1,
  Delete: 2,
  UpdateNodeAllocatable: 4,
  UpdateNodeLabel: 8,
  UpdateNodeTaint: 16,
  UpdateNodeCondition: 32,
  UpdatePodLabel: 64,
  UpdatePodScaleDown: 128,
  UpdatePodToleration: 256,
  UpdatePodSchedulingGatesEliminated: 512,
  UpdateNodeSpecUnschedulable: 1024,
  Update: 2047 - 3,
  All: 2047,
} as const;

/** EventResource is what a cluster event is about. */
export type EventResource =
  | 'Pod'
  | 'AssignedPod'
  | 'UnscheduledPod'
  | 'Node'
  | 'Workload'
  | 'PersistentVolume'
  | 'PersistentVolumeClaim'
  | 'StorageClass'
  | 'CSINode'
  | 'VolumeAttachment'
  | '*';

/** ClusterEvent is something that happened in the cluster which may make pods schedulable. */
export interface ClusterEvent {
  resource: EventResource;
  actionType: number;
  label?: string;
}

/** QueueingHint says whether an event may make a rejected pod schedulable. */
export type QueueingHint = 'Queue' | 'QueueSkip';

export type QueueingHintFn = (pod: Pod, oldObj: unknown, newObj: unknown) => QueueingHint;

/** EnqueueExtensions declares the events that may make a pod rejected by this plugin schedulable. */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): Array<{ event: ClusterEvent; hint?: QueueingHintFn }>;
}

/** WaitingPod is a pod held at Permit. */
export interface WaitingPod {
  readonly pod: Pod;
  readonly pendingPlugins: readonly string[];
  allow(plugin: string): void;
  reject(plugin: string, msg: string): void;
}

/** Lister is a read-only view over an informer cache. */
export interface Lister<T> {
  get(namespace: string | undefined, name: string): T | undefined;
  list(): T[];
  /** byIndex lists the objects filed under value in an index the scheduler registered, if any. */
  byIndex?(index: string, value: string): T[];
}

/** Handle is what plugins may use from the scheduler. */
export interface Handle {
  readonly client: Client;
  readonly clock: Clock;
  /** nodeInfos is the current cycle's snapshot. */
  nodeInfos(): readonly NodeInfo[];
  /** The snapshot's nodes holding a pod with pod (anti-)affinity / required anti-affinity. */
  havePodsWithAffinityNodeInfos(): readonly NodeInfo[];
  havePodsWithRequiredAntiAffinityNodeInfos(): readonly NodeInfo[];
  getNodeInfo(name: string): NodeInfo | undefined;
  iterateWaitingPods(fn: (wp: WaitingPod) => void): void;
  getWaitingPod(uidOrKey: string): WaitingPod | undefined;
  rejectWaitingPod(key: string): boolean;
  /** activate moves pods (by key) from backoff/unschedulable to activeQ. */
  activate(pods: readonly Pod[]): void;
  /** lister returns an informer-backed lister for an extra resource (e.g. 'workloads'). */
  lister<T>(resource: string): Lister<T> | undefined;
  /** podLister lists every pod the scheduler knows, scheduled or not. */
  podLister(): Lister<Pod>;
  /** isPVCUsedByPods: a pod on some node of the current snapshot uses the claim ("ns/name"). */
  isPVCUsedByPods(key: string): boolean;
  /** nominatedPodsForNode lists the pods nominated to a node (upstream PodNominator). */
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
  /** The PluginsRunner part: preemption simulates Filter on node copies with these. */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | undefined;
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status | undefined;
  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status | undefined;
  /** event records an Event about a pod (regarding), optionally naming a related pod. */
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, opts?: EventOptions): void;
  /** track registers background work (async preemption) that stopping the scheduler waits for. */
  track(work: Promise<unknown>): void;
  /** extenders are the configured HTTP extenders (preemption consults those that preempt). */
  readonly extenders?: readonly Extender[];
  /** metrics records what plugins report (upstream's package-level metrics); absent in tests. */
  readonly metrics?: PluginMetrics;
}

/** PluginMetrics are the kube-scheduler metrics that plugins, not the runtime, record. */
export interface PluginMetrics {
  /** scheduler_preemption_attempts_total */
  preemptionAttempt(): void;
  /** scheduler_preemption_victims */
  preemptionVictims(n: number): void;
}

/** EventOptions: action defaults to Scheduling (Binding for Scheduled); related is the other pod. */
export interface EventOptions {
  action?: string;
  related?: Pod;
}

/** FeatureSet is the gate values copied into plugins at construction time. */
export interface FeatureSet {
  taintTolerationComparisonOperators: boolean;
  genericWorkload: boolean;
  gangScheduling: boolean;
  podLevelResources: boolean;
  /** SchedulerAsyncPreemption: victims are deleted off the scheduling cycle. */
  asyncPreemption: boolean;
  /** OpportunisticBatching (beta, on by default); unset means off. */
  opportunisticBatching?: boolean;
}

/** PluginFactory builds a plugin from its args, the handle and the feature set. */
export type PluginFactory = (args: unknown, handle: Handle, features: FeatureSet) => Plugin;

const has = (p: Plugin, m: string) => typeof (p as unknown as Record<string, unknown>)[m] === 'function';
export const isQueueSort = (p: Plugin): p is QueueSortPlugin => has(p, 'less');
export const isPreEnqueue = (p: Plugin): p is PreEnqueuePlugin => has(p, 'preEnqueue');
export const isPreFilter = (p: Plugin): p is PreFilterPlugin => has(p, 'preFilter');
export const isFilter = (p: Plugin): p is FilterPlugin => has(p, 'filter');
export const isPostFilter = (p: Plugin): p is PostFilterPlugin => has(p, 'postFilter');
export const isPreScore = (p: Plugin): p is PreScorePlugin => has(p, 'preScore');
export const isScore = (p: Plugin): p is ScorePlugin => has(p, 'score');
export const isReserve = (p: Plugin): p is ReservePlugin => has(p, 'reserve');
export const isPermit = (p: Plugin): p is PermitPlugin => has(p, 'permit');
export const isPreBind = (p: Plugin): p is PreBindPlugin => has(p, 'preBind');
export const isBind = (p: Plugin): p is BindPlugin => has(p, 'bind');
export const isPostBind = (p: Plugin): p is PostBindPlugin => has(p, 'postBind');
export const isSign = (p: Plugin): p is SignPlugin => has(p, 'signPod');
export const isEnqueueExtensions = (p: Plugin): p is EnqueueExtensions => has(p, 'eventsToRegister');
