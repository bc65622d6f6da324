import { findMatchingUntoleratedTaint } from '../../../machinery/tolerations.js';
import { everything, nothing, selectorFromLabelSelector, selectorFromSet, selectorOf, type LabelSelector, type Selector } from '../../../machinery/labels/index.js';
import type { Lister } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/node-info.js';
import type { Node, Pod } from '../../framework/types.js';
import { podMatchesNode } from '../node-affinity/node-affinity.js';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

/** TopologySpreadConstraint is core/v1's pod.spec.topologySpreadConstraints[*]. */
export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelector | null;
  minDomains?: number | null;
  nodeAffinityPolicy?: 'Honor' | 'Ignore' | null;
  nodeTaintsPolicy?: 'Honor' | 'Ignore' | null;
  matchLabelKeys?: string[] | null;
}

/** SpreadPod is the slice of a pod this plugin reads beyond framework/types.ts. */
export type SpreadPod = Pod & { spec: Pod['spec'] & { topologySpreadConstraints?: TopologySpreadConstraint[] } };

/** Constraint is a parsed constraint: selector built, defaults filled in. */
export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
}

/**
 * SYSTEM_DEFAULT_CONSTRAINTS are kube-scheduler's built-in defaults (defaultingType System):
 * soft spreading over zones (maxSkew 3) and hosts (maxSkew 5), applied only to pods that set
 * no constraints themselves and belong to a Service or controller.
 */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/**
 * parseConstraints keeps the constraints with the given action. matchLabelKeys are merged
 * into the selector with the pod's values; the apiserver may already have merged them
 * (MatchLabelKeysInPodTopologySpreadSelectorMerge), and merging twice is harmless.
 */
export function parseConstraints(cs: readonly TopologySpreadConstraint[], podLabels: Record<string, string> | undefined, action: TopologySpreadConstraint['whenUnsatisfiable']): Constraint[] {
  const out: Constraint[] = [];
  for (const c of cs) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = selectorFromLabelSelector(c.labelSelector);
    const extra: Record<string, string> = {};
    for (const k of c.matchLabelKeys ?? []) if (podLabels && Object.prototype.hasOwnProperty.call(podLabels, k)) extra[k] = podLabels[k]!;
    if (Object.keys(extra).length > 0) selector = selector === nothing ? selectorFromSet(extra) : selectorOf([...selectorFromSet(extra).requirements, ...selector.requirements]);
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return out;
}

/** nodeHasAllKeys: a node lacking any constraint's topology key is outside every domain. */
export function nodeHasAllKeys(labels: Record<string, string> | undefined, cs: readonly Constraint[]): boolean {
  for (const c of cs) if (!labels || !Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return false;
  return true;
}

/** matchNodeInclusionPolicies decides whether a node's pods count for constraint c. */
export function matchNodeInclusionPolicies(c: Constraint, pod: Pod, node: Node, comparisonOperators: boolean): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !podMatchesNode(pod, node)) return false;
  if (c.nodeTaintsPolicy === 'Honor') {
    const noSchedule = (t: { effect?: string }) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
    if (findMatchingUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, noSchedule, comparisonOperators)) return false;
  }
  return true;
}

/** countPodsMatchSelector counts non-terminating pods of namespace ns matching selector. */
export function countPodsMatchSelector(pods: readonly PodInfo[], selector: Selector, ns: string | undefined): number {
  let n = 0;
  for (const { pod } of pods) {
    if (pod.metadata.deletionTimestamp || pod.metadata.namespace !== ns) continue;
    if (selector.matches(pod.metadata.labels)) n++;
  }
  return n;
}

/** Listers the default constraints read; any may be missing (then it contributes nothing). */
export interface OwnerListers {
  services?: Lister<{ metadata: { namespace?: string }; spec?: { selector?: Record<string, string> | null } }>;
  replicationControllers?: Lister<{ spec?: { selector?: Record<string, string> | null } }>;
  replicaSets?: Lister<{ spec?: { selector?: LabelSelector | null } }>;
  statefulSets?: Lister<{ spec?: { selector?: LabelSelector | null } }>;
}

/**
 * defaultSelector is upstream's helper.DefaultSelector: the union of the selectors of the
 * Services selecting the pod and of its controlling RC/ReplicaSet/StatefulSet. An empty
 * result means "no default spreading" for this pod.
 */
export function defaultSelector(pod: Pod, l: OwnerListers): Selector {
  const set: Record<string, string> = {};
  for (const svc of l.services?.list() ?? []) {
    const sel = svc.spec?.selector;
    if (svc.metadata.namespace !== pod.metadata.namespace || !sel || Object.keys(sel).length === 0) continue;
    if (selectorFromSet(sel).matches(pod.metadata.labels)) Object.assign(set, sel);
  }
  let selector = selectorFromSet(set);
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (!owner) return selector;
  const ns = pod.metadata.namespace;
  if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
    const rc = l.replicationControllers?.get(ns, owner.name);
    if (rc) selector = selectorFromSet({ ...set, ...(rc.spec?.selector ?? {}) });
  } else if (owner.apiVersion === 'apps/v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
    const obj = owner.kind === 'ReplicaSet' ? l.replicaSets?.get(ns, owner.name) : l.statefulSets?.get(ns, owner.name);
    if (obj) {
      try {
        const other = selectorFromLabelSelector(obj.spec?.selector);
        if (other !== nothing && other !== everything) selector = selectorOf([...selector.requirements, ...other.requirements]);
      } catch {
        // An invalid controller selector is ignored, as upstream ignores the parse error.
      }
    }
  }
  return selector;
}
