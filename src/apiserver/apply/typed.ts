import { deepEqual } from '../../machinery/deep.js';
import { FieldSet } from './fieldset.js';
import { KEY_DEFAULTS, UNTYPED, type FieldType, type ListType, type TypeRef } from './types.js';

/**
 * The typed-value operations of structured-merge-diff over plain JSON: field sets,
 * comparison, merge and removal, each walking the value with its TypeRef.
 */

type Obj = Record<string, unknown>;

/** TypedError is a value that does not fit its type (e.g. a list item without its keys). */
export class TypedError extends Error {}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Granular containers: what walks descend into; everything else is a leaf. */
type Shape = { k: 'fields'; field: (name: string) => FieldType | undefined } | { k: 'items'; list: ListType } | { k: 'leaf' };

const LEAF: Shape = { k: 'leaf' };
const UNTYPED_FIELD: FieldType = { type: UNTYPED };
const UNTYPED_FIELDS: Shape = { k: 'fields', field: () => UNTYPED_FIELD };
/** Shapes of a type are the same on every call: build each once (writes walk every field). */
const shapes = new WeakMap<object, Shape>();

function granularShape(t: TypeRef): Shape {
  let s = shapes.get(t);
  if (s) return s;
  if (t.kind === 'struct') s = { k: 'fields', field: t.field };
  else if (t.kind === 'map') {
    const values: FieldType = { type: t.values };
    s = { k: 'fields', field: () => values };
  } else if (t.kind === 'list') s = { k: 'items', list: t };
  else s = UNTYPED_FIELDS;
  shapes.set(t, s);
  return s;
}

const present = (v: unknown) => v !== undefined && v !== null;

/** shape is how a walk treats the value(s) a and b (either may be absent) of type t. */
function shape(t: TypeRef, a: unknown, b?: unknown): Shape {
  switch (t.kind) {
    case 'struct':
    case 'map':
      return t.atomic || (present(a) && !isObj(a)) || (present(b) && !isObj(b)) ? LEAF : granularShape(t);
    case 'list':
      return t.rel === 'atomic' || (present(a) && !Array.isArray(a)) || (present(b) && !Array.isArray(b)) ? LEAF : granularShape(t);
    case 'untyped':
      return (present(a) || present(b)) && (!present(a) || isObj(a)) && (!present(b) || isObj(b)) ? UNTYPED_FIELDS : LEAF;
    default:
      return LEAF;
  }
}

/** isStructField tells declared struct fields from map keys: only map keys are members on their own. */
function isStructField(t: TypeRef, name: string): boolean {
  return t.kind === 'struct' && !!t.field(name);
}

/** itemElement is the path element of one list item: 'k:{...}' for associative lists, 'v:...' for sets. */
export function itemElement(list: ListType, item: unknown): string {
  if (list.rel === 'map' && list.keys.length) {
    const key: Obj = {};
    for (const k of [...list.keys].sort()) {
      const v = isObj(item) ? item[k] : undefined;
      if (v !== undefined) key[k] = v;
      else if (k in KEY_DEFAULTS) key[k] = KEY_DEFAULTS[k];
    }
    if (!Object.keys(key).length) {
      throw new TypedError(`associative list with keys has an element that omits all key fields ${JSON.stringify(list.keys)} (and doesn't have default values for any key fields)`);
    }
    return `k:${JSON.stringify(key)}`;
  }
  return `v:${JSON.stringify(item)}`;
}

/** indexItems maps each item's path element to the item, first occurrence winning. */
function indexItems(list: ListType, items: unknown[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const item of items) {
    const pe = itemElement(list, item);
    if (!out.has(pe)) out.set(pe, item);
  }
  return out;
}

/** toFieldSet is typed.ToFieldSet: leaves, map keys, list items, and empty or null fields. */
export function toFieldSet(value: unknown, t: TypeRef): FieldSet {
  const out = new FieldSet();
  walkSet(value, t, [], out);
  return out;
}

