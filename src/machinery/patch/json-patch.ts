import { newStatusError } from '../errors.js';
import { badPatch, unprocessable } from './errors.js';
import { checkDepth, deepClone, deepEqual, getOwn, hasOwn, isObject, setOwn, type JsonObject } from './json-util.js';

/**
 * RFC 6902 JSON Patch with the behaviour of gopkg.in/evanphx/json-patch.v4, the
 * library kube-apiserver uses: negative array indices count from the end, a missing
 * "value" means null, and `test` of null succeeds on a missing member. Any failure
 * while applying is a 422 with upstream's fixed message; a patch that is not a list
 * of operations is a 400.
 */

/** Upstream's cap on operations per patch (maxJSONPatchOperations). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

export interface JsonPatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

/** applyJsonPatch returns a patched copy of doc; doc itself is never modified. */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) {
    throw badPatch(`json: cannot unmarshal ${goJsonType(ops)} into Go value of type jsonpatch.Patch`);
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw newStatusError(
      'RequestEntityTooLarge',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`,
    );
  }
  for (const op of ops) {
    if (!isObject(op)) throw badPatch(`json: cannot unmarshal ${goJsonType(op)} into Go value of type jsonpatch.Operation`);
  }
  checkDepth(doc);
  checkDepth(ops);
  let root = deepClone(doc);
  for (const op of ops as JsonObject[]) root = applyOne(root, op);
  return root;
}

function goJsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** parsePointer splits an RFC 6901 pointer into unescaped tokens; "" is the whole document. */
export function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw unprocessable(`JSON pointer must start with '/': ${JSON.stringify(path)}`);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function stringField(op: JsonObject, name: string, kind: string): string {
  const v = getOwn(op, name);
  if (typeof v !== 'string') throw unprocessable(`${kind} operation missing ${name} field`);
  return v;
}

function applyOne(root: unknown, op: JsonObject): unknown {
  const kind = getOwn(op, 'op');
  if (typeof kind !== 'string') throw unprocessable('Unexpected kind: <nil>');
  const path = stringField(op, 'path', kind);
  // evanphx v4: an absent "value" reads as JSON null.
  const value = hasOwn(op, 'value') ? deepClone(op.value) : null;
  switch (kind) {
    case 'add':
      return add(root, parsePointer(path), value, kind);
    case 'remove':
      return remove(root, parsePointer(path), kind).root;
    case 'replace': {
      const tokens = parsePointer(path);
      if (tokens.length === 0) return value;
      return replace(root, tokens, value, kind);
    }
    case 'move': {
      const from = stringField(op, 'from', kind);
      if (path !== from && path.startsWith(from + '/')) throw unprocessable(`move operation cannot move ${from} into its own child ${path}`);
      const r = remove(root, parsePointer(from), kind);
      return add(r.root, parsePointer(path), r.removed, kind);
    }
    case 'copy': {
      const from = stringField(op, 'from', kind);
      return add(root, parsePointer(path), deepClone(get(root, parsePointer(from), kind)), kind);
    }
    case 'test': {
      const tokens = parsePointer(path);
      const found = lookup(root, tokens);
      if (found === MISSING) {
        if (value === null) return root;
        throw unprocessable(`testing value ${path} failed: test failed`);
      }
      if (!deepEqual(found, value)) throw unprocessable(`testing value ${path} failed: test failed`);
      return root;
    }
    default:
      throw unprocessable(`Unexpected kind: ${kind}`);
  }
}

const MISSING = Symbol('missing');

function lookup(root: unknown, tokens: string[]): unknown {
  let cur: unknown = root;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      const i = arrayIndex(t, cur.length, false);
      if (i === undefined) return MISSING;
      cur = cur[i];
    } else if (isObject(cur)) {
      if (!hasOwn(cur, t)) return MISSING;
      cur = cur[t];
    } else return MISSING;
  }
  return cur;
}

function get(root: unknown, tokens: string[], kind: string): unknown {
  const v = lookup(root, tokens);
  if (v === MISSING) throw unprocessable(`${kind} operation does not apply: doc is missing path: ${JSON.stringify('/' + tokens.join('/'))}: missing value`);
  return v;
}

/** arrayIndex parses an index token; forInsert allows len and "-" (append). */
function arrayIndex(t: string, len: number, forInsert: boolean): number | undefined {
  if (t === '-') return forInsert ? len : undefined;
  if (!/^-?\d+$/.test(t)) return undefined;
  let i = Number(t);
  if (!Number.isSafeInteger(i)) return undefined;
  if (i < 0) {
    if (i < -len) return undefined;
    i += len;
  }
  const max = forInsert ? len : len - 1;
  return i <= max ? i : undefined;
}

function parentOf(root: unknown, tokens: string[], kind: string): { parent: unknown; key: string } {
  const parent = lookup(root, tokens.slice(0, -1));
  if (parent === MISSING || (!Array.isArray(parent) && !isObject(parent))) {
    throw unprocessable(`${kind} operation does not apply: doc is missing path: ${JSON.stringify('/' + tokens.join('/'))}: missing value`);
  }
  return { parent, key: tokens[tokens.length - 1]! };
}

function add(root: unknown, tokens: string[], value: unknown, kind: string): unknown {
  if (tokens.length === 0) return value;
  const { parent, key } = parentOf(root, tokens, kind);
  if (Array.isArray(parent)) {
    const i = arrayIndex(key, parent.length, true);
    if (i === undefined) throw unprocessable(`error in ${kind} for path: '/${tokens.join('/')}': Unable to access invalid index: ${key}`);
    parent.splice(i, 0, value);
  } else {
    setOwn(parent as JsonObject, key, value);
  }
  return root;
}

function replace(root: unknown, tokens: string[], value: unknown, kind: string): unknown {
  const { parent, key } = parentOf(root, tokens, kind);
  if (Array.isArray(parent)) {
    const i = arrayIndex(key, parent.length, false);
    if (i === undefined) throw unprocessable(`replace operation does not apply: doc is missing key: /${tokens.join('/')}: missing value`);
    parent[i] = value;
    return root;
  }
  if (!hasOwn(parent as JsonObject, key)) {
    throw unprocessable(`replace operation does not apply: doc is missing key: /${tokens.join('/')}: missing value`);
  }
  setOwn(parent as JsonObject, key, value);
  return root;
}

function remove(root: unknown, tokens: string[], kind: string): { root: unknown; removed: unknown } {
  if (tokens.length === 0) throw unprocessable(`${kind} operation cannot apply to the whole document`);
  const { parent, key } = parentOf(root, tokens, kind);
  if (Array.isArray(parent)) {
    const i = arrayIndex(key, parent.length, false);
    if (i === undefined) throw unprocessable(`error in ${kind} for path: '/${tokens.join('/')}': Unable to access invalid index: ${key}`);
    return { root, removed: parent.splice(i, 1)[0] };
  }
  const obj = parent as JsonObject;
  if (!hasOwn(obj, key)) throw unprocessable(`Unable to remove nonexistent key: ${key}: missing value`);
  const removed = obj[key];
  delete obj[key];
  return { root, removed };
}
