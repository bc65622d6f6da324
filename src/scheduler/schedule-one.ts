import type { Clock } from '../util/clock.js';
import type { Cache } from './cache/cache.js';
import type { Snapshot } from './cache/snapshot.js';
import { CycleState } from './framework/cycle-state.js';
import type { QueuedPodInfo } from './framework/interface.js';
import { NodeToStatus } from './framework/node-to-status.js';
import type { AttemptResult, SchedulerMetrics } from './metrics.js';
import type { NodeInfo } from './framework/node-info.js';
import { RemainingNodes, type NodeHint, type SortedNodes } from './framework/runtime/batch.js';
import type { Framework } from './framework/runtime/framework.js';
import { Code, isSuccess, Status } from './framework/status.js';
import type { Pod } from './framework/types.js';
import { FitError, numFeasibleNodesToFind } from './fit-error.js';
import type { SchedulingQueue } from './queue/scheduling-queue.js';
import type { Reporter } from './reporter.js';
import type { Extender } from './extender/http-extender.js';
import { addExtenderScores, EXTENDER_NAME, extendersBinding, findNodesThatPassExtenders } from './extender/run.js';

/** SchedulerContext is what one scheduling + binding cycle needs. */
export interface SchedulerContext {
  clock: Clock;
  cache: Cache;
  snapshot: Snapshot;
  queue: SchedulingQueue;
  reporter: Reporter;
  profiles: Map<string, Framework>;
  /** Global percentageOfNodesToScore (profiles may override). */
  percentageOfNodesToScore?: number;
  /** nextStartNodeIndex rotates the Filter start so successive pods begin at different nodes. */
  nextStartNodeIndex: number;
  /** random is injectable for deterministic host selection in tests. */
  random: () => number;
  /** bindings tracks in-flight binding cycles and background work so stop() can wait for them. */
  bindings: Set<Promise<void>>;
  onError(err: unknown): void;
  metrics?: SchedulerMetrics;
  /** HTTP extenders (KubeSchedulerConfiguration.extenders), ignorable ones last. */
  extenders?: readonly Extender[];
}


/** NO_NODES_MSG is upstream's ErrNoNodesAvailable. */
export const NO_NODES_MSG = 'no nodes available to schedule pods';

/** ScheduleResult is a successful schedulePod. */
export interface ScheduleResult {
  suggestedHost: string;
  evaluatedNodes: number;
  feasibleNodes: number;
}

/** scheduleOne runs a scheduling cycle for one popped pod and starts its binding cycle. */
export async function scheduleOne(ctx: SchedulerContext, info: QueuedPodInfo, podCycle: number): Promise<void> {
  const pod = info.pod;
  const fwk = ctx.profiles.get(pod.spec.schedulerName ?? 'default-scheduler');
  if (!fwk || pod.metadata.deletionTimestamp || ctx.cache.isAssumed(info.key)) {
    ctx.queue.done(info.key);
    return;
  }
  const state = new CycleState();
  const started = performance.now();
  const profileName = pod.spec.schedulerName ?? 'default-scheduler';
  const observe = (r: AttemptResult) => ctx.metrics?.attempt(r, profileName, (performance.now() - started) / 1000);
  ctx.cache.updateSnapshot(ctx.snapshot);
  let result: ScheduleResult;
  try {
    result = ctx.extenders?.length ? await schedulePodWithExtenders(ctx, fwk, state, pod, ctx.extenders) : schedulePod(ctx, fwk, state, pod);
  } catch (err) {
    if (err instanceof FitError && err.numAllNodes === 0) {
      info.unschedulablePlugins = new Set();
      observe('unschedulable');
      await handleFailure(ctx, info, podCycle, Status.unresolvable(NO_NODES_MSG), 'Unschedulable', '');
    } else if (err instanceof FitError) {
      let fitError = err;
      let nominated: string | undefined;
      if (fwk.postFilter.length > 0) {
        // PostFilter (preemption) may make room for a later attempt and nominate a node.
        const pf = await fwk.runPostFilterPlugins(state, pod, err.nodeToStatus);
        const msg = pf.status?.message() ?? '';
        if (pf.status?.code === Code.Error) ctx.onError(pf.status.err ?? new Error(msg));
        if (msg) fitError = new FitError(err.numAllNodes, err.nodeToStatus, err.unschedulablePlugins, err.preFilterMsg, msg);
        nominated = pf.nominatedNodeName;
      }
      info.unschedulablePlugins = err.unschedulablePlugins;
      observe('unschedulable');
      await handleFailure(ctx, info, podCycle, Status.unschedulable(fitError.message), 'Unschedulable', nominated);
    } else {
      info.unschedulablePlugins = new Set();
      observe('error');
      await handleFailure(ctx, info, podCycle, Status.error(err), 'SchedulerError', '');
    }
    return;
  }
  // Assume: the cache counts the pod on the node so the next cycle sees it, and the pod no
  // longer holds a nomination elsewhere.
  const assumed: Pod = { ...pod, spec: { ...pod.spec, nodeName: result.suggestedHost } };
  ctx.cache.assumePod(assumed);
  ctx.queue.nominator.delete(assumed);
  const reserve = fwk.runReservePluginsReserve(state, assumed, result.suggestedHost);
  if (!isSuccess(reserve)) {
    fwk.runReservePluginsUnreserve(state, assumed, result.suggestedHost);
    ctx.cache.forgetPod(assumed);
    info.unschedulablePlugins = reserve!.code === Code.Error ? new Set() : new Set([reserve!.plugin!]);
    await handleFailure(ctx, info, podCycle, reserve!, reserve!.code === Code.Error ? 'SchedulerError' : 'Unschedulable', '');
    return;
  }
  const permit = fwk.runPermitPlugins(state, assumed, result.suggestedHost);
  if (!isSuccess(permit) && permit!.code !== Code.Wait) {
    fwk.runReservePluginsUnreserve(state, assumed, result.suggestedHost);
    ctx.cache.forgetPod(assumed);
    info.unschedulablePlugins = permit!.code === Code.Error ? new Set() : new Set([permit!.plugin!]);
    await handleFailure(ctx, info, podCycle, permit!, permit!.code === Code.Error ? 'SchedulerError' : 'Unschedulable', '');
    return;
  }
  observe('scheduled');
  const binding = bindingCycle(ctx, fwk, state, info, assumed, result.suggestedHost, podCycle).catch(ctx.onError);
  ctx.bindings.add(binding);
  void binding.finally(() => ctx.bindings.delete(binding));
}

