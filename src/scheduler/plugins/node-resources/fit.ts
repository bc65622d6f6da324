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
import { allocatableAndRequested, DEFAULT_RESOURCES, leastAllocated, mostAllocated, requestedToCapacityRatio, type ResourceSpec, type Scorer, type ShapePoint } from './resource-allocation.js';

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

  constructor(args: NodeResourcesFitArgs = {}, private readonly podLevelResources = false) {
    const names = new Set(args.ignoredResources ?? []);
    const groups = new Set(args.ignoredResourceGroups ?? []);
    this.ignored = (r) => isExtendedResourceName(r) && (names.has(r) || groups.has(r.split('/')[0]!));
    const s = args.scoringStrategy ?? {};
    this.resources = s.resources ?? DEFAULT_RESOURCES;
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
    state.write(PRE_FILTER_KEY, new PodRequests(podRequests(p), podRequests(p, true)));
    return {};
  }

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    const s = state.read(PRE_FILTER_KEY);
    if (!s) return Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
    return fits(s.requests, nodeInfo, this.ignored);
  }

  preScore(state: CycleState): Status | undefined {
    return state.read(PRE_FILTER_KEY) ? undefined : Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
  }

  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number | Status {
    const s = state.read(PRE_FILTER_KEY)!;
    const { requested, allocatable } = allocatableAndRequested(nodeInfo, s.requests, s.nonZero, this.resources, false);
    return this.scorer(requested, allocatable, this.resources);
  }
}

/**
 * fits lists every resource the node lacks: a pod asking more than the node's whole
 * allocatable is UnschedulableAndUnresolvable, otherwise Unschedulable (preemption may help).
 */
export function fits(req: Resource, nodeInfo: NodeInfo, ignored: (resource: string) => boolean = () => false): Status | undefined {
  const reasons: string[] = [];
  let unresolvable = false;
  const alloc = nodeInfo.allocatable;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) reasons.push(ERR_REASON_TOO_MANY_PODS);
  if (!req.isZero()) {
    for (const name of req.names()) {
      const want = req.get(name);
      if (want <= 0 || ignored(name)) continue;
      const total = alloc.get(name);
      if (want > total - nodeInfo.requested.get(name)) {
        reasons.push(errReasonInsufficient(name));
        if (want > total) unresolvable = true;
      }
    }
  }
  if (reasons.length === 0) return undefined;
  return new Status(unresolvable ? Code.UnschedulableAndUnresolvable : Code.Unschedulable, reasons);
}

/** isExtendedResourceName: a domain-prefixed name outside kubernetes.io, not a quota "requests." name. */
function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/') || name.includes('kubernetes.io/') || name.startsWith('requests.')) return false;
  return true;
}

class PodRequests implements StateData {
  constructor(
    readonly requests: Resource,
    readonly nonZero: Resource,
  ) {}
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
