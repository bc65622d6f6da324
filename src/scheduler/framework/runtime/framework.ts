import type { CycleState } from '../cycle-state.js';
import {
  isEnqueueExtensions,
  MAX_NODE_SCORE, type BindPlugin, type ClusterEvent, type EnqueueExtensions, type FeatureSet, type FilterPlugin, type Handle, type NodeScore,
  type PermitPlugin, type Plugin, type PostBindPlugin, type PostFilterPlugin, type PostFilterResult, type PreBindPlugin, type PreEnqueuePlugin, type PreFilterPlugin,
  type PreFilterResult, type PreScorePlugin, type QueueingHintFn, type QueueSortPlugin, type ReservePlugin, type ScorePlugin, type SignPlugin,
} from '../interface.js';
import type { NodeInfo, PodInfo } from '../node-info.js';
import type { NodeToStatus } from '../node-to-status.js';
import { Code, isRejected, isSkip, isSuccess, Status } from '../status.js';
import type { Pod } from '../types.js';
import { podKey } from '../types.js';
import { OpportunisticBatch, type BatchMetrics } from './batch.js';
import { PodSigner } from './pod-signer.js';
import { expandPlugins, neededPlugins, scoreWeights, type ExtensionPoint, type PluginRef, type PluginSet } from './plugin-sets.js';
import type { Registry } from './registry.js';
import { PodWaiting } from './waiting-pods.js';

export type { ExtensionPoint, PluginRef, PluginSet } from './plugin-sets.js';

/** Profile is one KubeSchedulerProfile: plugins in MultiPoint order plus their args. */
export interface Profile {
  schedulerName: string;
  /** MultiPoint: each plugin runs at every extension point it implements. */
  plugins: PluginRef[];
  /** Per-point sets: enable a plugin at one point only, or disable a MultiPoint plugin there ('*' = all). */
  extensionPoints?: Partial<Record<ExtensionPoint, PluginSet>>;
  /** Plugin args by plugin name, handed to the factories. */
  pluginConfig?: Record<string, unknown>;
  /** 0..100; 0 or unset means the adaptive default. */
  percentageOfNodesToScore?: number;
}

/** FrameworkOptions are the runtime's own dependencies (not the plugins'). */
export interface FrameworkOptions {
  /** metrics receives the opportunistic batching series. */
  metrics?: BatchMetrics;
}

/** RegisteredEvent is one plugin's interest in a cluster event. */
export interface RegisteredEvent {
  plugin: string;
  event: ClusterEvent;
  hint?: QueueingHintFn;
}

function guard<T>(plugin: string, fn: () => T, onError: (s: Status) => T): T {
  try {
    return fn();
  } catch (err) {
    return onError(Status.error(err).withPlugin(plugin));
  }
}

/**
 * Framework runs one profile's plugins at each extension point in configured order.
 * Plugins are built once from the registry; capability is detected by type guards.
 */
export class Framework {
  readonly queueSort: QueueSortPlugin;
  readonly preEnqueue: PreEnqueuePlugin[];
  readonly preFilter: PreFilterPlugin[];
  readonly filterPlugins: FilterPlugin[];
  readonly postFilter: PostFilterPlugin[];
  readonly preScore: PreScorePlugin[];
  readonly scorePlugins: Array<{ plugin: ScorePlugin; weight: number }>;
  readonly reservePlugins: ReservePlugin[];
  readonly permitPlugins: PermitPlugin[];
  readonly preBind: PreBindPlugin[];
  readonly bindPlugins: BindPlugin[];
  readonly postBind: PostBindPlugin[];
  readonly events: RegisteredEvent[] = [];
  /** Every instantiated plugin by name (a plugin enabled at several points is built once). */
  readonly plugins: ReadonlyMap<string, Plugin>;
  /** signer builds the pod signatures batching compares. */
  private readonly signer: PodSigner;
  /** batch is the profile's opportunistic batching state; undefined with the gate off. */
  readonly batch?: OpportunisticBatch;
  private waiting = new Map<string, PodWaiting>();
  /**
   * Filter and Score run per plugin per node; calling through one shape of record with a
   * bound method keeps that call site from a megamorphic `plugin.filter` lookup each time.
   */
  private readonly filterCalls: Array<{ name: string; filter: FilterPlugin['filter'] }>;
  private readonly scoreCalls: Array<{ name: string; score: ScorePlugin['score'] }>;
  /** Per Score plugin, the NodeScore records of the last cycle, reused: hundreds per cycle otherwise. */
  private readonly scoreBuffers: Array<{ pool: NodeScore[]; view: NodeScore[] }> = [];
  /** The Filter calls not skipped at PreFilter, for the cycle state they were worked out for. */
  private activeFilters?: { state: CycleState; calls: Array<{ name: string; filter: FilterPlugin['filter'] }> };