/** bindingCycle waits on Permit, then PreBind, Bind and PostBind; failures undo the assume. */
async function bindingCycle(ctx: SchedulerContext, fwk: Framework, state: CycleState, info: QueuedPodInfo, assumed: Pod, node: string, podCycle: number): Promise<void> {
  let s = await fwk.waitOnPermit(assumed);
  if (isSuccess(s)) s = await fwk.runPreBindPlugins(state, assumed, node);
  if (isSuccess(s)) s = await bind(ctx, fwk, state, assumed, node);
  if (!isSuccess(s)) {
    fwk.runReservePluginsUnreserve(state, assumed, node);
    ctx.cache.forgetPod(assumed);
    info.unschedulablePlugins = s!.code === Code.Error || !s!.plugin ? new Set() : new Set([s!.plugin]);
    const reason = s!.code === Code.Error ? 'SchedulerError' : 'Unschedulable';
    const msg = s!.code === Code.Error ? `Binding rejected: ${s!.message()}` : s!.message();
    await handleFailure(ctx, info, podCycle, new Status(s!.code, [msg]), reason, '');
    return;
  }
  ctx.cache.finishBinding(assumed);
  ctx.queue.done(info.key);
  ctx.metrics?.podScheduled(info.attempts, info.initialAttemptTimestamp === undefined ? undefined : (ctx.clock.now() - info.initialAttemptTimestamp) / 1000);
  ctx.reporter.event(assumed, 'Normal', 'Scheduled', `Successfully assigned ${assumed.metadata.namespace}/${assumed.metadata.name} to ${node}`);
  fwk.runPostBindPlugins(state, assumed, node);
}

/** bind lets a binding extender bind the pod, if one is interested; otherwise the Bind plugins. */
async function bind(ctx: SchedulerContext, fwk: Framework, state: CycleState, assumed: Pod, node: string): Promise<Status | undefined> {
  if (ctx.extenders?.length) {
    const r = await extendersBinding(ctx.extenders, assumed, node);
    if (r.bound) return r.err === undefined ? undefined : Status.error(r.err);
  }
  return fwk.runBindPlugins(state, assumed, node);
}

/**
 * handleFailure requeues the pod, records its nomination in memory at once (so the next
 * cycles see it before the status write comes back), then records FailedScheduling and
 * writes PodScheduled=False with the nomination. nominatedNodeName follows PostFilterResult:
 * undefined keeps the pod's nomination, '' clears it.
 */
async function handleFailure(ctx: SchedulerContext, info: QueuedPodInfo, podCycle: number, s: Status, reason: string, nominatedNodeName?: string): Promise<void> {
  ctx.queue.addUnschedulable(info, podCycle);
  ctx.queue.nominator.add(info.pod, nominatedNodeName);
  const msg = s.message();
  ctx.reporter.event(info.pod, 'Warning', 'FailedScheduling', msg);
  try {
    await ctx.reporter.podScheduledFalse(info.pod, reason, msg, nominatedNodeName);
  } catch (err) {
    ctx.onError(err);
  }
}

