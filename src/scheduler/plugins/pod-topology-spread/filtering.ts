import type { StateData } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import type { Node, Pod } from '../../framework/types.js';
import { countPodsMatchSelector, matchNodeInclusionPolicies, nodeHasAllKeys, type Constraint } from './common.js';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + ' (missing required label)';

/**
 * PreFilterState holds, per hard constraint, the matching-pod count of every eligible
 * topology domain. The global minimum is derived from it in Filter.
 */
export class PreFilterState implements StateData {
  constructor(
    readonly constraints: Constraint[],
    readonly tpValueToMatchNum: Array<Map<string, number>>,
    readonly minMatch: number[],
  ) {}
  clone(): StateData {
    return new PreFilterState(this.constraints, this.tpValueToMatchNum.map((m) => new Map(m)), this.minMatch.slice());
  }

  /**
   * updateWithPod counts (delta 1) or uncounts (-1) a pod on node for every constraint it
   * matches, as calPreFilterState would have, for preemption and nominated pods.
   */
  updateWithPod(updated: Pod, preemptor: Pod, node: Node | undefined, delta: number, comparisonOperators: boolean): void {
    if (!node || updated.metadata.namespace !== preemptor.metadata.namespace) return;
    if (!nodeHasAllKeys(node.metadata.labels, this.constraints)) return;
    this.constraints.forEach((c, i) => {
      if (!c.selector.matches(updated.metadata.labels) || !matchNodeInclusionPolicies(c, preemptor, node, comparisonOperators)) return;
      const counts = this.tpValueToMatchNum[i]!;
      const v = node.metadata.labels![c.topologyKey]!;
      counts.set(v, (counts.get(v) ?? 0) + delta);
      this.minMatch[i] = Math.min(...counts.values());
    });
  }

  /** minMatchNum is the global minimum, or 0 while fewer than minDomains domains exist. */
  minMatchNum(i: number): number {
    if (this.tpValueToMatchNum[i]!.size < this.constraints[i]!.minDomains) return 0;
    return this.minMatch[i]!;
  }
}

/**
 * calPreFilterState counts matching pods over every node of the snapshot (not only the
 * feasible ones): a domain takes part when its node has all topology keys and passes the
 * constraint's node inclusion policies.
 */
export function calPreFilterState(pod: Pod, constraints: Constraint[], allNodes: readonly NodeInfo[], comparisonOperators: boolean): PreFilterState {
  const counts = constraints.map(() => new Map<string, number>());
  for (const ni of allNodes) {
    const node = ni.node;
    if (!node || !nodeHasAllKeys(node.metadata.labels, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!matchNodeInclusionPolicies(c, pod, node, comparisonOperators)) return;
      const v = node.metadata.labels![c.topologyKey]!;
      counts[i]!.set(v, (counts[i]!.get(v) ?? 0) + countPodsMatchSelector(ni.pods, c.selector, pod.metadata.namespace));
    });
  }
  const minMatch = counts.map((m) => (m.size === 0 ? Number.MAX_SAFE_INTEGER : Math.min(...m.values())));
  return new PreFilterState(constraints, counts, minMatch);
}

/** filterNode: 'existing matching' + 'self match' - 'global minimum' must not exceed maxSkew. */
export function filterNode(s: PreFilterState, pod: Pod, ni: NodeInfo): Status | undefined {
  const labels = ni.node?.metadata.labels ?? {};
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return Status.unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
    const self = c.selector.matches(pod.metadata.labels) ? 1 : 0;
    const skew = (s.tpValueToMatchNum[i]!.get(labels[c.topologyKey]!) ?? 0) + self - s.minMatchNum(i);
    if (skew > c.maxSkew) return Status.unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
  }
  return undefined;
}
