import type { Labels } from '../../../machinery/labels/index.js';
import type { StateData } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import type { Pod } from '../../framework/types.js';
import { parseAffinity, podMatchesAllTerms, termMatches, TopologyCounts, type AffinityTerm } from './terms.js';

export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

/**
 * PreFilterState: topology pairs hit by existing pods' required anti-affinity (matching the
 * incoming pod), and pairs holding pods that match the incoming pod's required affinity /
 * anti-affinity terms.
 */
export class PreFilterState implements StateData {
  constructor(
    readonly pod: Pod,
    readonly requiredAffinity: AffinityTerm[],
    readonly requiredAntiAffinity: AffinityTerm[],
    readonly existingAntiAffinityCounts: TopologyCounts,
    readonly affinityCounts: TopologyCounts,
    readonly antiAffinityCounts: TopologyCounts,
  ) {}
  clone(): StateData {
    return this;
  }
}

/**
 * calPreFilterState counts, as upstream: existing pods' required anti-affinity only on the
 * nodes holding such pods, and the incoming pod's required terms over every pod (only when
 * it has any).
 */
export function calPreFilterState(pod: Pod, requiredAffinity: AffinityTerm[], requiredAntiAffinity: AffinityTerm[], allNodes: readonly NodeInfo[], nodesWithRequiredAnti: readonly NodeInfo[], nsLabels: Labels): PreFilterState {
  const existing = new TopologyCounts();
  const affinity = new TopologyCounts();
  const anti = new TopologyCounts();
  for (const ni of nodesWithRequiredAnti) {
    const labels = ni.node?.metadata.labels;
    if (!labels) continue;
    for (const { pod: ep } of ni.podsWithRequiredAntiAffinity) {
      for (const t of parseAffinity(ep).requiredAntiAffinity) {
        if (labels[t.topologyKey] !== undefined && termMatches(t, pod, nsLabels)) existing.bump(t.topologyKey, labels[t.topologyKey]!, 1);
      }
    }
  }
  if (requiredAffinity.length === 0 && requiredAntiAffinity.length === 0) return new PreFilterState(pod, requiredAffinity, requiredAntiAffinity, existing, affinity, anti);
  for (const ni of allNodes) {
    const labels = ni.node?.metadata.labels;
    if (!labels) continue;
    for (const { pod: ep } of ni.pods) {
      if (podMatchesAllTerms(requiredAffinity, ep)) for (const t of requiredAffinity) if (labels[t.topologyKey] !== undefined) affinity.bump(t.topologyKey, labels[t.topologyKey]!, 1);
      for (const t of requiredAntiAffinity) if (labels[t.topologyKey] !== undefined && termMatches(t, ep, undefined)) anti.bump(t.topologyKey, labels[t.topologyKey]!, 1);
    }
  }
  return new PreFilterState(pod, requiredAffinity, requiredAntiAffinity, existing, affinity, anti);
}

/**
 * satisfyPodAffinity: every term's topology key must be on the node and its domain must
 * hold a matching pod, except for the first pod of a self-affine group (nothing matches
 * anywhere yet and the pod matches its own terms).
 */
function satisfyPodAffinity(s: PreFilterState, labels: Record<string, string>): boolean {
  let podsExist = true;
  for (const t of s.requiredAffinity) {
    const v = labels[t.topologyKey];
    if (v === undefined) return false;
    if (s.affinityCounts.count(t.topologyKey, v) <= 0) podsExist = false;
  }
  return podsExist || (s.affinityCounts.size === 0 && podMatchesAllTerms(s.requiredAffinity, s.pod));
}

function satisfyPodAntiAffinity(s: PreFilterState, labels: Record<string, string>): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.requiredAntiAffinity) {
    const v = labels[t.topologyKey];
    if (v !== undefined && s.antiAffinityCounts.count(t.topologyKey, v) > 0) return false;
  }
  return true;
}

function satisfyExistingPodsAntiAffinity(s: PreFilterState, labels: Record<string, string>): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const [k, v] of Object.entries(labels)) if (s.existingAntiAffinityCounts.count(k, v) > 0) return false;
  return true;
}

/** filterNode: affinity misses are unresolvable; anti-affinity may be fixed by preemption. */
export function filterNode(s: PreFilterState, ni: NodeInfo): Status | undefined {
  const labels = ni.node?.metadata.labels ?? {};
  if (!satisfyPodAffinity(s, labels)) return Status.unresolvable(ERR_REASON_AFFINITY);
  if (!satisfyPodAntiAffinity(s, labels)) return Status.unschedulable(ERR_REASON_ANTI_AFFINITY);
  if (!satisfyExistingPodsAntiAffinity(s, labels)) return Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY);
  return undefined;
}
