import type { ResourceInfo } from '../../api/resources/index.js';

/** res is a catalogue entry for OpenAPI tests: all eight verbs, namespaced, no subresources unless given. */
export const res = (r: Partial<ResourceInfo> & Pick<ResourceInfo, 'group' | 'version' | 'kind' | 'plural'>): ResourceInfo => ({
  listKind: `${r.kind}List`,
  singular: r.kind.toLowerCase(),
  namespaced: true,
  shortNames: [],
  categories: [],
  verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: [],
  ...r,
});
