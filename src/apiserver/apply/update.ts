import type { KubeObject } from '../../api/meta.js';
import type { ObjectNode } from '../../api/schema/index.js';
import { clone } from '../../machinery/deep.js';
import { resetFields, seconds, setManagedFields, stripManager, withoutManagedFields } from './common.js';
import type { FieldSet } from './fieldset.js';
import { capUpdateManagers, decodeManagedFields, isResetManagedFields, managerId, STRIP_SET, type Managers } from './managers.js';
import { compare, type Comparison } from './typed.js';
import { typeForSchema } from './types.js';

export interface TrackUpdateOptions {
  /** The stored object before the write; absent for create. */
  old?: KubeObject;
  /** The object about to be stored; its metadata.managedFields is rewritten. */
  obj: KubeObject;
  manager: string;
  operation: 'Update';
  /** RFC3339; stored at second precision. */
  now: string;
  /** The request's group/version, e.g. 'apps/v1'. */
  apiVersion: string;
  subresource?: string;
  schema?: ObjectNode;
}

/**
 * trackUpdate records a non-apply write (create, update, any non-apply patch) in
 * obj.metadata.managedFields, as upstream's FieldManager.UpdateNoErrors: the fields the
 * write added or changed become the manager's (its Update entry), and leave every other
 * manager's set; removed fields leave every set. Managed fields sent in the request are
 * honoured as the starting point (that is how kubectl's CSA->SSA migration rewrites
 * them), except on subresources; `[]` or `[{}]` clears them. If the object does not fit
 * its schema the old managedFields are kept, as upstream does on errors.
 */
export function trackUpdate(opts: TrackUpdateOptions): void {
  if (!opts.old && !opts.subresource && opts.obj.metadata?.managedFields === undefined) trackCreate(opts);
  else trackUpdateGeneral(opts);
}

/**
 * trackCreate is trackUpdate for the commonest write, a create that sends no managedFields:
 * every field is the writer's, so the set algebra reduces to one walk. It must give what
 * trackUpdateGeneral gives (apply.test.ts compares them).
 */
function trackCreate(opts: TrackUpdateOptions): void {
  const { obj } = opts;
  obj.metadata ??= {};
  try {
    const type = typeForSchema(opts.schema);
    // From {} as the general path: value structs such as spec exist (empty) before a create.
    const set = compare({}, obj, type).added.recursiveDifference(resetFields(opts.schema, undefined)).difference(STRIP_SET);
    if (set.empty()) {
      delete obj.metadata.managedFields;
      return;
    }
    obj.metadata.managedFields = [{ manager: opts.manager, operation: 'Update', apiVersion: opts.apiVersion, time: seconds(opts.now), fieldsType: 'FieldsV1', fieldsV1: set.toJSON() }];
  } catch {
    delete obj.metadata.managedFields;
  }
}

/** trackUpdateGeneral is trackUpdate for any write (exported for the test that holds trackCreate to it). */
export function trackUpdateGeneral(opts: TrackUpdateOptions): void {
  const { old, obj } = opts;
  obj.metadata ??= {};
  const liveEntries = old?.metadata?.managedFields;
  try {
    const managers = startingManagers(opts);
    const type = typeForSchema(opts.schema);
    const ignored = resetFields(opts.schema, opts.subresource);
    const cmp = filter(compare(withoutManagedFields(old), withoutManagedFields(obj), type), ignored);
    const changed = cmp.modified.union(cmp.added);
    for (const [id, m] of managers) {
      const set = m.set.difference(changed).difference(cmp.removed);
      if (set.empty()) managers.delete(id);
      else managers.set(id, { ...m, set });
    }
    const self = '\u0000current-operation';
    managers.set(self, { manager: opts.manager, operation: 'Update', apiVersion: opts.apiVersion, set: changed.difference(cmp.removed).recursiveDifference(ignored) });
    stripManager(managers, self);
    const current = managers.get(self);
    managers.delete(self);
    if (current) {
      const entry = { manager: opts.manager, operation: 'Update' as const, apiVersion: opts.apiVersion, subresource: opts.subresource || undefined };
      const id = managerId(entry);
      const previous = managers.get(id);
      managers.set(id, { ...entry, set: previous ? current.set.union(previous.set) : current.set, time: seconds(opts.now) });
    }
    capUpdateManagers(managers);
    setManagedFields(obj, managers, old);
  } catch {
    if (liveEntries) obj.metadata.managedFields = clone(liveEntries);
    else delete obj.metadata.managedFields;
  }
}

function startingManagers(opts: TrackUpdateOptions): Managers {
  const fromLive = () => {
    try {
      return decodeManagedFields(opts.old?.metadata?.managedFields);
    } catch {
      return new Map() as Managers;
    }
  };
  if (opts.subresource) return fromLive();
  const sent = opts.obj.metadata?.managedFields;
  if (isResetManagedFields(sent)) return new Map();
  try {
    const managers = decodeManagedFields(sent);
    return managers.size ? managers : fromLive();
  } catch {
    return fromLive();
  }
}

/** filter drops reset fields from a comparison (upstream's Comparison.ExcludeFields). */
function filter(c: Comparison, ignored: FieldSet): Comparison {
  if (ignored.empty()) return c;
  return { added: c.added.recursiveDifference(ignored), removed: c.removed.recursiveDifference(ignored), modified: c.modified.recursiveDifference(ignored) };
}
