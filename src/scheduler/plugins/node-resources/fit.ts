import { stateKey, type CycleState, type StateData } from '../../framework/cycle-state.js';
import {
  ActionType, type EnqueueExtensions, type FeatureSet, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin, type SignFragments, type SignPlugin,
} from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podRequests, type Resource } from '../../framework/resource.js';
import { Code, Status } from '../../framework/status.js';
import type { Pod } from '../../framework/types.js';
import { aggregateMessage } from '../../../machinery/field-errors.js';
import { validateNodeResourcesFitArgs } from '../../config/validation-args.js';
import { Names } from '../names.js';
import { requestsView, resourcesFragment } from './signature.js';
import { allocatableAndRequested, DEFAULT_RESOURCES, leastAllocated, mostAllocated, newAmounts, requestedToCapacityRatio, type Amounts, type ResourceSpec, type Scorer, type ShapePoint } from './resource-allocation.js';

export const NAME = Names.NodeResourcesFit;
export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';
export const errReasonInsufficient = (resource: string): string => `Insufficient ${resource}`;
const PRE_FILTER_KEY = stateKey<PodRequests>('PreFilter' + NAME);

/**
 * NodeResourcesFitArgs selects the scoring strategy (default LeastAllocated on cpu and
 * memory); ignoredResources / ignoredResourceGroups (e.g. "example.com") are extended
 * resources Filter does not check, typically ones an extender or device plugin manages.
 */
export interface NodeResourcesFitArgs {
  ignoredResources?: string[];
  ignoredResourceGroups?: string[];
  scoringStrategy?: {
    type?: 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
    resources?: ResourceSpec[];
    requestedToCapacityRatio?: { shape: ShapePoint[] };
  };
}

/**
 * NodeResourcesFit rejects nodes whose free allocatable cannot hold the pod's requests (or
 * that are at their pod limit) and scores the rest with the configured strategy.
 */
export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, SignPlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly scorer: Scorer;
  private readonly resources: ResourceSpec[];
  private readonly ignored: (resource: string) => boolean;
  private readonly amounts: Amounts;

  constructor(args: NodeResourcesFitArgs = {}, private readonly podLevelResources = false) {
    const names = new Set(args.ignoredResources ?? []);
    const groups = new Set(args.ignoredResourceGroups ?? []);
    this.ignored = (r) => isExtendedResourceName(r) && (names.has(r) || groups.has(r.split('/')[0]!));
    const s = args.scoringStrategy ?? {};
    this.resources = s.resources ?? DEFAULT_RESOURCES;
    this.amounts = newAmounts(this.resources.length);
    switch (s.type ?? 'LeastAllocated') {
      case 'LeastAllocated':
        this.scorer = leastAllocated;
        break;
      case 'MostAllocated':
        this.scorer = mostAllocated;
        break;
      case 'RequestedToCapacityRatio':
        this.scorer = requestedToCapacityRatio(s.requestedToCapacityRatio?.shape ?? [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }]);
        break;
      default:
        throw new Error(`scoring strategy ${String(s.type)} is not supported`);
    }
  }

  eventsToRegister() {
    return [
      { event: { resource: 'AssignedPod' as const, actionType: ActionType.Delete | ActionType.UpdatePodScaleDown } },
      { event: { resource: 'Node' as const, actionType: ActionType.Add | ActionType.UpdateNodeAllocatable } },
    ];
  }

  signPod(pod: Pod): SignFragments {
    return resourcesFragment(pod, this.podLevelResources);
  }

  preFilter(state: CycleState, pod: Pod): { result?: PreFilterResult; status?: Status } {
    const p = requestsView(pod, this.podLevelResources);
    state.write(PRE_FILTER_KEY, new PodRequests(podRequests(p), podRequests(p, true), this.ignored));
    return {};
  }

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    const s = state.read(PRE_FILTER_KEY);
    if (!s) return Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
    return fits(s.requests, nodeInfo, s.scalarNames);
  }

  preScore(state: CycleState): Status | undefined {
    return state.read(PRE_FILTER_KEY) ? undefined : Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
  }

  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number | Status {
    const s = state.read(PRE_FILTER_KEY)!;
    const { requested, allocatable } = allocatableAndRequested(nodeInfo, s.requests, s.nonZero, this.resources, false, this.amounts);
    return this.scorer(requested, allocatable, this.resources);
  }
}

/**
 * fits lists every resource the node lacks: a pod asking more than the node's whole
 * allocatable is UnschedulableAndUnresolvable, otherwise Unschedulable (preemption may help).
 */
export function fits(req: Resource, nodeInfo: NodeInfo, scalarNames: readonly string[] = Object.keys(req.scalar)): Status | undefined {
  // Filter runs for every candidate node: plain comparisons first, allocation only on rejection.
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  const tooMany = nodeInfo.pods.length + 1 > alloc.allowedPodNumber;
  if (
    !tooMany &&
    (req.milliCPU <= 0 || req.milliCPU <= alloc.milliCPU - used.milliCPU) &&
    (req.memory <= 0 || req.memory <= alloc.memory - used.memory) &&
    (req.ephemeralStorage <= 0 || req.ephemeralStorage <= alloc.ephemeralStorage - used.ephemeralStorage) &&
    (scalarNames.length === 0 || scalarsFit(req, alloc, used, scalarNames))
  ) {
    return undefined;
  }
  const reasons: string[] = [];
  let unresolvable = false;
  if (tooMany) reasons.push(ERR_REASON_TOO_MANY_PODS);
  for (const name of ['cpu', 'memory', 'ephemeral-storage', ...scalarNames]) {
    const want = req.get(name);
    if (want <= 0) continue;
    const total = alloc.get(name);
    if (want > total - used.get(name)) {
      reasons.push(errReasonInsufficient(name));
      if (want > total) unresolvable = true;
    }
  }
  return new Status(unresolvable ? Code.UnschedulableAndUnresolvable : Code.Unschedulable, reasons);
}

function scalarsFit(req: Resource, alloc: Resource, used: Resource, names: readonly string[]): boolean {
  for (const name of names) {
    const want = req.scalar[name]!;
    if (want > 0 && want > alloc.get(name) - used.get(name)) return false;
  }
  return true;
}

/** isExtendedResourceName: a domain-prefixed name outside kubernetes.io, not a quota "requests." name. */
function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/') || name.includes('kubernetes.io/') || name.startsWith('requests.')) return false;
  return true;
}

class PodRequests implements StateData {
  /** scalarNames are the extended resources requested and not ignored, listed once per cycle for Filter. */
  readonly scalarNames: string[];
  constructor(
    readonly requests: Resource,
    readonly nonZero: Resource,
    ignored: (resource: string) => boolean = () => false,
  ) {
    this.scalarNames = Object.keys(requests.scalar).filter((n) => !ignored(n));
  }
  clone(): StateData {
    return this;
  }
}

export const create = (args: unknown, _h: unknown, f: FeatureSet): NodeResourcesFit => {
  const a = (args ?? {}) as NodeResourcesFitArgs;
  // Validated here, as upstream's NewFit does, since config validation misses these args.
  if (a.scoringStrategy) {
    const errs = validateNodeResourcesFitArgs('', a);
    if (errs.length) throw new Error(aggregateMessage(errs));
  }
  return new NodeResourcesFit(a, f.podLevelResources);
};
