/**
 * GangScheduling (KEP-4671, alpha in v1.35, gates GenericWorkload + GangScheduling) schedules
 * the pods of a Workload's `gang` pod group all-or-nothing, best effort:
 *
 * - PreEnqueue keeps a pod out of activeQ until its Workload and pod group exist and at
 *   least minCount pods of its group replica exist, so no cycles are spent on a partial gang.
 * - Reserve/Unreserve track which members are assumed.
 * - Permit holds each member (Wait) until minCount members are assumed or bound, then
 *   allows every waiting member at once. Members share one 5-minute deadline; when it
 *   passes the framework rejects them all and they go back to the queue.
 *
 * Pods whose group uses the `basic` policy, and pods without workloadRef, pass every point.
 */
import {
  ActionType, type EnqueueExtensions, type Handle, type PermitPlugin, type PermitResult, type PreEnqueuePlugin, type QueueingHint, type ReservePlugin,
} from '../../framework/interface.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { Code, Status } from '../../framework/status.js';
import { podKey, type Pod } from '../../framework/types.js';
import { Names } from '../names.js';
import { PodGroups } from './pod-groups.js';
import { podGroupKey, sameWorkloadRef, WORKLOADS, type PodGroup, type Workload } from './workload.js';

export const NAME = Names.GangScheduling;

/** Upstream's messages, byte for byte (including "pods's"). */
export const Messages = {
  workloadMissing: (name: string) => `waiting for pods's workload "${name}" to appear in scheduling queue`,
  groupMissing: (group: string, name: string) => `pod group "${group}" doesn't exist for a workload "${name}"`,
  notEnoughPods: 'waiting for minCount pods from a gang to appear in scheduling queue',
  waitingOnPermit: 'waiting for minCount pods from a gang to be waiting on permit',
} as const;

export class GangScheduling implements PreEnqueuePlugin, ReservePlugin, PermitPlugin, EnqueueExtensions {
  readonly name = NAME;
  readonly groups: PodGroups;

  constructor(private readonly handle: Handle) {
    this.groups = new PodGroups(() => handle.podLister(), handle.clock);
  }

  preEnqueue(pod: Pod): Status | undefined {
    if (!pod.spec.workloadRef) return undefined;
    const { group, missing } = this.podGroupOf(pod);
    if (!group) return Status.unresolvable(missing!);
    const gang = group.policy.gang;
    if (!gang) return undefined;
    // allPods counts bound members too, so late members of a placed gang are not held back.
    if (this.groups.members(pod).length < gang.minCount) return Status.unresolvable(Messages.notEnoughPods);
    return undefined;
  }

  /** reserve tracks gang members only; basic and workload-less pods need no bookkeeping. */
  reserve(_state: CycleState, pod: Pod): Status | undefined {
    if (pod.spec.workloadRef && this.podGroupOf(pod).group?.policy.gang) this.groups.assume(pod);
    return undefined;
  }

  unreserve(_state: CycleState, pod: Pod): void {
    this.groups.forget(pod);
  }

  permit(_state: CycleState, pod: Pod): PermitResult {
    if (!pod.spec.workloadRef) return {};
    const { group, missing } = this.podGroupOf(pod);
    // The Workload went away since PreEnqueue: fail the cycle; the pod is retried with backoff.
    if (!group) return { status: new Status(Code.Error, [missing!]) };
    const gang = group.policy.gang;
    if (!gang) return {};
    if (this.groups.quorum(pod) < gang.minCount) {
      this.activateOthers(pod);
      return { status: new Status(Code.Wait, [Messages.waitingOnPermit]), timeoutMs: this.groups.remainingMs(pod) };
    }
    const key = podGroupKey(pod);
    const self = podKey(pod);
    this.handle.iterateWaitingPods((wp) => {
      if (podKey(wp.pod) !== self && podGroupKey(wp.pod) === key) wp.allow(NAME);
    });
    return {};
  }

  /**
   * Pod/Add: a new member may complete the gang. Workload/Add: a pod's Workload appeared.
   * No update events: both objects are immutable in the parts read here.
   */
  eventsToRegister() {
    return [
      { event: { resource: 'Pod' as const, actionType: ActionType.Add }, hint: isSchedulableAfterPodAdded },
      { event: { resource: 'Workload' as const, actionType: ActionType.Add }, hint: isSchedulableAfterWorkloadAdded },
    ];
  }

  /**
   * activateOthers moves the group's other unscheduled, not yet assumed members to activeQ,
   * so a gang waiting on Permit gets its missing members tried soon instead of after backoff.
   */
  private activateOthers(pod: Pod): void {
    const self = podKey(pod);
    const assumed = this.groups.assumedKeys(pod);
    const others = this.groups.members(pod).filter((p) => !p.spec.nodeName && podKey(p) !== self && !assumed.has(podKey(p)));
    if (others.length > 0) this.handle.activate(others);
  }

  private podGroupOf(pod: Pod): { group?: PodGroup; missing?: string } {
    const ref = pod.spec.workloadRef!;
    const workload = this.handle.lister<Workload>(WORKLOADS)?.get(pod.metadata.namespace, ref.name);
    if (!workload) return { missing: Messages.workloadMissing(ref.name) };
    const group = workload.spec?.podGroups?.find((g) => g.name === ref.podGroup);
    if (!group) return { missing: Messages.groupMissing(ref.podGroup, ref.name) };
    return { group };
  }
}

/** Queue iff the added pod is in the same namespace with an identical workloadRef. */
export function isSchedulableAfterPodAdded(pod: Pod, _old: unknown, newObj: unknown): QueueingHint {
  const added = newObj as Pod | undefined;
  if (!added?.spec || added.metadata.namespace !== pod.metadata.namespace) return 'QueueSkip';
  return sameWorkloadRef(added.spec.workloadRef, pod.spec.workloadRef) ? 'Queue' : 'QueueSkip';
}

/** Queue iff the added Workload is the one the pod references. */
export function isSchedulableAfterWorkloadAdded(pod: Pod, _old: unknown, newObj: unknown): QueueingHint {
  const w = newObj as Workload | undefined;
  const ref = pod.spec.workloadRef;
  if (!ref || !w?.metadata) return 'QueueSkip';
  return w.metadata.namespace === pod.metadata.namespace && w.metadata.name === ref.name ? 'Queue' : 'QueueSkip';
}

export const create = (_args: unknown, handle: Handle): GangScheduling => new GangScheduling(handle);
