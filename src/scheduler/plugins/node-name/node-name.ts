import { ActionType, type EnqueueExtensions, type FilterPlugin, type SignFragments, type SignPlugin } from '../../framework/interface.js';
import { SIGNER } from '../../framework/signers.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import type { Pod } from '../../framework/types.js';
import { Names } from '../names.js';

export const NAME = Names.NodeName;
export const ERR_REASON = "node(s) didn't match the requested node name";

/** NodeName rejects every node but spec.nodeName when the pod names one. */
export class NodeName implements FilterPlugin, SignPlugin, EnqueueExtensions {
  readonly name = NAME;

  signPod(pod: Pod): SignFragments {
    return { [SIGNER.NodeName]: pod.spec.nodeName ?? '' };
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    const want = pod.spec.nodeName;
    return !want || want === nodeInfo.name ? undefined : Status.unresolvable(ERR_REASON);
  }

  eventsToRegister() {
    return [{ event: { resource: 'Node' as const, actionType: ActionType.Add } }];
  }
}

export const create = (): NodeName => new NodeName();
