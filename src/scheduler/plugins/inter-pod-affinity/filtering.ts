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
    /** nsLabels are the incoming pod's namespace labels (existing pods' namespaceSelectors). */
    readonly nsLabels: Labels,
  ) {}

  /** clone copies the counts: preemption and nominated pods update a cloned state. */
  clone(): StateData {
    return new PreFilterState(this.pod, this.requiredAffinity, this.requiredAntiAffinity, new TopologyCounts(this.existingAntiAffinityCounts), new TopologyCounts(this.affinityCounts), new TopologyCounts(this.antiAffinityCounts), this.nsLabels);
  }

  /**
   * updateWithPod counts (multiplier 1) or uncounts (-1) one pod on node, as calPreFilterState
   * would have: its anti-affinity against the incoming pod, and its match of the incoming
   * pod's terms (whose namespaceSelectors are already resolved into namespaces).
   */
  updateWithPod(ep: Pod, labels: Record<string, string> | undefined, multiplier: number): void {
    if (!labels) return;
    this.countExistingAntiAffinity(ep, labels, multiplier);
    this.countIncomingTerms(ep, labels, multiplier);
  }

  /** countExistingAntiAffinity: ep's required anti-affinity terms that match the incoming pod. */
  countExistingAntiAffinity(ep: Pod, labels: Record<string, string>, multiplier: number): void {
    for (const t of parseAffinity(ep).requiredAntiAffinity) {
      if (labels[t.topologyKey] !== undefined && termMatches(t, this.pod, this.nsLabels)) this.existingAntiAffinityCounts.update(t.topologyKey, labels[t.topologyKey]!, multiplier);
    }
  }

  /** countIncomingTerms: ep's match of the incoming pod's required (anti-)affinity terms. */
  countIncomingTerms(ep: Pod, labels: Record<string, string>, multiplier: number): void {
    if (podMatchesAllTerms(this.requiredAffinity, ep)) for (const t of this.requiredAffinity) if (labels[t.topologyKey] !== undefined) this.affinityCounts.update(t.topologyKey, labels[t.topologyKey]!, multiplier);
    for (const t of this.requiredAntiAffinity) if (labels[t.topologyKey] !== undefined && termMatches(t, ep, undefined)) this.antiAffinityCounts.update(t.topologyKey, labels[t.topologyKey]!, multiplier);
  }
}

/**
 * calPreFilterState counts, as upstream: existing pods' required anti-affinity only on the
 * nodes holding such pods, and the incoming pod's required terms over every pod (only when
 * it has any).
 */
export function calPreFilterState(pod: Pod, requiredAffinity: AffinityTerm[], requiredAntiAffinity: AffinityTerm[], allNodes: readonly NodeInfo[], nodesWithRequiredAnti: readonly NodeInfo[], nsLabels: Labels): PreFilterState {
  const s = new PreFilterState(pod, requiredAffinity, requiredAntiAffinity, new TopologyCounts(), new TopologyCounts(), new TopologyCounts(), nsLabels);
  for (const ni of nodesWithRequiredAnti) {
    const labels = ni.node?.metadata.labels;
    if (labels) for (const { pod: ep } of ni.podsWithRequiredAntiAffinity) s.countExistingAntiAffinity(ep, labels, 1);
  }
  if (requiredAffinity.length === 0 && requiredAntiAffinity.length === 0) return s;
  for (const ni of allNodes) {
    const labels = ni.node?.metadata.labels;
    if (labels) for (const { pod: ep } of ni.pods) s.countIncomingTerms(ep, labels, 1);
  }
  return s;
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
