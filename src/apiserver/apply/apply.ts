import type { KubeObject } from '../../api/meta.js';
import type { ObjectNode } from '../../api/schema/index.js';
import { clone } from '../../machinery/deep.js';
import { errors, isStatusError } from '../../machinery/errors.js';
import { resetFields, seconds, setManagedFields, stripManager, withoutManagedFields } from './common.js';
import { FieldSet } from './fieldset.js';
import { allowedConflictsFromLastApplied, syncLastApplied } from './last-applied.js';
import { conflictError, decodeManagedFields, managerId, type Conflict, type Managers } from './managers.js';
import { compare, ensureNamedFieldsAreMembers, merge, removeItems, toFieldSet, TypedError } from './typed.js';
import { typeForSchema, type TypeRef } from './types.js';

export interface ApplyOptions {
  /** The stored object; absent when the apply creates it. */
  current?: KubeObject;
  /** The applied configuration (the request body). */
  applied: KubeObject;
  manager: string;
  force: boolean;
  schema?: ObjectNode;
  /** RFC3339; stored at second precision. */
  now: string;
  /** The request's group/version, e.g. 'apps/v1'. */
  apiVersion: string;
  subresource?: string;
}

/**
 * applyObject is server-side apply (upstream's FieldManager.Apply): it merges the
 * applied configuration into the current object, removes what this manager applied
 * before but no longer applies (unless another manager owns it), and records the
 * manager's Apply entry. Changing a field another manager owns is a 409 conflict unless
 * force is set, in which case that manager loses the field. kubectl's first server-side
 * apply of an object it managed client-side may take over the fields the
 * last-applied-configuration annotation shows it set. Returns a new object.
 */
export function applyObject(opts: ApplyOptions): KubeObject {
  const applied = opts.applied;
  if (applied.metadata?.managedFields !== undefined && applied.metadata.managedFields !== null) throw errors.badRequest('metadata.managedFields must be nil');
  if (applied.apiVersion && applied.apiVersion !== opts.apiVersion) {
    throw errors.badRequest(`Incorrect version specified in apply patch. Specified patch version: ${applied.apiVersion}, expected: ${opts.apiVersion}`);
  }
  let managers: Managers;
  try {
    managers = decodeManagedFields(opts.current?.metadata?.managedFields);
  } catch (e) {
    throw errors.internal(`failed to decode managed fields: ${(e as Error).message}`);
  }
  const type = typeForSchema(opts.schema);
  const ignored = resetFields(opts.schema, opts.subresource);
  try {
    let out: ApplyResult;
    try {
      out = applyWith(opts, type, ignored, managers, opts.force);
    } catch (e) {
      if (!(e instanceof ConflictsError) || opts.manager !== 'kubectl' || !opts.current) throw e;
      const allowed = allowedConflictsFromLastApplied(opts.current, type, opts.apiVersion);
      const rest = allowed ? e.conflicts.filter((c) => !allowed.has(c.path)) : e.conflicts;
      if (rest.length) throw new ConflictsError(rest);
      out = applyWith(opts, type, ignored, managers, true);
    }
    dropNulls(out.object);
    if (opts.manager === 'kubectl') syncLastApplied(opts.current, out.object, applied);
    setManagedFields(out.object, out.managers, opts.current);
    return out.object;
  } catch (e) {
    if (e instanceof ConflictsError) throw conflictError(e.conflicts);
    if (e instanceof TypedError) throw errors.badRequest(`failed to create typed patch object: ${e.message}`);
    if (isStatusError(e)) throw e;
    throw errors.internal((e as Error).message, e);
  }
}

class ConflictsError extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super('conflicts');
  }
}

interface ApplyResult {
  object: KubeObject;
  managers: Managers;
}

function applyWith(opts: ApplyOptions, type: TypeRef, ignored: FieldSet, original: Managers, force: boolean): ApplyResult {
  const managers: Managers = new Map([...original].map(([id, m]) => [id, { ...m }]));
  const live = clone(withoutManagedFields(opts.current));
  const config = clone(opts.applied);
  const entry = { manager: opts.manager, operation: 'Apply' as const, apiVersion: opts.apiVersion, subresource: opts.subresource || undefined };
  const id = managerId(entry);
  const lastSet = managers.get(id)?.set;
  const configSet = toFieldSet(config, type).recursiveDifference(ignored);
  managers.set(id, { ...entry, set: configSet });
  let merged = merge(live, config, type) as KubeObject;
  if (lastSet && !lastSet.empty()) merged = prune(merged, managers, lastSet.recursiveDifference(ignored), type);

  const cmp = compare(live, merged, type);
  const changed = cmp.modified.union(cmp.added).recursiveDifference(ignored);
  const removed = cmp.removed.recursiveDifference(ignored);
  const conflicts: Conflict[] = [];
  for (const [mid, m] of [...managers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (mid === id) continue;
    const mine = m.set.intersection(changed);
    for (const path of mine.paths()) conflicts.push({ manager: m, path });
    m.set = m.set.difference(mine).difference(removed);
    if (m.set.empty()) managers.delete(mid);
  }
  if (conflicts.length && !force) throw new ConflictsError(conflicts);
  stripManager(managers, id);
  const self = managers.get(id);
  if (self) self.time = seconds(opts.now);
  merged.metadata ??= {};
  return { object: merged, managers };
}

/**
 * prune removes what the manager applied last time and not this time, unless another
 * manager (or this apply) still owns it; fields that were never removable stay.
 */
function prune(merged: KubeObject, managers: Managers, lastSet: FieldSet, type: TypeRef): KubeObject {
  const named = (s: FieldSet) => ensureNamedFieldsAreMembers(s, type);
  const last = named(lastSet);
  let pruned = removeItems(merged, last, type);
  const mergedSet = named(toFieldSet(merged, type));
  let owned = new FieldSet();
  for (const m of managers.values()) owned = owned.union(m.set);
  pruned = removeItems(merged, mergedSet.difference(named(toFieldSet(pruned, type)).union(named(owned))), type);
  const prunedSet = named(toFieldSet(pruned, type));
  return (removeItems(merged, mergedSet.difference(prunedSet).intersection(last), type) ?? {}) as KubeObject;
}

/**
 * dropNulls removes null-valued fields once ownership is settled: an applied `field: null`
 * is conflict-checked like any change, then, as in upstream's conversion to the Go type,
 * leaves the field unset.
 */
function dropNulls(v: unknown): void {
  if (Array.isArray(v)) {
    for (const item of v) dropNulls(item);
  } else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (o[k] === null) delete o[k];
      else dropNulls(o[k]);
    }
  }
}
