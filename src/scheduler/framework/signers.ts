/**
 * Pod signatures (KEP-5598 opportunistic batching): the fragment keys plugins sign under and
 * the signers several plugins share. Two pods with equal signatures must get the same
 * feasibility and scores on the same nodes, so every signer canonicalises what it reads
 * (sets sorted, map keys sorted) and keeps everything that changes a plugin's answer.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod } from './types.js';

/** SIGNER are upstream's fragment keys (framework/signers.go), byte for byte. */
export const SIGNER = {
  SchedulerName: 'v1.Pod.Spec.SchedulerName',
  NodeName: 'v1.Pod.Spec.NodeName',
  NodeAffinity: 'v1.Pod.Spec.Affinity.NodeAffinity',
  NodeSelector: 'v1.Pod.Spec.Affinity.NodeSelector',
  Tolerations: 'v1.Pod.Spec.Tolerations',
  HostPorts: 'v1.Pod.Spec.HostPorts()',
  Resources: 'v1.Pod.Spec.ContainerRequestsAndOverheads()',
  Volumes: 'v1.Pod.Spec.Volumes.NonSyntheticSources()',
  ImageNames: 'v1.Pod.Spec.CanonicalImageNames()',
  Labels: 'v1.Pod.Labels',
  DynamicResources: 'v1.Pod.Spec.DynamicResources',
  RequiredFeatures: 'v1.Pod.Spec.RequiredFeatures()',
  /** Not upstream's: existing pods' affinity terms select by namespace as well as labels. */
  Namespace: 'v1.Pod.Namespace',
} as const;

/**
 * canonicalJSON is JSON with object keys sorted at every level (Go's encoder sorts map keys;
 * here every object is treated as a map), so equal values always give equal strings.
 * Undefined object members are dropped, as JSON.stringify drops them.
 */
export function canonicalJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJSON(x)).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`).join(',')}}`;
}

/** sortedCanonical encodes each item and sorts the encodings: a canonical form for a set. */
function sortedCanonical(items: readonly unknown[]): string[] {
  return items.map((x) => canonicalJSON(x)).sort();
}

function requirementsSigner(reqs: readonly NodeSelectorRequirement[] | undefined): string[] {
  // Values of In/NotIn are sets; requirements of a term are ANDed, so their order is free too.
  return sortedCanonical((reqs ?? []).map((r) => ({ ...r, values: r.values ? [...r.values].sort() : r.values })));
}

function termSigner(t: NodeSelectorTerm): { matchExpressions: string[]; matchFields: string[] } {
  return { matchExpressions: requirementsSigner(t.matchExpressions), matchFields: requirementsSigner(t.matchFields) };
}

/**
 * nodeAffinitySigner canonicalises required terms (ORed, so sorted) and preferred terms (a
 * sum of weights, so sorted, each keeping its weight). Undefined when the pod sets none.
 */
export function nodeAffinitySigner(pod: Pod): { required: string[]; preferred: string[] } | undefined {
  const na = pod.spec.affinity?.nodeAffinity;
  if (!na) return undefined;
  const required = sortedCanonical((na.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []).map(termSigner));
  const preferred = sortedCanonical((na.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((p) => ({ weight: p.weight, preference: termSigner(p.preference) })));
  return { required, preferred };
}

/**
 * tolerationsSigner sorts the tolerations. Upstream orders by key then value; ordering by the
 * whole encoded toleration is the same set with a total order, so reordered lists match.
 */
export function tolerationsSigner(pod: Pod): string[] {
  return sortedCanonical(pod.spec.tolerations ?? []);
}

/**
 * hostPortsSigner lists the requested host ports of all containers, deduplicated and sorted.
 * Upstream keeps only the port numbers; protocol and hostIP are kept here as well because
 * NodePorts' answer depends on them (80/TCP and 80/UDP do not conflict).
 */
export function hostPortsSigner(pod: Pod): string[] {
  const out = new Set<string>();
  for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
    for (const p of c.ports ?? []) if (p.hostPort) out.add(`${p.protocol || 'TCP'}/${p.hostIP || ''}/${p.hostPort}`);
  }
  return [...out].sort();
}

type Volume = { name?: string; configMap?: unknown; secret?: unknown } & Record<string, unknown>;

/**
 * volumesSigner encodes each volume's source without its name. ConfigMap and Secret volumes
 * never affect scheduling but are usually per-pod, so they are left out (as upstream).
 */
export function volumesSigner(pod: Pod): string[] {
  const vols = ((pod.spec as { volumes?: Volume[] }).volumes ?? []).filter((v) => !v.configMap && !v.secret);
  return sortedCanonical(vols.map(({ name: _name, ...source }) => source));
}