/**
 * schedulePod is PreFilter -> Filter (over a rotating window of the snapshot until enough
 * feasible nodes are found) -> PreScore -> Score -> select host. Throws FitError when no
 * node fits.
 */
export function schedulePod(ctx: SchedulerContext, fwk: Framework, state: CycleState, pod: Pod): ScheduleResult {
  const r = rank(ctx, fwk, state, pod, () => findNodesThatFit(ctx, fwk, state, pod));
  return 'suggestedHost' in r ? r : pick(ctx, fwk, r);
}

/** schedulePodWithExtenders is schedulePod with the extenders' Filter after the plugins' and their scores added. */
async function schedulePodWithExtenders(ctx: SchedulerContext, fwk: Framework, state: CycleState, pod: Pod, extenders: readonly Extender[]): Promise<ScheduleResult> {
  const found = ctx.snapshot.nodeInfoList.length ? await findNodesThatFitWithExtenders(ctx, fwk, state, pod, extenders) : undefined;
  const r = rank(ctx, fwk, state, pod, () => found!);
  if ('suggestedHost' in r) return r;
  await addExtenderScores(extenders, pod, r.feasible, r.totals);
  return pick(ctx, fwk, r);
}

type Found = ReturnType<typeof findNodesThatFit>;
interface Ranked {
  feasible: NodeInfo[];
  totals: number[];
  evaluated: number;
  hint: NodeHint | undefined;
}

/** rank finds the feasible nodes and scores them; one feasible node is the answer without scoring. */
function rank(ctx: SchedulerContext, fwk: Framework, state: CycleState, pod: Pod, find: () => Found): ScheduleResult | Ranked {
  const all = ctx.snapshot.nodeInfoList;
  if (all.length === 0) throw new FitError(0, new NodeToStatus(), new Set());
  const { feasible, nodeToStatus, unschedulablePlugins, preFilterMsg, hint } = find();
  if (feasible.length === 0) throw new FitError(all.length, nodeToStatus, unschedulablePlugins, preFilterMsg);
  const evaluated = feasible.length + nodeToStatus.size;
  if (feasible.length === 1) {
    storeBatchResults(ctx, fwk, hint, feasible[0]!.name, undefined);
    return { suggestedHost: feasible[0]!.name, evaluatedNodes: evaluated, feasibleNodes: 1 };
  }
  const pre = fwk.runPreScorePlugins(state, pod, feasible);
  if (!isSuccess(pre)) throw new Error(pre!.message());
  const { totals, status } = fwk.runScorePlugins(state, pod, feasible);
  if (!totals) throw new Error(status!.message());
  return { feasible, totals, evaluated, hint };
}

/** pick selects the host from the ranking and hands the rest of it to the batch. */
function pick(ctx: SchedulerContext, fwk: Framework, r: Ranked): ScheduleResult {
  const host = selectHost(r.feasible, r.totals, ctx.random);
  storeBatchResults(ctx, fwk, r.hint, host, () => new RemainingNodes(r.feasible, r.totals, host, ctx.random));
  return { suggestedHost: host, evaluatedNodes: r.evaluated, feasibleNodes: r.feasible.length };
}

/** storeBatchResults hands the choice and the rest of the ranking to the profile's batch. */
function storeBatchResults(ctx: SchedulerContext, fwk: Framework, hint: NodeHint | undefined, host: string, rest: (() => SortedNodes) | undefined): void {
  if (hint) fwk.batch!.storeScheduleResults(hint.signature, hint.hint, host, rest?.(), ctx.queue.cycle);
}

/**
 * tryHint evaluates the batch's hinted node alone, as upstream evaluates a nominated node:
 * a pass makes it the only feasible node (no scoring); a rejection is recorded and the
 * normal search follows.
 */
function tryHint(ctx: SchedulerContext, fwk: Framework, state: CycleState, pod: Pod, hint: string, nodeToStatus: NodeToStatus, unschedulablePlugins: Set<string>): NodeInfo | undefined {
  const ni = ctx.snapshot.get(hint);
  if (!ni) return undefined;
  const s = fwk.runFilterPluginsWithNominatedPods(state, pod, ni);
  if (s === undefined) return ni;
  // An error here is left to the full search, which meets the same node again.
  if (s.code !== Code.Error) {
    nodeToStatus.set(ni.name, s);
    if (s.plugin) unschedulablePlugins.add(s.plugin);
  }
  return undefined;
}

/**
 * findNodesThatFitWithExtenders passes Filter's feasible nodes through the extenders. A
 * nominated node the extenders reject falls back to the full search, as upstream's
 * evaluateNominatedNode; a pod some extender rejected lists "Extender" among its rejectors,
 * so any cluster event requeues it (extenders register no events).
 */
