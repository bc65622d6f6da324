import type { ResourceInfo } from '../api/resources/types.js';
import { apiGroups } from '../api/resources/lookup.js';

export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
export const AGGREGATED_V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

/** aggregatedVersion picks v2 or v2beta1 aggregated discovery from Accept, or legacy (undefined). */
export function aggregatedVersion(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    const p = part.replace(/\s+/g, '');
    if (!p.includes('as=APIGroupDiscoveryList') || !p.includes('g=apidiscovery.k8s.io')) {
      if (p.startsWith('application/json') || p.startsWith('*/*')) return undefined;
      continue;
    }
    if (p.includes('v=v2beta1')) return 'v2beta1';
    if (p.includes('v=v2')) return 'v2';
  }
  return undefined;
}

function gvk(group: string, version: string, kind: string) {
  return { group, version, kind };
}

function aggregatedResource(r: ResourceInfo) {
  const out: Record<string, unknown> = {
    resource: r.plural,
    responseKind: gvk(r.group, r.version, r.kind),
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
  };
  if (r.shortNames.length) out.shortNames = r.shortNames;
  if (r.categories.length) out.categories = r.categories;
  if (r.subresources.length) {
    out.subresources = r.subresources.map((s) => ({ subresource: s.name, responseKind: s.kind, verbs: s.verbs }));
  }
  return out;
}

/** aggregatedDiscovery is the APIGroupDiscoveryList for /api (core) or /apis (named groups). */
export function aggregatedDiscovery(resources: readonly ResourceInfo[], core: boolean, version: 'v2' | 'v2beta1') {
  const groups = apiGroups(resources).filter((g) => (g.name === '') === core);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: { name: g.name, creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        resources: resources.filter((r) => r.group === g.name && r.version === v).map(aggregatedResource),
        freshness: 'Current',
      })),
    })),
  };
}

/** apiVersions is legacy GET /api. */
export function apiVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/** apiGroupList is legacy GET /apis. */
export function apiGroupList(resources: readonly ResourceInfo[]) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: apiGroups(resources)
      .filter((g) => g.name !== '')
      .map((g) => apiGroup(g.name, g.versions, g.preferredVersion)),
  };
}

function apiGroup(name: string, versions: string[], preferred: string) {
  return {
    name,
    versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${name}/${preferred}`, version: preferred },
  };
}

/** apiGroupDoc is legacy GET /apis/<group>. */
export function apiGroupDoc(resources: readonly ResourceInfo[], group: string) {
  const g = apiGroups(resources).find((x) => x.name === group);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g.name, g.versions, g.preferredVersion) } : undefined;
}

/**
 * apiResourceList is legacy GET /api/v1 or /apis/<g>/<v>. Main resources come before their
 * subresources because client-node takes the first entry whose kind matches.
 */
export function apiResourceList(resources: readonly ResourceInfo[], group: string, version: string) {
  const rs = resources.filter((r) => r.group === group && r.version === version);
  if (!rs.length) return undefined;
  const entries: Record<string, unknown>[] = [];
  for (const r of rs) {
    const e: Record<string, unknown> = { name: r.plural, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs };
    if (r.shortNames.length) e.shortNames = r.shortNames;
    if (r.categories.length) e.categories = r.categories;
    if (r.storageVersionHash) e.storageVersionHash = r.storageVersionHash;
    entries.push(e);
  }
  for (const r of rs) {
    for (const s of r.subresources) {
      const e: Record<string, unknown> = { name: `${r.plural}/${s.name}`, singularName: '', namespaced: r.namespaced };
      if (s.kind.group !== r.group || s.kind.version !== r.version) {
        e.group = s.kind.group;
        e.version = s.kind.version;
      }
      e.kind = s.kind.kind;
      e.verbs = s.verbs;
      entries.push(e);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: entries };
}
