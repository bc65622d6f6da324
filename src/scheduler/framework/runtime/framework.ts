import type { CycleState } from '../cycle-state.js';
import {
  isBind, isEnqueueExtensions, isFilter, isPermit, isPostBind, isPostFilter, isPreBind, isPreEnqueue, isPreFilter, isPreScore, isQueueSort, isReserve, isScore,
  MAX_NODE_SCORE, type BindPlugin, type ClusterEvent, type EnqueueExtensions, type FeatureSet, type FilterPlugin, type Handle, type NodeScore, type NodeToStatus,
  type PermitPlugin, type Plugin, type PostBindPlugin, type PostFilterPlugin, type PreBindPlugin, type PreEnqueuePlugin, type PreFilterPlugin, type PreFilterResult,
  type PreScorePlugin, type QueueingHintFn, type QueueSortPlugin, type ReservePlugin, type ScorePlugin,
} from '../interface.js';
import type { NodeInfo } from '../node-info.js';
import { Code, isSkip, isSuccess, Status } from '../status.js';
import type { Pod } from '../types.js';
import { podKey } from '../types.js';
import type { Registry } from './registry.js';
import { PodWaiting } from './waiting-pods.js';

/** PluginRef enables a plugin in a profile; weight applies to Score (0 or unset = 1). */
export interface PluginRef {
  name: string;
  weight?: number;
}

/** Profile is one KubeSchedulerProfile: plugins in MultiPoint order plus their args. */
export interface Profile {
  schedulerName: string;
  plugins: PluginRef[];
  pluginConfig?: Record<string, unknown>;
  /** 0..100; 0 or unset means the adaptive default. */
  percentageOfNodesToScore?: number;
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
  ) {
    const plugins: Plugin[] = [];
    const weights = new Map<string, number>();
    for (const ref of profile.plugins) {
      const factory = registry.get(ref.name);
      if (!factory) throw new Error(`plugin "${ref.name}" does not exist`);
      if (ref.weight !== undefined && ref.weight < 0) throw new Error(`plugin "${ref.name}" has a negative weight`);
      plugins.push(factory(profile.pluginConfig?.[ref.name], handle, features));
      weights.set(ref.name, ref.weight || 1);
    }
    const sorts = plugins.filter(isQueueSort);
    if (sorts.length !== 1) throw new Error(`exactly one QueueSort plugin must be enabled, got ${sorts.length}`);
    this.queueSort = sorts[0]!;
    this.preEnqueue = plugins.filter(isPreEnqueue);
    this.preFilter = plugins.filter(isPreFilter);
    this.filterPlugins = plugins.filter(isFilter);
    this.filterCalls = this.filterPlugins.map((p) => ({ name: p.name, filter: p.filter.bind(p) }));
    this.postFilter = plugins.filter(isPostFilter);
    this.preScore = plugins.filter(isPreScore);
    this.scorePlugins = plugins.filter(isScore).map((plugin) => ({ plugin, weight: weights.get(plugin.name)! }));
    this.scoreCalls = this.scorePlugins.map(({ plugin }) => ({ name: plugin.name, score: plugin.score.bind(plugin) }));
    this.reservePlugins = plugins.filter(isReserve);
    this.permitPlugins = plugins.filter(isPermit);
    this.preBind = plugins.filter(isPreBind);
    this.bindPlugins = plugins.filter(isBind);
    this.postBind = plugins.filter(isPostBind);
    if (this.bindPlugins.length === 0) throw new Error('at least one Bind plugin is required');
    for (const p of plugins.filter((p): p is EnqueueExtensions & Plugin => isEnqueueExtensions(p)))
      for (const e of p.eventsToRegister()) this.events.push({ plugin: p.name, event: e.event, hint: e.hint });
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

  /** runPreFilterPlugins intersects node-name restrictions; a rejection ends the cycle. */
  runPreFilterPlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status?: Status } {
    this.activeFilters = undefined;
    let result: PreFilterResult | undefined;
    for (const p of this.preFilter) {
      const r = guard(p.name, () => p.preFilter(state, pod, nodes), (status) => ({ status }));
      if (isSkip(r.status)) {
        state.skipFilterPlugins.add(p.name);
        continue;
      }
      if (!isSuccess(r.status)) return { status: r.status!.withPlugin(p.name) };
      if (r.result?.nodeNames) {
        const names = result?.nodeNames ? new Set([...r.result.nodeNames].filter((n) => result!.nodeNames!.has(n))) : r.result.nodeNames;
        result = { nodeNames: names };
        if (names.size === 0) return { result, status: Status.unresolvable('node(s) didn\'t satisfy plugin(s) [' + p.name + '] simultaneously').withPlugin(p.name) };
      }
    }
    return { result };
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

  /** runPostFilterPlugins returns the first success or the last failure. */
  async runPostFilterPlugins(state: CycleState, pod: Pod, filtered: NodeToStatus): Promise<{ nominatedNodeName?: string; status?: Status }> {
    let last: Status | undefined = Status.unschedulable();
    for (const p of this.postFilter) {
      let r: { nominatedNodeName?: string; status?: Status };
      try {
        r = await p.postFilter(state, pod, filtered);
      } catch (err) {
        return { status: Status.error(err).withPlugin(p.name) };
      }
      if (isSuccess(r.status)) return r;
      if (r.status!.code === Code.Error) return { status: r.status!.withPlugin(p.name) };
      last = r.status!.withPlugin(p.name);
    }
    return { status: last };
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