async function findNodesThatFitWithExtenders(ctx: SchedulerContext, fwk: Framework, state: CycleState, pod: Pod, extenders: readonly Extender[]) {
  let found = findNodesThatFit(ctx, fwk, state, pod);
  let passed = await findNodesThatPassExtenders(extenders, pod, found.feasible, found.nodeToStatus);
  if (passed.length === 0 && found.viaNominated) {
    found = findNodesThatFit(ctx, fwk, state, pod, true);
    passed = await findNodesThatPassExtenders(extenders, pod, found.feasible, found.nodeToStatus);
  }
  if (passed.length !== found.feasible.length) found.unschedulablePlugins.add(EXTENDER_NAME);
  return { ...found, feasible: passed };
}

function findNodesThatFit(ctx: SchedulerContext, fwk: Framework, state: CycleState, pod: Pod, skipNominated = false) {
  const all = ctx.snapshot.nodeInfoList;
  const nodeToStatus = new NodeToStatus();
  const pf = fwk.runPreFilterPlugins(state, pod, all);
  const unschedulablePlugins = new Set<string>(pf.pluginsWithNodes);
  if (!isSuccess(pf.status)) {
    if (pf.status!.code === Code.Error) throw pf.status!.err ?? new Error(pf.status!.message());
    if (pf.status!.plugin) unschedulablePlugins.add(pf.status!.plugin);
    // Like upstream, a PreFilter rejection holds for every node (preemption reads it so)
    // and is reported once, not counted per node.
    nodeToStatus.setAbsentStatus(pf.status!);
    return { feasible: [] as NodeInfo[], nodeToStatus, unschedulablePlugins, preFilterMsg: pf.status!.message(), hint: undefined, viaNominated: false };
  }
  // A nomination (from preemption) names the node most likely to fit: try it first.
  const nominated = pod.status?.nominatedNodeName && !skipNominated ? ctx.snapshot.get(pod.status.nominatedNodeName) : undefined;
  if (nominated) {
    const s = fwk.runFilterPluginsWithNominatedPods(state, pod, nominated);
    if (s === undefined) return { feasible: [nominated], nodeToStatus, unschedulablePlugins, preFilterMsg: '', hint: undefined, viaNominated: true };
    if (s.code === Code.Error) throw s.err ?? new Error(s.message());
  }
  // Opportunistic batching: the previous identical pod's next-best node is tried next.
  const hint = fwk.batch?.getNodeHint(pod, state, ctx.queue.cycle);
  if (hint?.hint) {
    const ni = tryHint(ctx, fwk, state, pod, hint.hint, nodeToStatus, unschedulablePlugins);
    if (ni) return { feasible: [ni], nodeToStatus, unschedulablePlugins, preFilterMsg: '', hint, viaNominated: false };
  }
  let candidates: readonly NodeInfo[] = all;
  let rotate = true;
  if (pf.result?.nodeNames) {
    candidates = [...pf.result.nodeNames].map((n) => ctx.snapshot.get(n)).filter((x): x is NodeInfo => !!x);
    rotate = false;
    nodeToStatus.setAbsentStatus(Status.unresolvable(`node(s) didn't satisfy plugin(s) [${[...pf.pluginsWithNodes].sort().join(' ')}]`));
  }
  const want = numFeasibleNodesToFind(fwk.profile.percentageOfNodesToScore ?? ctx.percentageOfNodesToScore, candidates.length);
  const feasible: NodeInfo[] = [];
  const n = candidates.length;
  const start = rotate ? ctx.nextStartNodeIndex % n : 0;
  let processed = 0;
  for (; processed < n && feasible.length < want; processed++) {
    const ni = candidates[(start + processed) % n]!;
    const s = fwk.runFilterPluginsWithNominatedPods(state, pod, ni);
    if (s === undefined) feasible.push(ni);
    else if (s.code === Code.Error) throw s.err ?? new Error(s.message());
    else {
      nodeToStatus.set(ni.name, s);
      if (s.plugin) unschedulablePlugins.add(s.plugin);
    }
  }
  if (rotate) ctx.nextStartNodeIndex = (start + processed) % n;
  return { feasible, nodeToStatus, unschedulablePlugins, preFilterMsg: '', hint, viaNominated: false };
}

/** selectHost picks the highest total, breaking ties uniformly at random (reservoir sampling). */
export function selectHost(nodes: readonly NodeInfo[], totals: readonly number[], random: () => number): string {
  let best = 0;
  let ties = 1;
  for (let i = 1; i < nodes.length; i++) {
    if (totals[i]! > totals[best]!) {
      best = i;
      ties = 1;
    } else if (totals[i] === totals[best]) {
      ties++;
      if (random() * ties < 1) best = i;
    }
  }
  return nodes[best]!.name;
}
