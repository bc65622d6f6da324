import { stateKey, type CycleState, type StateData } from '../../framework/cycle-state.js';
import { ActionType, type EnqueueExtensions, type FeatureSet, type PreScorePlugin, type ScorePlugin, type SignFragments, type SignPlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podRequests, type Resource } from '../../framework/resource.js';
import { Code, Status } from '../../framework/status.js';
import type { Pod } from '../../framework/types.js';
import { Names } from '../names.js';
import { requestsView, resourcesFragment } from './signature.js';
import { allocatableAndRequested, DEFAULT_RESOURCES, newAmounts, type Amounts, type ResourceSpec } from './resource-allocation.js';

export const NAME = Names.NodeResourcesBalancedAllocation;
const PRE_SCORE_KEY = stateKey<PreScoreState>('PreScore' + NAME);

/**
 * NodeResourcesBalancedAllocation favours nodes whose cpu and memory utilization would be
 * close to each other: score = (1 - standard deviation of the fractions) * 100.
 */
export class BalancedAllocation implements PreScorePlugin, ScorePlugin, SignPlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly amounts: Amounts;

  constructor(
    private readonly resources: ResourceSpec[] = DEFAULT_RESOURCES,
    private readonly podLevelResources = true,
  ) {
    this.amounts = newAmounts(resources.length);
  }

  /** The same fragment as NodeResourcesFit: both read only the effective requests. */
  signPod(pod: Pod): SignFragments {
    return resourcesFragment(pod, this.podLevelResources);
  }

  eventsToRegister() {
    return [
      { event: { resource: 'AssignedPod' as const, actionType: ActionType.Delete } },
      { event: { resource: 'Node' as const, actionType: ActionType.Add | ActionType.UpdateNodeAllocatable } },
    ];
  }

  /** preScore skips pods that request none of the scored resources (BestEffort). */
  preScore(state: CycleState, pod: Pod): Status | undefined {
    const req = podRequests(requestsView(pod, this.podLevelResources));
    if (this.resources.every((r) => req.get(r.name) === 0)) return new Status(Code.Skip);
    state.write(PRE_SCORE_KEY, new PreScoreState(req));
    return undefined;
  }

  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number | Status {
    const s = state.read(PRE_SCORE_KEY);
    if (!s) return Status.error(`reading "${PRE_SCORE_KEY}" from cycleState: not found`);
    const { requested, allocatable } = allocatableAndRequested(nodeInfo, s.requests, s.requests, this.resources, true, this.amounts);
    return balancedScore(requested, allocatable);
  }
}

/** balancedScore computes (1 - std(fractions)) * 100 over resources with allocatable > 0. */
export function balancedScore(requested: readonly number[], allocatable: readonly number[]): number {
  // Two passes over the inputs instead of a fractions array: Score runs per feasible node.
  const fraction = (i: number) => Math.min(1, requested[i]! / allocatable[i]!);
  let n = 0;
  let sum = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i]! === 0) continue;
    const f = fraction(i);
    if (n === 0) first = f;
    else if (n === 1) second = f;
    sum += f;
    n++;
  }
  let std = 0;
  if (n === 2) std = Math.abs((first - second) / 2);
  else if (n > 2) {
    const mean = sum / n;
    let sq = 0;
    for (let i = 0; i < requested.length; i++) if (allocatable[i]! !== 0) sq += (fraction(i) - mean) ** 2;
    std = Math.sqrt(sq / n);
  }
  return Math.trunc((1 - std) * 100);
}

class PreScoreState implements StateData {
  constructor(readonly requests: Resource) {}
  clone(): StateData {
    return this;
  }
}

export const create = (args: unknown, _h: unknown, f: FeatureSet): BalancedAllocation => new BalancedAllocation((args as { resources?: ResourceSpec[] } | undefined)?.resources, f.podLevelResources);
