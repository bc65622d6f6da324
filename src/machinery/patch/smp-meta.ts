import type { SchemaNode } from '../../api/schema/types.js';
import { badPatch, SMP_ERRORS, unprocessable } from './errors.js';
import { goFormat, isObject, jsonKind } from './json-util.js';

/**
 * Patch metadata lookup and the error constructors shared by the strategic merge
 * patch files. Upstream answers most strategic-patch failures with a bare Go error
 * (HTTP 500); we keep upstream's text but answer 400, because the fault is always
 * in the request.
 */

export const DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';

/** What the schema says about one field: its sub-schema and patch tags. */
export interface PatchMeta {
  schema?: SchemaNode;
  /** 'merge' or 'replace' or '' (the Go tag without retainKeys). */
  strategy: string;
  mergeKey: string;
}

const NO_META: PatchMeta = { strategy: '', mergeKey: '' };

/**
 * lookupMeta finds the patch tags of key inside schema. Unknown fields get no tags, so
 * their lists are replaced and their maps merged: upstream would reject them, but our
 * schema may lag the real one and a merge is the safest answer.
 */
export function lookupMeta(schema: SchemaNode | undefined, key: string): PatchMeta {
  if (!schema) return NO_META;
  if (schema.type === 'map') return { schema: schema.values, strategy: '', mergeKey: '' };
  if (schema.type !== 'object') return NO_META;
  const info = schema.field(key);
  if (!info) return NO_META;
  const strategies = (info.patchStrategy ?? '').split(',').filter((s) => s !== '' && s !== 'retainKeys');
  if (strategies.length > 1) throw badPatch(`unexpected patch strategy: [${info.patchStrategy!.split(',').join(' ')}]`);
  return { schema: info.schema, strategy: strategies[0] ?? '', mergeKey: info.patchMergeKey ?? '' };
}

/** elementSchema is the schema of a list's items, when known. */
export function elementSchema(meta: PatchMeta): SchemaNode | undefined {
  return meta.schema?.type === 'array' ? meta.schema.items : undefined;
}

/** goTypeName is reflect.TypeOf(v).String() for a decoded JSON value. */
export function goTypeName(v: unknown): string {
  switch (jsonKind(v)) {
    case 'null':
      return '<nil>';
    case 'array':
      return '[]interface {}';
    case 'object':
      return 'map[string]interface {}';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'string';
  }
}

export const smpErr = {
  badArgType: (expected: 'map' | 'list', actual: unknown) =>
    badPatch(`expected a ${expected === 'map' ? 'map[string]interface {}' : '[]interface {}'}, but received a ${goTypeName(actual)}`),
  noMergeKey: (m: unknown, key: string) => badPatch(`map: ${goFormat(m)} does not contain declared merge key: ${key}`),
  badPatchType: (t: unknown, m: unknown) => badPatch(`unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`),
  noListOfLists: () => unprocessable(SMP_ERRORS.noListOfLists),
  notIdentical: (...slices: unknown[][]) => badPatch(`list element types are not identical: ${goFormat(slices)}`),
  sentinel: (key: keyof typeof SMP_ERRORS) => badPatch(SMP_ERRORS[key]),
};

/**
 * sliceElementKind is upstream's sliceElementType: every element of every slice must
 * share one JSON kind, and lists of lists are refused. undefined means all are empty.
 */
export function sliceElementKind(...slices: unknown[][]): string | undefined {
  let kind: string | undefined;
  for (const s of slices) {
    for (const v of s) {
      const k = jsonKind(v);
      if (kind === undefined) {
        if (k === 'array') throw smpErr.noListOfLists();
        if (k === 'null') throw smpErr.notIdentical(...slices);
        kind = k;
      } else if (k !== kind) {
        throw smpErr.notIdentical(...slices);
      }
    }
  }
  return kind;
}

/** extractKey strips "<prefix>/" from a directive key, as upstream's extractKey does. */
export function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST_PREFIX) throw smpErr.sentinel('badPrimitiveList');
    throw smpErr.sentinel('badSetElementOrder');
  }
  return s.slice(slash + 1);
}

/** scalarEqual is Go's == on decoded JSON scalars (maps compare structurally here instead of panicking). */
export function scalarEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isObject(a) || isObject(b) || Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}
