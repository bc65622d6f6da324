import type { GroupVersionKind } from '../meta.js';
import { storageVersionHash } from './hash.js';
import type { ResourceInfo, SubresourceInfo } from './types.js';

/** The eight verbs discovery lists for an ordinary stored resource ("std" in the spec). */
export const STD_VERBS: readonly string[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Verbs of status-like subresources (status, scale, ephemeralcontainers, resize). */
export const GET_PATCH_UPDATE: readonly string[] = ['get', 'patch', 'update'];

/** Verbs of the proxy subresources. */
export const PROXY_VERBS: readonly string[] = ['create', 'delete', 'get', 'patch', 'update'];

/**
 * ResourceDef is the compact form catalogue rows are written in; defineGroupVersion expands it so
 * that derived facts (listKind, singular, hash, storage location) cannot drift from the kind.
 */
export interface ResourceDef {
  kind: string;
  plural: string;
  namespaced: boolean;
  singular?: string;
  shortNames?: string[];
  categories?: string[];
  /** Defaults to STD_VERBS. */
  verbs?: readonly string[];
  /** Subresources; a `kind` without group/version means "same group-version as the parent". */
  subresources?: Array<{ name: string; kind: string | GroupVersionKind; verbs: readonly string[] }>;
  /** Create-only, never stored (reviews, bindings): no hash and no storage location. */
  virtual?: boolean;
  /**
   * Set when objects are stored as another group's kind (events.k8s.io/v1 Event lives in core
   * events); both the storage key and the storageVersionHash follow the stored kind.
   */
  storedAs?: { group: string; version: string; kind: string; resource: string };
  requires?: ResourceInfo['requires'];
}

/** defineGroupVersion expands compact rows into full ResourceInfo records for one group-version. */
export function defineGroupVersion(group: string, version: string, defs: ResourceDef[]): ResourceInfo[] {
  return defs.map((d) => {
    const subresources: SubresourceInfo[] = (d.subresources ?? []).map((s) => ({
      name: s.name,
      kind: typeof s.kind === 'string' ? { group, version, kind: s.kind } : { ...s.kind },
      verbs: [...s.verbs],
    }));
    const info: ResourceInfo = {
      group,
      version,
      kind: d.kind,
      listKind: `${d.kind}List`,
      plural: d.plural,
      singular: d.singular ?? d.kind.toLowerCase(),
      namespaced: d.namespaced,
      shortNames: [...(d.shortNames ?? [])],
      categories: [...(d.categories ?? [])],
      verbs: [...(d.verbs ?? STD_VERBS)],
      subresources,
    };
    if (d.virtual) {
      info.virtual = true;
    } else {
      const stored = d.storedAs ?? { group, version, kind: d.kind, resource: d.plural };
      info.storageVersionHash = storageVersionHash(stored.group, stored.version, stored.kind);
      info.storage = { group: stored.group, resource: stored.resource };
    }
    if (d.requires) info.requires = { ...d.requires };
    return info;
  });
}

/** status is the common `<resource>/status` subresource answering with the parent kind. */
export function statusOf(kind: string): { name: string; kind: string; verbs: readonly string[] } {
  return { name: 'status', kind, verbs: GET_PATCH_UPDATE };
}

/** scale is `<resource>/scale`, answering with autoscaling/v1 Scale. */
export const SCALE = { name: 'scale', kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: GET_PATCH_UPDATE };
