import type { KubeObject, ManagedFieldsEntry } from '../../api/meta.js';
import type { ObjectNode } from '../../api/schema/index.js';
import { clone, deepEqual } from '../../machinery/deep.js';
import { FieldSet } from './fieldset.js';
import { encodeManagedFields, STRIP_SET, type Managers } from './managers.js';
import { rfc3339 } from '../../util/time.js';

/**
 * Pieces shared by apply and update tracking: reset fields, the operation time, and
 * upstream's rule that a write changing nothing but managedFields timestamps keeps the
 * old managedFields (so a no-op apply does not bump resourceVersion).
 */

/**
 * resetFields are the fields a write through this endpoint cannot change (the strategy
 * resets them), so no manager takes them: status on the main resource, spec on /status.
 * Upstream lists these per strategy (GetResetFields); this is their common shape.
 */
export function resetFields(schema: ObjectNode | undefined, subresource: string | undefined): FieldSet {
  if (subresource === 'status') return schema?.field('spec') ? FieldSet.of(['f:spec']) : new FieldSet();
  if (!subresource && schema?.field('status')) return FieldSet.of(['f:status']);
  return new FieldSet();
}

/** stripManager removes never-owned fields from a manager's set, dropping it if empty. */
export function stripManager(managers: Managers, id: string): void {
  const m = managers.get(id);
  if (!m) return;
  const set = m.set.difference(STRIP_SET);
  if (set.empty()) managers.delete(id);
  else managers.set(id, { ...m, set });
}

const SECOND_PRECISION = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** seconds truncates an RFC3339 time to second precision, as metav1.Time serializes. */
export function seconds(now: string): string {
  // Already second precision (what the handlers pass): nothing to truncate.
  if (SECOND_PRECISION.test(now)) return now;
  const ms = Date.parse(now);
  if (Number.isNaN(ms)) return now;
  return rfc3339(ms);
}

/**
 * withoutManagedFields is obj without metadata.managedFields, for the typed walks, which
 * only read: a shallow copy is enough and keeps every write from deep-copying the object.
 */
export function withoutManagedFields(obj: KubeObject | undefined): KubeObject {
  if (!obj) return {};
  if (!obj.metadata?.managedFields) return obj;
  const { managedFields: _mf, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/**
 * setManagedFields writes the encoded managers onto obj, unless nothing but timestamps
 * changed compared with old (upstream's IgnoreManagedFieldsTimestampsTransformer).
 */
export function setManagedFields(obj: KubeObject, managers: Managers, old: KubeObject | undefined): void {
  const entries = encodeManagedFields(managers);
  obj.metadata ??= {};
  const oldEntries = old?.metadata?.managedFields;
  if (old && oldEntries && sameIgnoringTime(entries, oldEntries) && sameIgnoring(obj, old)) {
    obj.metadata.managedFields = clone(oldEntries);
    return;
  }
  if (entries.length) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}

function sameIgnoringTime(a: ManagedFieldsEntry[], b: ManagedFieldsEntry[]): boolean {
  if (a.length !== b.length) return false;
  const strip = (e: ManagedFieldsEntry) => ({ ...e, time: undefined });
  const key = (e: ManagedFieldsEntry) => JSON.stringify([e.manager, e.operation, e.apiVersion, e.subresource ?? '']);
  const bs = new Map(b.map((e) => [key(e), e]));
  return a.every((e) => bs.has(key(e)) && deepEqual(strip(e), strip(bs.get(key(e))!)));
}

function sameIgnoring(a: KubeObject, b: KubeObject): boolean {
  const x = withoutManagedFields(a);
  const y = withoutManagedFields(b);
  if (x.metadata) delete x.metadata.resourceVersion;
  if (y.metadata) delete y.metadata.resourceVersion;
  return deepEqual(x, y);
}
