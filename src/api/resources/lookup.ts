import type { GroupVersionKind } from '../meta.js';
import { BUILTIN_RESOURCES } from './catalogue.js';
import type { ResourceInfo } from './types.js';

/** resourceFor finds the resource served at /<group>/<version>/<plural>. */
export function resourceFor(
  group: string,
  version: string,
  plural: string,
  resources: readonly ResourceInfo[] = BUILTIN_RESOURCES,
): ResourceInfo | undefined {
  return resources.find((r) => r.group === group && r.version === version && r.plural === plural);
}

/** resourceForKind maps a kind to its resource (the RESTMapper direction manifests need). */
export function resourceForKind(gvk: GroupVersionKind, resources: readonly ResourceInfo[] = BUILTIN_RESOURCES): ResourceInfo | undefined {
  return resources.find((r) => r.group === gvk.group && r.version === gvk.version && r.kind === gvk.kind);
}

/**
 * findByShortName returns every resource answering to a short name, plural or singular, since
 * some names are ambiguous across groups ('ev' is both core and events.k8s.io events).
 */
export function findByShortName(name: string, resources: readonly ResourceInfo[] = BUILTIN_RESOURCES): ResourceInfo[] {
  const n = name.toLowerCase();
  return resources.filter((r) => r.plural === n || r.singular === n || r.shortNames.includes(n));
}

/** GroupVersion is one served API group-version; group '' is the legacy core group. */
export interface GroupVersion {
  group: string;
  version: string;
}

/** APIGroupInfo is one named group as /apis lists it: versions with the preferred one first. */
export interface APIGroupInfo {
  name: string;
  versions: string[];
  preferredVersion: string;
}

const VERSION_RE = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/**
 * compareKubeAwareVersions orders versions the way Kubernetes prefers them: GA before beta
 * before alpha, higher numbers first; strings that do not look like versions sort last, by name.
 * Negative means `a` is preferred.
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  const ma = VERSION_RE.exec(a);
  const mb = VERSION_RE.exec(b);
  if (!ma || !mb) {
    if (ma) return -1;
    if (mb) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const rank = (m: RegExpExecArray): number => (m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0);
  if (rank(ma) !== rank(mb)) return rank(mb) - rank(ma);
  if (Number(ma[1]) !== Number(mb[1])) return Number(mb[1]) - Number(ma[1]);
  return Number(mb[3] ?? 0) - Number(ma[3] ?? 0);
}

/**
 * apiGroups lists groups in first-appearance order (core '' first if present), each with its
 * versions sorted so the preferred version comes first.
 */
export function apiGroups(resources: readonly ResourceInfo[] = BUILTIN_RESOURCES): APIGroupInfo[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const versions = byGroup.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    byGroup.set(r.group, versions);
  }
  const names = [...byGroup.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : 0));
  return names.map((name) => {
    const versions = [...(byGroup.get(name) ?? [])].sort(compareKubeAwareVersions);
    return { name, versions, preferredVersion: versions[0] ?? '' };
  });
}

/** groupVersions flattens apiGroups: core first, then each group's versions, preferred first. */
export function groupVersions(resources: readonly ResourceInfo[] = BUILTIN_RESOURCES): GroupVersion[] {
  return apiGroups(resources).flatMap((g) => g.versions.map((version) => ({ group: g.name, version })));
}

/** ServeOptions are the server flags that decide which gated resources are served. */
export interface ServeOptions {
  /** --runtime-config entries, e.g. { 'scheduling.k8s.io/v1alpha1': true }. */
  runtimeConfig?: Readonly<Record<string, boolean>>;
  /** --feature-gates entries, e.g. { GenericWorkload: true }. */
  featureGates?: Readonly<Record<string, boolean>>;
}

/**
 * servedResources drops resources whose `requires` is not met, so discovery and routing agree on
 * what exists (scheduling.k8s.io/v1alpha1 needs both its runtime-config key and its gate).
 */
export function servedResources(resources: readonly ResourceInfo[], opts: ServeOptions = {}): ResourceInfo[] {
  return resources.filter((r) => {
    if (!r.requires) return true;
    if (opts.runtimeConfig?.[r.requires.runtimeConfig] !== true) return false;
    return r.requires.gate === undefined || opts.featureGates?.[r.requires.gate] === true;
  });
}
