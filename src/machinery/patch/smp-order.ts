import { DIRECTIVE, scalarEqual, smpErr } from './smp-meta.js';
import { getOwn, hasOwn, isObject, type JsonObject } from './json-util.js';

/**
 * Element order of merged lists, reproducing upstream's strategicpatch ordering
 * (preserve-order-in-strategic-merge-patch design): items named by the patch keep the
 * patch's relative order, server-only items keep the live order, and the two are
 * interleaved by their positions in the live list. The comparator and insertion sort
 * mirror Go's sort.SliceStable on the small lists objects carry, so results match
 * byte for byte.
 */

/** keyOf is the value compared for ordering: the merge key for maps, the item itself otherwise. */
function keyOf(item: unknown, mergeKey: string, isMap: boolean): unknown {
  if (!isMap) return item;
  return isObject(item) ? getOwn(item, mergeKey) : undefined;
}

/** indexIn returns the position of v in list, or -1. */
export function indexIn(list: unknown[], v: unknown, mergeKey: string, isMap: boolean): number {
  const want = keyOf(v, mergeKey, isMap);
  for (let i = 0; i < list.length; i++) if (scalarEqual(keyOf(list[i], mergeKey, isMap), want)) return i;
  return -1;
}

/** findByMergeKey is upstream's findMapInSliceBasedOnKeyValue. */
export function findByMergeKey(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (!isObject(m)) throw smpErr.badArgType('map', m);
    if (hasOwn(m, key) && scalarEqual(m[key], value)) return i;
  }
  return -1;
}

/** dedupeScalars is upstream's in-place deduplicateScalars (it swaps from the end, so order matters). */
export function dedupeScalars(s: unknown[]): unknown[] {
  s = s.slice();
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (scalarEqual(s[i], s[j])) {
        s[j] = s[length];
        s = s.slice(0, length);
        length--;
        j--;
      }
    }
  }
  return s;
}

/** partition splits items into those present in by (patch items) and the rest (server only). */
export function partition(items: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const isMap = mergeKey !== '';
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of items) {
    if (isMap) {
      if (!isObject(v)) throw smpErr.badArgType('map', v);
      if (!hasOwn(v, mergeKey)) throw smpErr.noMergeKey(v, mergeKey);
      (findByMergeKey(by, mergeKey, v[mergeKey]) >= 0 ? inPatch : serverOnly).push(v);
    } else {
      (by.some((b) => scalarEqual(b, v)) ? inPatch : serverOnly).push(v);
    }
  }
  return [inPatch, serverOnly];
}

function isDeleteItem(v: JsonObject): boolean {
  return hasOwn(v, DIRECTIVE) && v[DIRECTIVE] === 'delete';
}

function validateMergeKeyIn(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item)) throw smpErr.badArgType('map', item);
      if (!hasOwn(item, mergeKey)) throw smpErr.noMergeKey(item, mergeKey);
    }
  }
}

/** normalizeSliceOrder sorts toSort by order, delete directives last. */
function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, isMap: boolean): unknown[] {
  let toDelete: unknown[] = [];
  let items = toSort.slice();
  if (isMap) {
    validateMergeKeyIn(mergeKey, toSort, order);
    toDelete = items.filter((v) => isDeleteItem(v as JsonObject));
    items = items.filter((v) => !isDeleteItem(v as JsonObject));
  }
  // Go's comparator: "less" unless both are found in order and the first comes later.
  const less = (a: unknown, b: unknown): boolean => {
    const ia = indexIn(order, a, mergeKey, isMap);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, isMap);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) {
      const t = items[j];
      items[j] = items[j - 1];
      items[j - 1] = t;
    }
  }
  return items.concat(toDelete);
}

/** mergeSorted interleaves server-only items (left) into patch items (right) by live order. */
function mergeSorted(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, isMap: boolean): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, isMap);
      const ri = indexIn(serverOrder, right[j], mergeKey, isMap);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** normalizeElementOrder is upstream's function of the same name. */
export function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  isMap: boolean,
): unknown[] {
  const p = normalizeSliceOrder(patchItems, patchOrder, mergeKey, isMap);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, isMap);
  return mergeSorted(s, p, serverOrder, mergeKey, isMap);
}
