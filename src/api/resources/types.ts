import type { GroupVersionKind } from '../meta.js';

/** SubresourceInfo is one subresource as discovery shows it. */
export interface SubresourceInfo {
  /** 'status', 'scale', 'eviction', ... */
  name: string;
  /** The kind the subresource answers with (responseKind in aggregated discovery). */
  kind: GroupVersionKind;
  verbs: string[];
}

/**
 * ResourceInfo is one served resource: the facts discovery publishes and the API server
 * needs to route, store and print it.
 */
export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** Resource name in URLs: 'pods'. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: SubresourceInfo[];
  /** base64 of the first 8 bytes of sha256('<group>/<version>/<Kind>'); absent when not stored. */
  storageVersionHash?: string;
  /**
   * Where objects live in storage: '/registry/<storage.group>/<storage.resource>/'.
   * events.k8s.io/v1 events share core events' store.
   */
  storage?: { group: string; resource: string };
  /** Create-only virtual resources (reviews) are not stored. */
  virtual?: boolean;
  /** Served only when this runtime-config key is on (and the gate, if any, is enabled). */
  requires?: { runtimeConfig: string; gate?: string };
}
