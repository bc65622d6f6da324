import type { ObjectNode, SchemaNode } from '../../api/schema/types.js';
import { badPatch } from './errors.js';
import { checkDepth, deepClone, deleteOwn, getOwn, goFormat, hasOwn, isObject, jsonKind, setOwn, type JsonObject } from './json-util.js';
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE,
  elementSchema,
  extractKey,
  lookupMeta,
  RETAIN_KEYS,
  scalarEqual,
  SET_ELEMENT_ORDER_PREFIX,
  sliceElementKind,
  smpErr,
  type PatchMeta,
} from './smp-meta.js';
import { dedupeScalars, findByMergeKey, normalizeElementOrder, partition } from './smp-order.js';

/**
 * Strategic merge patch (application/strategic-merge-patch+json) as upstream's
 * strategicpatch.StrategicMergeMapPatch applies it, driven by the patchStrategy and
 * patchMergeKey tags in our SchemaNode tree. Deliberate differences, all towards a
 * clean result: maps and keyed lists copied from the patch into places the original
 * lacks are merged into an empty value (so no "$patch" item or null is left behind);
 * a $deleteFromPrimitiveList deletes whatever the field's strategy and is a no-op for a
 * missing list; fields unknown to the schema merge (maps) or replace (lists) instead
 * of failing; and errors upstream leaves as 500 are 400 with upstream's text.
 *
 * Custom resources have no patch tags: upstream refuses this patch type for them with
 * 415 (see SMP_UNSUPPORTED_FOR_CUSTOM_RESOURCES); given no schema this function falls
 * back to merge-patch semantics for lists (lists are replaced).
 */

/**
 * kube-apiserver does not accept strategic merge patches for custom resources: the
 * handler answers 415 via errors.unsupportedMediaType(contentType, CUSTOM_RESOURCE_PATCH_TYPES).
 */
export const SMP_UNSUPPORTED_FOR_CUSTOM_RESOURCES = true;
export const STRATEGIC_MERGE_PATCH_TYPE = 'application/strategic-merge-patch+json';
export const CUSTOM_RESOURCE_PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
  'application/apply-patch+cbor',
] as const;

/** applyStrategicMergePatch returns the patched copy of doc; neither argument is modified. */
export function applyStrategicMergePatch(doc: unknown, patch: unknown, schema: ObjectNode | undefined): unknown {
  if (!isObject(patch)) {
    throw badPatch(`json: cannot unmarshal ${jsonKind(patch) === 'null' ? 'null' : jsonKind(patch)} into Go value of type map[string]interface {}`);
  }
  checkDepth(patch);
  checkDepth(doc);
  const original = isObject(doc) ? deepClone(doc) : {};
  return mergeMap(original, deepClone(patch), schema);
}

/** fresh merges a patch value into an empty value of its own kind: what a missing original becomes. */
function fresh(patchV: unknown, meta: PatchMeta): unknown {
  if (isObject(patchV)) return meta.strategy === 'replace' ? patchV : mergeMap({}, patchV, meta.schema);
  // Only keyed lists of maps are worth merging into []: that drops "$patch: delete" items
  // and cleans new elements. Anything else is taken as is, like upstream.
  const keyed = meta.strategy === 'merge' && meta.mergeKey !== '';
  if (Array.isArray(patchV) && keyed && patchV.every((v) => isObject(v) && hasOwn(v, meta.mergeKey))) {
    return mergeSliceHandler([], patchV, meta, false);
  }
  return patchV;
}

function mergeMap(original: JsonObject, patch: JsonObject, schema: SchemaNode | undefined): JsonObject {
  if (hasOwn(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    if (directive === 'replace') {
      delete patch[DIRECTIVE];
      return mergeMap({}, patch, schema);
    }
    if (directive === 'delete') return {};
    throw smpErr.badPatchType(directive, patch);
  }
  applyRetainKeys(original, patch);
  mergeSetElementOrder(original, patch, schema);

  for (let k of Object.keys(patch)) {
    const patchV = patch[k];
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      k = extractKey(k, DELETE_FROM_PRIMITIVE_LIST_PREFIX);
      isDeleteList = true;
    }
    if (patchV === null) {
      deleteOwn(original, k);
      continue;
    }
    const meta = lookupMeta(schema, k);
    if (!hasOwn(original, k)) {
      if (!isDeleteList) setOwn(original, k, fresh(patchV, meta));
      continue;
    }
    const cur = original[k];
    if (jsonKind(cur) !== jsonKind(patchV)) {
      setOwn(original, k, isDeleteList ? cur : fresh(patchV, meta));
      continue;
    }
    if (isObject(cur)) {
      setOwn(original, k, meta.strategy === 'replace' ? patchV : mergeMap(cur, patchV as JsonObject, meta.schema));
    } else if (Array.isArray(cur)) {
      setOwn(original, k, mergeSliceHandler(cur, patchV as unknown[], meta, isDeleteList));
    } else if (!isDeleteList) {
      setOwn(original, k, patchV);
    }
  }
  return original;
}