/** walkSet and walkCompare push and pop one path array as they descend; insert copies what it keeps. */
function walkSet(v: unknown, t: TypeRef, path: string[], out: FieldSet): void {
  const s = shape(t, v);
  if (s.k === 'leaf') {
    if (path.length) out.insert(path);
    return;
  }
  if (s.k === 'items') {
    if (!Array.isArray(v)) return;
    for (const [pe, item] of indexItems(s.list, v)) {
      path.push(pe);
      walkSet(item, s.list.items, path, out);
      out.insert(path);
      path.pop();
    }
    return;
  }
  if (!isObj(v)) return;
  for (const [k, child] of Object.entries(v)) {
    if (child === undefined) continue;
    path.push(`f:${k}`);
    walkSet(child, s.field(k)?.type ?? UNTYPED, path, out);
    if (child === null || (isObj(child) && !hasKeys(child)) || !isStructField(t, k)) out.insert(path);
    path.pop();
  }
}

export interface Comparison {
  added: FieldSet;
  removed: FieldSet;
  modified: FieldSet;
}

/**
 * compare is typed.Compare: leaves that were added, removed or changed, plus granular
 * containers (maps, list items, pointer structs) that appeared or disappeared as a whole.
 */
export function compare(lhs: unknown, rhs: unknown, t: TypeRef): Comparison {
  const c: Comparison = { added: new FieldSet(), removed: new FieldSet(), modified: new FieldSet() };
  walkCompare(lhs, rhs, t, [], c);
  return c;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) ? !v.length : isObj(v) && !hasKeys(v));

function hasKeys(o: Obj): boolean {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return true;
  return false;
}

function walkCompare(l: unknown, r: unknown, t: TypeRef, path: string[], c: Comparison): void {
  if (l === undefined) {
    if (r !== undefined) addSubtree(c.added, path, r, t);
    return;
  }
  const s = shape(t, l, r);
  if (s.k === 'leaf' || (isEmpty(l) && isEmpty(r))) {
    if (l === undefined && r !== undefined) c.added.insert(path);
    else if (r === undefined && l !== undefined) c.removed.insert(path);
    else if (!deepEqual(l, r)) c.modified.insert(path);
    return;
  }
  if (s.k === 'items') {
    const li = Array.isArray(l) ? indexItems(s.list, l) : new Map<string, unknown>();
    const ri = Array.isArray(r) ? indexItems(s.list, r) : new Map<string, unknown>();
    for (const pe of new Set([...li.keys(), ...ri.keys()])) {
      path.push(pe);
      walkCompare(li.get(pe), ri.get(pe), s.list.items, path, c);
      path.pop();
    }
  } else {
    const lo = isObj(l) ? l : undefined;
    const ro = isObj(r) ? r : undefined;
    // One side absent (every field of a create): its keys alone, no union set.
    const keys = !lo ? Object.keys(ro ?? {}) : !ro ? Object.keys(lo) : new Set([...Object.keys(lo), ...Object.keys(ro)]);
    for (const k of keys) {
      const f = s.field(k);
      path.push(`f:${k}`);
      walkCompare(zeroed(lo, k, f), zeroed(ro, k, f), f?.type ?? UNTYPED, path, c);
      path.pop();
    }
  }
  if (l === undefined) c.added.insert(path);
  else if (r === undefined) c.removed.insert(path);
}

/**
 * addSubtree records r, new at path, and everything under it as added: what walkCompare
 * would insert path by path from the root, built in place instead (a create adds a whole
 * object, so this is most of the work of tracking one).
 */
function addSubtree(added: FieldSet, path: readonly string[], r: unknown, t: TypeRef): void {
  let parent = added;
  for (let i = 0; i < path.length - 1; i++) parent = parent.descend(path[i]!);
  walkAdded(r, t, parent, path.length ? path[path.length - 1] : undefined);
}

/** walkAdded adds r (at element pe under `into`, or at `into` itself when pe is undefined). */
function walkAdded(r: unknown, t: TypeRef, into: FieldSet, pe: string | undefined): void {
  if (r === undefined) return;
  const s = shape(t, undefined, r);
  if (s.k === 'leaf' || isEmpty(r)) {
    if (pe !== undefined) into.members.add(pe);
    return;
  }
  const node = pe === undefined ? into : new FieldSet();
  if (s.k === 'items') {
    for (const [ipe, item] of indexItems(s.list, r as unknown[])) walkAdded(item, s.list.items, node, ipe);
  } else {
    const ro = r as Obj;
    for (const k of Object.keys(ro)) {
      const f = s.field(k);
      walkAdded(zeroed(ro, k, f), f?.type ?? UNTYPED, node, `f:${k}`);
    }
  }
  if (pe === undefined) return;
  if (node.members.size > 0 || node.children.size > 0) into.children.set(pe, node);
  into.members.add(pe);
}

