import { badPatch } from './errors.js';
import { checkDepth, deepClone, hasOwn, isObject, setOwn, type JsonObject } from './json-util.js';

/**
 * RFC 7386 JSON Merge Patch as gopkg.in/evanphx/json-patch.v4's MergePatch applies it
 * for kube-apiserver: objects merge recursively, null deletes, anything else replaces.
 * Values newly inserted have their object members that are null pruned (arrays keep
 * null elements), exactly like upstream.
 */

/** Upstream's ErrBadJSONPatch text, returned as 400 for a null or scalar patch. */
export const INVALID_MERGE_PATCH = 'Invalid JSON Patch';

/** applyMergePatch returns the patched copy of doc; neither argument is modified. */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  checkDepth(doc);
  checkDepth(patch);
  if (Array.isArray(patch)) return pruneArray(deepClone(patch));
  if (!isObject(patch)) throw badPatch(INVALID_MERGE_PATCH);
  if (!isObject(doc)) return pruneObject(deepClone(patch));
  const out = deepClone(doc);
  mergeInto(out, patch);
  return out;
}

function mergeInto(doc: JsonObject, patch: JsonObject): void {
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) {
      if (hasOwn(doc, k)) delete doc[k];
      continue;
    }
    const cur = hasOwn(doc, k) ? doc[k] : null;
    if (isObject(cur) && isObject(v)) {
      mergeInto(cur, v);
    } else if (isObject(cur)) {
      // Upstream returns a non-object patch value as is (no pruning) when the current value is an object.
      setOwn(doc, k, deepClone(v));
    } else {
      setOwn(doc, k, prune(deepClone(v)));
    }
  }
}

function prune(v: unknown): unknown {
  if (Array.isArray(v)) return pruneArray(v);
  if (isObject(v)) return pruneObject(v);
  return v;
}

function pruneObject(o: JsonObject): JsonObject {
  for (const k of Object.keys(o)) {
    if (o[k] === null) delete o[k];
    else prune(o[k]);
  }
  return o;
}

function pruneArray(a: unknown[]): unknown[] {
  for (const x of a) if (x !== null) prune(x);
  return a;
}
