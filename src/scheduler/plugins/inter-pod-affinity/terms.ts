import { nothing, selectorFromLabelSelector, type LabelSelector, type Labels, type Selector } from '../../../machinery/labels/index.js';
import type { Lister } from '../../framework/interface.js';
import type { Pod } from '../../framework/types.js';

/** PodAffinityTerm is core/v1's pod (anti-)affinity term. */
export interface PodAffinityTerm {
  labelSelector?: LabelSelector | null;
  namespaces?: string[] | null;
  topologyKey: string;
  namespaceSelector?: LabelSelector | null;
}

export interface WeightedPodAffinityTerm {
  weight: number;
  podAffinityTerm: PodAffinityTerm;
}

export interface PodAffinityRules {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[] | null;
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[] | null;
}

/** AffinityPod is the slice of a pod this plugin reads beyond framework/types.ts. */
export type AffinityPod = Pod & { spec: Pod['spec'] & { affinity?: { podAffinity?: PodAffinityRules | null; podAntiAffinity?: PodAffinityRules | null } } };

/** AffinityTerm is a parsed term: namespaces and selectors resolved once. */
export interface AffinityTerm {
  namespaces: Set<string>;
  selector: Selector;
  namespaceSelector: Selector;
  topologyKey: string;
  weight: number;
}

/** ParsedAffinity is a pod's four term lists, parsed. */
export interface ParsedAffinity {
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: AffinityTerm[];
  preferredAntiAffinity: AffinityTerm[];
}

/**
 * newAffinityTerm: a term with neither namespaces nor a namespaceSelector applies to the
 * pod's own namespace; a null namespaceSelector matches no namespace, an empty one all.
 */
function newAffinityTerm(pod: Pod, t: PodAffinityTerm, weight = 0): AffinityTerm {
  const namespaces = new Set(t.namespaces ?? []);
  if (namespaces.size === 0 && t.namespaceSelector == null) namespaces.add(pod.metadata.namespace ?? '');
  return { namespaces, selector: selectorFromLabelSelector(t.labelSelector), namespaceSelector: t.namespaceSelector == null ? nothing : selectorFromLabelSelector(t.namespaceSelector), topologyKey: t.topologyKey, weight };
}

const parsedCache = new WeakMap<Pod, ParsedAffinity>();

/** hasPodAffinity is NodeInfo.PodsWithAffinity's test: any pod (anti-)affinity at all. */
export function hasPodAffinity(pod: Pod): boolean {
  const a = (pod as AffinityPod).spec.affinity;
  return !!(a?.podAffinity || a?.podAntiAffinity);
}

/** parseAffinity parses (and memoizes per pod object) a pod's affinity terms. */
export function parseAffinity(pod: Pod): ParsedAffinity {
  const hit = parsedCache.get(pod);
  if (hit) return hit;
  const a = (pod as AffinityPod).spec.affinity;
  const req = (r?: PodAffinityRules | null) => (r?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newAffinityTerm(pod, t));
  const pref = (r?: PodAffinityRules | null) => (r?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => newAffinityTerm(pod, w.podAffinityTerm, w.weight));
  const parsed = { requiredAffinity: req(a?.podAffinity), requiredAntiAffinity: req(a?.podAntiAffinity), preferredAffinity: pref(a?.podAffinity), preferredAntiAffinity: pref(a?.podAntiAffinity) };
  parsedCache.set(pod, parsed);
  return parsed;
}

/** termMatches: the pod is in one of the term's namespaces and matches its selector. */
export function termMatches(t: AffinityTerm, pod: Pod, nsLabels: Labels): boolean {
  if (!t.namespaces.has(pod.metadata.namespace ?? '') && !t.namespaceSelector.matches(nsLabels)) return false;
  return t.selector.matches(pod.metadata.labels);
}

/** podMatchesAllTerms is false for no terms, else every term must match. */
export function podMatchesAllTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  return terms.length > 0 && terms.every((t) => termMatches(t, pod, undefined));
}

export type NamespaceLister = Lister<{ metadata: { name?: string; labels?: Record<string, string> } }>;

/**
 * resolveNamespaces turns the incoming pod's non-empty namespaceSelectors into namespace
 * names once per cycle, so matching existing pods needs no namespace lookups. An empty
 * selector ({}) keeps matching every namespace.
 */
export function resolveNamespaces(terms: readonly AffinityTerm[], nsLister: NamespaceLister | undefined): AffinityTerm[] {
  return terms.map((t) => {
    if (t.namespaceSelector === nothing || t.namespaceSelector.empty()) return t;
    const namespaces = new Set(t.namespaces);
    for (const ns of nsLister?.list() ?? []) if (t.namespaceSelector.matches(ns.metadata.labels)) namespaces.add(ns.metadata.name ?? '');
    return { ...t, namespaces, namespaceSelector: nothing };
  });
}

/** TopologyCounts counts per "key\0value" topology pair. */
export class TopologyCounts extends Map<string, number> {
  static pair(key: string, value: string): string {
    return `${key}\u0000${value}`;
  }
  count(key: string, value: string): number {
    return this.get(TopologyCounts.pair(key, value)) ?? 0;
  }
  /** update moves a pair's count and drops it at zero, so size counts live pairs only. */
  update(key: string, value: string, by: number): void {
    const k = TopologyCounts.pair(key, value);
    const n = (this.get(k) ?? 0) + by;
    if (n === 0) this.delete(k);
    else this.set(k, n);
  }
}
