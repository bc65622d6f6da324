export type { ResourceInfo, SubresourceInfo } from './types.js';
export { BUILTIN_RESOURCES } from './catalogue.js';
export { storageVersionHash } from './hash.js';
export { STD_VERBS } from './define.js';
export {
  resourceFor,
  resourceForKind,
  findByShortName,
  apiGroups,
  groupVersions,
  servedResources,
  compareKubeAwareVersions,
} from './lookup.js';
export type { GroupVersion, APIGroupInfo, ServeOptions } from './lookup.js';
