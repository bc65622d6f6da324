import { badPatch } from './errors.js';

/**
 * Helpers for walking untrusted JSON safely. Patches come straight from clients, so
 * every read checks own properties (a plain `obj[k]` with k = "__proto__" would read
 * Object.prototype) and every write defines an own property (a plain assignment of
 * "__proto__" would replace the prototype instead of storing data).
 */

export type JsonObject = Record<string, unknown>;

/** isObject is true for JSON objects (not arrays, not null). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function hasOwn(o: JsonObject, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** getOwn reads k only if it is an own property, so "__proto__" never reaches the prototype. */
export function getOwn(o: JsonObject, k: string): unknown {
  return hasOwn(o, k) ? o[k] : undefined;
}

/** setOwn stores k as plain data, even when k is "__proto__". */
export function setOwn(o: JsonObject, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

/** deleteOwn removes k when it is an own property. */
export function deleteOwn(o: JsonObject, k: string): void {
  if (hasOwn(o, k)) delete o[k];
}

/** deepClone copies a JSON value with own-property semantics (iterative depth is bounded by the input). */
export function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => deepClone(x)) as T;
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) setOwn(out, k, deepClone(v[k]));
    return out as T;
  }
  return v;
}

export { deepEqual } from '../deep.js';

/**
 * goFormat renders a decoded JSON value as Go's fmt %v does for interface{} values
 * (map[k:v] with sorted keys, [a b], <nil>), because upstream's patch error messages
 * embed values that way.
 */
export function goFormat(v: unknown, depth = 0): string {
  if (depth > 32) return '...';
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map((x) => goFormat(x, depth + 1)).join(' ')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(v[k], depth + 1)}`).join(' ')}]`;
  }
  return String(v);
}

/** jsonKind names a value's JSON type; SMP requires list elements to share one. */
export function jsonKind(v: unknown): 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'other' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (isObject(v)) return 'object';
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'other';
}

/** Depth beyond which a patch or document is refused (Go's decoder stops at 10000; we recurse). */
export const MAX_PATCH_DEPTH = 1000;

/** checkDepth refuses absurdly nested input (400) before any recursion can overflow the stack. */
export function checkDepth(v: unknown): void {
  const stack: Array<[unknown, number]> = [[v, 0]];
  while (stack.length) {
    const [cur, d] = stack.pop()!;
    if (d > MAX_PATCH_DEPTH) throw badPatch('exceeded max depth');
    if (Array.isArray(cur)) for (const x of cur) stack.push([x, d + 1]);
    else if (isObject(cur)) for (const k of Object.keys(cur)) stack.push([cur[k], d + 1]);
  }
}