  constructor(
    readonly profile: Profile,
    registry: Registry,
    readonly handle: Handle,
    features: FeatureSet,
    opts: FrameworkOptions = {},
  ) {
    const points = profile.extensionPoints ?? {};
    const instances = new Map<string, Plugin>();
    for (const name of neededPlugins(profile.plugins, points)) {
      // An unknown name is reported by expandPlugins with the extension point it was meant for.
      const factory = registry.get(name);
      if (!factory) continue;
      try {
        instances.set(name, factory(profile.pluginConfig?.[name], handle, features));
      } catch (err) {
        throw new Error(`initializing plugin "${name}": ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.plugins = instances;
    const at = expandPlugins(profile.plugins, points, instances);
    const who = `profile with scheduler name ${JSON.stringify(profile.schedulerName)}`;
    if (at.queueSort.length !== 1) throw new Error(`only one queue sort plugin required for ${who}, but got ${at.queueSort.length}`);
    if (at.bind.length === 0) throw new Error(`at least one bind plugin is needed for ${who}`);
    const weights = scoreWeights(profile.plugins, points.score, instances);
    this.queueSort = at.queueSort[0] as QueueSortPlugin;
    this.preEnqueue = at.preEnqueue as PreEnqueuePlugin[];
    this.preFilter = at.preFilter as PreFilterPlugin[];
    this.filterPlugins = at.filter as FilterPlugin[];
    this.postFilter = at.postFilter as PostFilterPlugin[];
    this.preScore = at.preScore as PreScorePlugin[];
    this.scorePlugins = (at.score as ScorePlugin[]).map((plugin) => ({ plugin, weight: weights.get(plugin.name) ?? 1 }));
    this.reservePlugins = at.reserve as ReservePlugin[];
    this.permitPlugins = at.permit as PermitPlugin[];
    this.preBind = at.preBind as PreBindPlugin[];
    this.bindPlugins = at.bind as BindPlugin[];
    this.postBind = at.postBind as PostBindPlugin[];
    this.filterCalls = this.filterPlugins.map((p) => ({ name: p.name, filter: p.filter.bind(p) }));
    this.scoreCalls = this.scorePlugins.map(({ plugin }) => ({ name: plugin.name, score: plugin.score.bind(plugin) }));
    for (const p of [...instances.values()].filter((p): p is EnqueueExtensions & Plugin => isEnqueueExtensions(p)))
      for (const e of p.eventsToRegister()) this.events.push({ plugin: p.name, event: e.event, hint: e.hint });
    this.signer = new PodSigner([...this.preFilter, ...this.filterPlugins, ...this.preScore, ...this.scorePlugins.map((s) => s.plugin)]);
    if (features.opportunisticBatching) {
      this.batch = new OpportunisticBatch({
        profile: profile.schedulerName,
        clock: handle.clock,
        sign: (pod) => this.signPod(pod),
        nodeInfo: (name) => handle.getNodeInfo(name),
        runFilter: (state, pod, ni) => this.runFilterPlugins(state, pod, ni),
        metrics: opts.metrics,
      });
    }
  }

  get signers(): readonly SignPlugin[] {
    return this.signer.signers;
  }

  get unsignedPlugins(): readonly string[] {
    return this.signer.unsignedPlugins;
  }

  /** signaturesEnabled is false when some PreFilter/Filter/PreScore/Score plugin cannot sign. */
  get signaturesEnabled(): boolean {
    return this.signer.unsignedPlugins.length === 0;
  }

  /** signPod is the pod's signature for batching (PodSigner.sign). */
  signPod(pod: Pod): string | undefined {
    return this.signer.sign(pod);
  }

  get schedulerName(): string {
    return this.profile.schedulerName;
  }

  /** runPreEnqueuePlugins returns the first non-success status (blaming its plugin). */
  runPreEnqueuePlugins(pod: Pod): Status | undefined {
    for (const p of this.preEnqueue) {
      const s = guard(p.name, () => p.preEnqueue(pod), (e) => e);
      if (!isSuccess(s)) return s!.withPlugin(p.name);
    }
    return undefined;
  }

  /**
   * runPreFilterPlugins intersects node-name restrictions; a rejection ends the cycle.
   * pluginsWithNodes are the plugins that narrowed the nodes (the others are absent).
   */
  runPreFilterPlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status?: Status; pluginsWithNodes: Set<string> } {
    this.activeFilters = undefined;
    let result: PreFilterResult | undefined;
    const pluginsWithNodes = new Set<string>();
    for (const p of this.preFilter) {
      const r = guard(p.name, () => p.preFilter(state, pod, nodes), (status) => ({ status }));
      if (isSkip(r.status)) {
        state.skipFilterPlugins.add(p.name);
        continue;
      }
      if (!isSuccess(r.status)) return { status: r.status!.withPlugin(p.name), pluginsWithNodes: new Set() };
      if (r.result?.nodeNames) {
        pluginsWithNodes.add(p.name);
        const names = result?.nodeNames ? new Set([...r.result.nodeNames].filter((n) => result!.nodeNames!.has(n))) : r.result.nodeNames;
        result = { nodeNames: names };
        if (names.size === 0) {
          const list = [...pluginsWithNodes].sort();
          const msg = list.length === 1 ? `node(s) didn't satisfy plugin ${list[0]}` : `node(s) didn't satisfy plugin(s) [${list.join(' ')}] simultaneously`;
          return { result, status: Status.unresolvable(msg).withPlugin(p.name), pluginsWithNodes };
        }
      }
    }
    return { result, pluginsWithNodes };
  }

  /** runPreFilterExtensionAddPod tells the PreFilter plugins that ran a pod joined nodeInfo. */
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status | undefined {
    return this.runPreFilterExtension('AddPod', state, (p) => p.addPod?.(state, podToSchedule, podInfoToAdd, nodeInfo));
  }

  /** runPreFilterExtensionRemovePod tells the PreFilter plugins that ran a pod left nodeInfo. */
  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status | undefined {
    return this.runPreFilterExtension('RemovePod', state, (p) => p.removePod?.(state, podToSchedule, podInfoToRemove, nodeInfo));
  }

  private runPreFilterExtension(op: string, state: CycleState, call: (p: PreFilterPlugin) => Status | undefined): Status | undefined {
    for (const p of this.preFilter) {
      if ((!p.addPod && !p.removePod) || state.skipFilterPlugins.has(p.name)) continue;
      const s = guard(p.name, () => call(p), (e) => e);
      if (!isSuccess(s)) return Status.error(new Error(`running ${op} on PreFilter plugin "${p.name}": ${s!.message()}`)).withPlugin(p.name);
    }
    return undefined;
  }

  /** runFilterPlugins stops at the first plugin that rejects the node. */
  runFilterPlugins(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    // Filter runs for hundreds of nodes per cycle: sort out the skipped plugins once.
    if (this.activeFilters?.state !== state) this.activeFilters = { state, calls: this.filterCalls.filter((c) => !state.skipFilterPlugins.has(c.name)) };
    for (const p of this.activeFilters.calls) {
      // try/catch inline rather than guard(): this runs per plugin per node, closures cost.
      let s: Status | undefined;
      try {
        s = p.filter(state, pod, nodeInfo);
      } catch (err) {
        s = Status.error(err);
      }
      if (s !== undefined && s.code !== Code.Success) return s.withPlugin(p.name);
    }
    return undefined;
  }

  /**
   * runFilterPluginsWithNominatedPods is Filter with the node's nominated pods of equal or
   * higher priority counted as running: those pods made room there first. When they were
   * added and the pod fits, Filter runs again without them, because some filters (pod
   * affinity) may pass only thanks to pods that may still land elsewhere.
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    const nominated = this.handle.nominatedPodsForNode(nodeInfo.name);
    if (nominated.length === 0) return this.runFilterPlugins(state, pod, nodeInfo);
    const prio = pod.spec.priority ?? 0;
    const uid = pod.metadata.uid;
    let withPods: { state: CycleState; nodeInfo: NodeInfo } | undefined;
    for (const pi of nominated) {
      if ((pi.pod.spec.priority ?? 0) < prio || pi.pod.metadata.uid === uid) continue;
      withPods ??= { state: state.clone(), nodeInfo: nodeInfo.clone() };
      withPods.nodeInfo.addPod(pi);
      const s = this.runPreFilterExtensionAddPod(withPods.state, pod, pi, withPods.nodeInfo);
      if (!isSuccess(s)) return s;
    }
    if (!withPods) return this.runFilterPlugins(state, pod, nodeInfo);
    const s = this.runFilterPlugins(withPods.state, pod, withPods.nodeInfo);
    if (!isSuccess(s)) return s;
    return this.runFilterPlugins(state, pod, nodeInfo);
  }

  /**
   * runPostFilterPlugins returns the first success or unresolvable answer; otherwise an
   * Unschedulable status with every plugin's reasons and the last nomination change any
   * plugin asked for.
   */
  async runPostFilterPlugins(state: CycleState, pod: Pod, filtered: NodeToStatus): Promise<PostFilterResult> {
    let nominatedNodeName: string | undefined;
    const reasons: string[] = [];
    let rejector = '';
    for (const p of this.postFilter) {
      let r: PostFilterResult;
      try {
        r = await p.postFilter(state, pod, filtered);
      } catch (err) {
        return { status: Status.error(err).withPlugin(p.name) };
      }
      if (isSuccess(r.status)) return r;
      if (r.status!.code === Code.UnschedulableAndUnresolvable) return { ...r, status: r.status!.withPlugin(p.name) };
      if (!isRejected(r.status)) return { status: new Status(Code.Error, r.status!.reasons, r.status!.err).withPlugin(p.name) };
      if (r.nominatedNodeName !== undefined) nominatedNodeName = r.nominatedNodeName;
      reasons.push(...r.status!.reasons);
      rejector ||= p.name;
    }
    const status = new Status(Code.Unschedulable, reasons);
    if (rejector) status.withPlugin(rejector);
    return { nominatedNodeName, status };
  }

  runPreScorePlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status | undefined {
    for (const p of this.preScore) {
      const s = guard(p.name, () => p.preScore(state, pod, nodes), (e) => e);
      if (isSkip(s)) state.skipScorePlugins.add(p.name);
      else if (!isSuccess(s)) return s!.withPlugin(p.name);
    }
    return undefined;
  }

  /**
   * runScorePlugins scores every node with every plugin, normalizes each plugin's scores,
   * applies weights and returns the per-node totals (same order as nodes).
   */
  runScorePlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { totals?: number[]; status?: Status } {
    const totals = new Array<number>(nodes.length).fill(0);
    for (let j = 0; j < this.scorePlugins.length; j++) {
      const { plugin, weight } = this.scorePlugins[j]!;
      if (state.skipScorePlugins.has(plugin.name)) continue;
      const call = this.scoreCalls[j]!;
      const scores = this.scoreBuffer(j, nodes.length);
      for (let i = 0; i < nodes.length; i++) {
        // try/catch inline rather than guard(): this runs per plugin per feasible node.
        let r: number | Status;
        try {
          r = call.score(state, pod, nodes[i]!);
        } catch (err) {
          r = Status.error(err);
        }
        if (typeof r !== 'number') return { status: r.withPlugin(plugin.name) };
        const sc = scores[i]!;
        sc.name = nodes[i]!.name;
        sc.score = r;
      }
      if (plugin.normalizeScore) {
        const s = guard(plugin.name, () => plugin.normalizeScore!(state, pod, scores), (e) => e);
        if (!isSuccess(s)) return { status: s!.withPlugin(plugin.name) };
      }
      for (let i = 0; i < nodes.length; i++) {
        const sc = scores[i]!.score;
        if (sc > MAX_NODE_SCORE || sc < 0) return { status: Status.error(`plugin "${plugin.name}" returns an invalid score ${sc}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`).withPlugin(plugin.name) };
        totals[i]! += sc * weight;
      }
    }
    return { totals };
  }

  /** scoreBuffer is plugin j's list of n NodeScores, made of records kept from earlier cycles. */
  private scoreBuffer(j: number, n: number): NodeScore[] {
    const b = (this.scoreBuffers[j] ??= { pool: [], view: [] });
    while (b.pool.length < n) b.pool.push({ name: '', score: 0 });
    b.view.length = n;
    for (let i = 0; i < n; i++) b.view[i] = b.pool[i]!;
    return b.view;
  }

  runReservePluginsReserve(state: CycleState, pod: Pod, nodeName: string): Status | undefined {
    for (const p of this.reservePlugins) {
      const s = guard(p.name, () => p.reserve(state, pod, nodeName), (e) => e);
      if (!isSuccess(s)) return s!.withPlugin(p.name);
    }
    return undefined;
  }

  /** runReservePluginsUnreserve runs every Unreserve in reverse order; errors are ignored. */
  runReservePluginsUnreserve(state: CycleState, pod: Pod, nodeName: string): void {
    for (let i = this.reservePlugins.length - 1; i >= 0; i--) {
      const p = this.reservePlugins[i]!;
      guard(p.name, () => p.unreserve(state, pod, nodeName), () => undefined);
    }
  }

  /**
   * runPermitPlugins returns Success, a rejection, or Wait; on Wait the pod is registered as
   * waiting (timeouts per plugin on the handle's clock) and waitOnPermit must be called.
   */
  runPermitPlugins(state: CycleState, pod: Pod, nodeName: string): Status | undefined {
    const timeouts = new Map<string, number>();
    for (const p of this.permitPlugins) {
      const r = guard(p.name, () => p.permit(state, pod, nodeName), (status) => ({ status }));
      if (r.status?.code === Code.Wait) {
        timeouts.set(p.name, r.timeoutMs ?? 0);
        continue;
      }
      if (!isSuccess(r.status)) return r.status!.withPlugin(p.name);
    }
    if (timeouts.size === 0) return undefined;
    this.waiting.set(podKey(pod), new PodWaiting(pod, timeouts, this.handle.clock));
    return new Status(Code.Wait, ['one or more plugins asked to wait and no plugin rejected pod']);
  }

  /** waitOnPermit resolves when a waiting pod is allowed (undefined) or rejected. */
  async waitOnPermit(pod: Pod): Promise<Status | undefined> {
    const key = podKey(pod);
    const wp = this.waiting.get(key);
    if (!wp) return undefined;
    try {
      return await wp.result;
    } finally {
      if (this.waiting.get(key) === wp) this.waiting.delete(key);
    }
  }

  getWaitingPod(key: string): PodWaiting | undefined {
    return this.waiting.get(key);
  }

  iterateWaitingPods(fn: (wp: PodWaiting) => void): void {
    for (const wp of [...this.waiting.values()]) fn(wp);
  }

  rejectWaitingPod(key: string): boolean {
    const wp = this.waiting.get(key);
    wp?.reject('', 'removed');
    return !!wp;
  }

  async runPreBindPlugins(state: CycleState, pod: Pod, nodeName: string): Promise<Status | undefined> {
    for (const p of this.preBind) {
      let s: Status | undefined;
      try {
        s = await p.preBind(state, pod, nodeName);
      } catch (err) {
        s = Status.error(err);
      }
      if (isSkip(s)) continue;
      if (!isSuccess(s)) return s!.withPlugin(p.name);
    }
    return undefined;
  }

  async runBindPlugins(state: CycleState, pod: Pod, nodeName: string): Promise<Status | undefined> {
    for (const p of this.bindPlugins) {
      let s: Status | undefined;
      try {
        s = await p.bind(state, pod, nodeName);
      } catch (err) {
        s = Status.error(err);
      }
      if (isSkip(s)) continue;
      return isSuccess(s) ? undefined : s!.withPlugin(p.name);
    }
    return new Status(Code.Skip, ['all bind plugins skipped']);
  }

  runPostBindPlugins(state: CycleState, pod: Pod, nodeName: string): void {
    for (const p of this.postBind) guard(p.name, () => p.postBind(state, pod, nodeName), () => undefined);
  }
}