/** applyRetainKeys clears original keys missing from $retainKeys, after checking the patch only sets listed keys. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw smpErr.sentinel('badRetainKeys');
  const keep = new Set(list.filter((x) => typeof x === 'string') as string[]);
  for (const k of Object.keys(patch)) {
    if (patch[k] === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || k.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    if (!keep.has(k)) throw smpErr.sentinel('badRetainKeys');
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** mergeSetElementOrder merges each list named by a $setElementOrder directive and orders it by that directive. */
function mergeSetElementOrder(original: JsonObject, patch: JsonObject, schema: SchemaNode | undefined): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw smpErr.badArgType('list', order);
    const field = extractKey(key, SET_ELEMENT_ORDER_PREFIX);
    const foundOriginal = hasOwn(original, field);
    const foundPatch = hasOwn(patch, field);
    const originalList = getOwn(original, field);
    const patchList = getOwn(patch, field);
    if (foundOriginal && !Array.isArray(originalList)) throw smpErr.badArgType('list', originalList);
    if (foundPatch && !Array.isArray(patchList)) throw smpErr.badArgType('list', patchList);
    const origArr = (originalList as unknown[] | undefined) ?? [];
    const patchArr = (patchList as unknown[] | undefined) ?? [];
    const meta = lookupMeta(schema, field);
    validateAgainstOrder(patchArr, order, meta.mergeKey);

    let merged: unknown[];
    if (foundOriginal && foundPatch) merged = mergeSliceHandler(origArr, patchArr, meta, false);
    else if (foundOriginal) merged = origArr;
    else if (foundPatch) merged = fresh(patchArr, meta) as unknown[];
    else continue;

    const kind = sliceElementKind(origArr, patchArr);
    if (kind !== undefined) {
      const [inPatch, serverOnly] = partition(merged, order, meta.mergeKey);
      merged = normalizeElementOrder(inPatch, serverOnly, order, origArr, meta.mergeKey, kind === 'object');
    }
    setOwn(original, field, merged);
    delete patch[field];
  }
}

/** validateAgainstOrder checks that the patch list's items appear in $setElementOrder in the same relative order. */
function validateAgainstOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const keyOf = (v: unknown): unknown => {
    if (!mergeKey) return v;
    if (!isObject(v)) throw smpErr.badArgType('map', v);
    if (!hasOwn(v, mergeKey)) throw smpErr.noMergeKey(v, mergeKey);
    return v[mergeKey];
  };
  const nonDelete = mergeKey ? patchList.filter((v) => !(isObject(v) && v[DIRECTIVE] === 'delete')) : patchList;
  let p = 0;
  let o = 0;
  while (p < nonDelete.length && o < order.length) {
    const item = nonDelete[p];
    if (isObject(item) && hasOwn(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (scalarEqual(keyOf(item), keyOf(order[o]))) p++;
    o++;
  }
  if (p < nonDelete.length && o >= order.length) {
    throw badPatch(`The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goFormat(order)}\n`);
  }
}

function mergeSliceHandler(original: unknown[], patch: unknown[], meta: PatchMeta, isDeleteList: boolean): unknown[] {
  if (isDeleteList) return original.filter((v) => !patch.some((d) => d === v));
  if (meta.strategy !== 'merge') return patch;
  return mergeSlice(original, patch, elementSchema(meta), meta.mergeKey);
}

function mergeSlice(original: unknown[], patch: unknown[], elemSchema: SchemaNode | undefined, mergeKey: string): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch)!;
  let merged: unknown[];
  if (kind !== 'object') {
    merged = dedupeScalars(original.concat(patch));
  } else {
    if (!mergeKey) throw badPatch(`cannot merge lists without merge key for type ${elemSchema?.type === 'object' ? 'struct' : 'map'}`);
    [original, patch] = applySpecialElements(original, patch, mergeKey);
    merged = original.slice();
    for (const v of patch as JsonObject[]) {
      if (!hasOwn(v, mergeKey)) throw smpErr.noMergeKey(v, mergeKey);
      const at = findByMergeKey(merged, mergeKey, v[mergeKey]);
      if (at >= 0) merged[at] = mergeMap(merged[at] as JsonObject, v, elemSchema);
      else merged.push(fresh(v, { schema: elemSchema, strategy: '', mergeKey: '' }));
    }
  }
  const [inPatch, serverOnly] = partition(merged, patch, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, patch, original, mergeKey, kind === 'object');
}

/** applySpecialElements handles "$patch" items of a merging list: delete by merge key, or replace the whole list. */
function applySpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  let out = original;
  for (const v of patch as JsonObject[]) {
    if (!hasOwn(v, DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    const directive = v[DIRECTIVE];
    if (directive === 'delete') {
      if (!hasOwn(v, mergeKey)) throw smpErr.noMergeKey(v, mergeKey);
      const value = v[mergeKey];
      out = out.slice();
      for (let at = findByMergeKey(out, mergeKey, value); at >= 0; at = findByMergeKey(out, mergeKey, value)) out.splice(at, 1);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw badPatch('merging lists cannot yet be specified in the patch');
    } else {
      throw smpErr.badPatchType(directive, v);
    }
  }
  return replace ? [plain, []] : [out, plain];
}
