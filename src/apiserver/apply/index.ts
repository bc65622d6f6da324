/**
 * Server-side apply and managedFields tracking, as pure functions over objects: the
 * handlers call applyObject for apply patches and trackUpdate for every other write.
 */
export { applyObject, type ApplyOptions } from './apply.js';
export { trackUpdate, type TrackUpdateOptions } from './update.js';
export { FieldSet, pathString } from './fieldset.js';
export { toFieldSet, compare, merge, removeItems, TypedError } from './typed.js';
export { typeForSchema, type TypeRef } from './types.js';
export { decodeManagedFields, encodeManagedFields, managerId, type Manager, type Managers } from './managers.js';
export { LAST_APPLIED } from './last-applied.js';
export { defaultManager } from './manager-name.js';
