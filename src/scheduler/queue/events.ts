import { ActionType, type ClusterEvent } from '../framework/interface.js';
import type { RegisteredEvent } from '../framework/runtime/framework.js';
import type { Node, Pod } from '../framework/types.js';
import { EXTENDER_NAME } from '../extender/run.js';

const json = (x: unknown) => JSON.stringify(x ?? null);

/** nodeUpdateActions works out which node-update bits an old -> new change carries. */
export function nodeUpdateActions(o: Node, n: Node): number {
  let a = 0;
  if (json(o.status?.allocatable) !== json(n.status?.allocatable)) a |= ActionType.UpdateNodeAllocatable;
  if (json(o.metadata.labels) !== json(n.metadata.labels)) a |= ActionType.UpdateNodeLabel;
  if (json(o.spec?.taints) !== json(n.spec?.taints)) a |= ActionType.UpdateNodeTaint;
  if (json(o.status?.conditions?.map((c) => [c.type, c.status])) !== json(n.status?.conditions?.map((c) => [c.type, c.status]))) a |= ActionType.UpdateNodeCondition;
  if (!!o.spec?.unschedulable !== !!n.spec?.unschedulable) a |= ActionType.UpdateNodeSpecUnschedulable;
  return a;
}

/** podUpdateActions works out which pod-update bits an old -> new change carries. */
export function podUpdateActions(o: Pod, n: Pod): number {
  let a = 0;
  if (json(o.metadata.labels) !== json(n.metadata.labels)) a |= ActionType.UpdatePodLabel;
  if (json(o.spec.tolerations) !== json(n.spec.tolerations)) a |= ActionType.UpdatePodToleration;
  if ((o.spec.schedulingGates ?? []).length > 0 && (n.spec.schedulingGates ?? []).length === 0) a |= ActionType.UpdatePodSchedulingGatesEliminated;
  return a;
}

/** eventMatches is true when a registered event covers the one that happened. */
export function eventMatches(registered: ClusterEvent, happened: ClusterEvent): boolean {
  const resourceOk =
    registered.resource === '*' ||
    registered.resource === happened.resource ||
    (registered.resource === 'Pod' && (happened.resource === 'AssignedPod' || happened.resource === 'UnscheduledPod'));
  return resourceOk && (registered.actionType & happened.actionType) !== 0;
}

/**
 * isPodWorthRequeuing asks the hints of the plugins that rejected the pod; a pod rejected
 * by no plugin in particular (an error) is requeued by any event.
 */
export function isPodWorthRequeuing(pod: Pod, rejectors: ReadonlySet<string>, events: readonly RegisteredEvent[], happened: ClusterEvent, oldObj: unknown, newObj: unknown): boolean {
  // Extenders register no events: a pod one rejected is worth retrying on any event.
  if (rejectors.size === 0 || rejectors.has(EXTENDER_NAME)) return true;
  for (const e of events) {
    if (!rejectors.has(e.plugin) || !eventMatches(e.event, happened)) continue;
    if (!e.hint) return true;
    try {
      if (e.hint(pod, oldObj, newObj) === 'Queue') return true;
    } catch {
      return true;
    }
  }
  return false;
}
