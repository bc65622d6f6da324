import { stateKey, type CycleState, type StateData } from '../../framework/cycle-state.js';
import { ActionType, type EnqueueExtensions, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type SignFragments, type SignPlugin } from '../../framework/interface.js';
import { hostPortsSigner, SIGNER } from '../../framework/signers.js';
import { hostPortsOf, type NodeInfo } from '../../framework/node-info.js';
import { Code, Status } from '../../framework/status.js';
import type { ContainerPort, Pod } from '../../framework/types.js';
import { Names } from '../names.js';

export const NAME = Names.NodePorts;
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";
const PRE_FILTER_KEY = stateKey<PreFilterState>('PreFilter' + NAME);

/** NodePorts rejects nodes where a requested hostPort (protocol, IP) is already taken. */
export class NodePorts implements PreFilterPlugin, FilterPlugin, SignPlugin, EnqueueExtensions {
  readonly name = NAME;

  signPod(pod: Pod): SignFragments {
    return { [SIGNER.HostPorts]: hostPortsSigner(pod) };
  }

  eventsToRegister() {
    return [
      { event: { resource: 'AssignedPod' as const, actionType: ActionType.Delete } },
      { event: { resource: 'Node' as const, actionType: ActionType.Add } },
    ];
  }

  preFilter(state: CycleState, pod: Pod): { result?: PreFilterResult; status?: Status } {
    const ports = hostPortsOf(pod);
    if (ports.length === 0) return { status: new Status(Code.Skip) };
    state.write(PRE_FILTER_KEY, new PreFilterState(ports));
    return {};
  }

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    const s = state.read(PRE_FILTER_KEY);
    if (!s) return Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
    for (const p of s.ports) if (nodeInfo.usedPorts.conflicts(p)) return Status.unschedulable(ERR_REASON);
    return undefined;
  }
}

class PreFilterState implements StateData {
  constructor(readonly ports: ContainerPort[]) {}
  clone(): StateData {
    return this;
  }
}

export const create = (): NodePorts => new NodePorts();