/** zeroed reads a field as Go would see it: absent value structs are {} and non-omitempty fields null. */
function zeroed(o: Obj | undefined, k: string, f: FieldType | undefined): unknown {
  if (!o) return undefined;
  const v = o[k];
  if (v !== undefined || !f?.zero) return v;
  return f.zero === 'object' ? {} : null;
}

/**
 * merge is typed.Merge with keep-RHS leaves: the applied configuration (rhs) over the
 * live object (lhs); maps and associative lists merge, atomic values are replaced.
 */
export function merge(lhs: unknown, rhs: unknown, t: TypeRef): unknown {
  if (rhs === undefined) return lhs;
  if (lhs === undefined) return rhs;
  const s = shape(t, lhs, rhs);
  if (s.k === 'leaf' || lhs === null || rhs === null) return rhs;
  if (s.k === 'fields') {
    const out: Obj = { ...(lhs as Obj) };
    for (const [k, v] of Object.entries(rhs as Obj)) out[k] = merge(out[k], v, s.field(k)?.type ?? UNTYPED);
    return out;
  }
  return mergeItems(s.list, lhs as unknown[], rhs as unknown[]);
}

/** mergeItems keeps the live order, placing the config's items where the config orders them. */
function mergeItems(list: ListType, lhs: unknown[], rhs: unknown[]): unknown[] {
  const li = indexItems(list, lhs);
  const ri = indexItems(list, rhs);
  const lo = [...li.keys()];
  const ro = [...ri.keys()];
  const shared = ro.filter((pe) => li.has(pe));
  let next = 0;
  const out: unknown[] = [];
  const take = (pe: string) => out.push(merge(li.get(pe), ri.get(pe), list.items));
  for (let a = 0, b = 0; a < lo.length || b < ro.length; ) {
    if (a < lo.length && b < ro.length) {
      if (lo[a] === ro[b]) {
        take(lo[a]);
        a++;
        b++;
        next++;
        continue;
      }
      if (ri.has(lo[a]) && next < shared.length && shared[next] !== lo[a]) {
        a++;
        continue;
      }
    }
    if (a < lo.length && !ri.has(lo[a])) {
      take(lo[a++]);
      continue;
    }
    if (b < ro.length) {
      if (next < shared.length && shared[next] === ro[b]) next++;
      take(ro[b++]);
    } else a++;
  }
  return out;
}

/** removeItems is typed.RemoveItems: drops every member of set (with its subtree); emptied containers vanish. */
export function removeItems(value: unknown, set: FieldSet, t: TypeRef): unknown {
  const s = shape(t, value);
  if (s.k === 'leaf') return value;
  if (s.k === 'items') {
    if (!Array.isArray(value)) return value;
    const out: unknown[] = [];
    for (const item of value) {
      const pe = itemElement(s.list, item);
      if (set.members.has(pe)) continue;
      const sub = set.child(pe);
      const kept = sub ? removeItems(item, sub, s.list.items) : item;
      if (kept !== undefined) out.push(kept);
    }
    return out.length ? out : undefined;
  }
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    const pe = `f:${k}`;
    if (set.members.has(pe)) continue;
    const sub = set.child(pe);
    const kept = sub ? removeItems(v, sub, s.field(k)?.type ?? UNTYPED) : v;
    if (kept !== undefined) out[k] = kept;
  }
  return Object.keys(out).length ? out : undefined;
}

/** ensureNamedFieldsAreMembers adds struct fields that lead to members, so pruning can remove them. */
export function ensureNamedFieldsAreMembers(set: FieldSet, t: TypeRef): FieldSet {
  const out = new FieldSet();
  for (const m of set.members) out.members.add(m);
  for (const [pe, child] of set.children) {
    let ct: TypeRef = UNTYPED;
    if (t.kind === 'struct' && pe.startsWith('f:')) {
      const f = t.field(pe.slice(2));
      if (f) {
        ct = f.type;
        out.members.add(pe);
      }
    } else if (t.kind === 'map') ct = t.values;
    else if (t.kind === 'list') ct = t.items;
    const sub = ensureNamedFieldsAreMembers(child, ct);
    if (!sub.empty()) out.children.set(pe, sub);
  }
  return out;
}
