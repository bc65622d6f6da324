import { ActionType, type EnqueueExtensions, type PreEnqueuePlugin, type QueueingHint } from '../../framework/interface.js';
import { Status } from '../../framework/status.js';
import type { Pod } from '../../framework/types.js';
import { Names } from '../names.js';

export const NAME = Names.SchedulingGates;

/** SchedulingGates keeps pods with spec.schedulingGates out of the active queue. */
export class SchedulingGates implements PreEnqueuePlugin, EnqueueExtensions {
  readonly name = NAME;

  preEnqueue(pod: Pod): Status | undefined {
    const gates = pod.spec.schedulingGates ?? [];
    if (gates.length === 0) return undefined;
    return Status.unresolvable(`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
  }

  eventsToRegister() {
    return [{ event: { resource: 'Pod' as const, actionType: ActionType.UpdatePodSchedulingGatesEliminated }, hint: isSchedulableAfterUpdatePodSchedulingGatesEliminated }];
  }
}

/** The event must be about the gated pod itself. */
function isSchedulableAfterUpdatePodSchedulingGatesEliminated(pod: Pod, _old: unknown, newObj: unknown): QueueingHint {
  const p = newObj as Pod;
  return p?.metadata?.uid === pod.metadata.uid && (p.spec.schedulingGates ?? []).length === 0 ? 'Queue' : 'QueueSkip';
}

export const create = (): SchedulingGates => new SchedulingGates();
