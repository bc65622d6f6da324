import { tolerationsTolerateTaint, type Taint } from '../../../machinery/tolerations.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type EnqueueExtensions, type FeatureSet, type FilterPlugin, type QueueingHint, type SignFragments, type SignPlugin } from '../../framework/interface.js';
import { SIGNER, tolerationsSigner } from '../../framework/signers.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import type { Node, Pod } from '../../framework/types.js';
import { Names } from '../names.js';

export const NAME = Names.NodeUnschedulable;
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const ERR_REASON_UNKNOWN_CONDITION = 'node(s) had unknown conditions';

/** UNSCHEDULABLE_TAINT is what a pod must tolerate to land on a cordoned node. */
export const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** NodeUnschedulable rejects cordoned nodes (spec.unschedulable) unless the pod tolerates it. */
export class NodeUnschedulable implements FilterPlugin, SignPlugin, EnqueueExtensions {
  readonly name = NAME;

  constructor(private readonly comparisonOperators: boolean) {}

  /** Only the tolerations decide whether a cordoned node is acceptable. */
  signPod(pod: Pod): SignFragments {
    return { [SIGNER.Tolerations]: tolerationsSigner(pod) };
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    if (!nodeInfo.node) return Status.unresolvable(ERR_REASON_UNKNOWN_CONDITION);
    if (!nodeInfo.unschedulable) return undefined;
    if (tolerationsTolerateTaint(pod.spec.tolerations, UNSCHEDULABLE_TAINT, this.comparisonOperators)) return undefined;
    return Status.unresolvable(ERR_REASON_UNSCHEDULABLE);
  }

  eventsToRegister() {
    return [{ event: { resource: 'Node' as const, actionType: ActionType.Add | ActionType.UpdateNodeTaint | ActionType.UpdateNodeSpecUnschedulable }, hint: isSchedulableAfterNodeChange }];
  }
}

function isSchedulableAfterNodeChange(_pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  const n = newObj as Node | undefined;
  const o = oldObj as Node | undefined;
  if (!n?.spec?.unschedulable && (o === undefined || o.spec?.unschedulable)) return 'Queue';
  return 'QueueSkip';
}

export const create = (_args: unknown, _h: unknown, f: FeatureSet): NodeUnschedulable => new NodeUnschedulable(f.taintTolerationComparisonOperators);
