/**
 * scheduling.k8s.io/v1alpha1 Workload validation (KEP-4671, v1.35): pod groups with exactly one
 * scheduling policy, an informational controllerRef, and immutability of both after creation.
 */
import { deepEqual } from '../deep.js';
import { child, fe, index, type FieldError } from '../field-errors.js';
import { isObj, list, str, validateImmutable } from './common.js';
import { isDNS1123Label, isDNS1123Subdomain, isPathSegmentName } from './names.js';

/** Upstream's WorkloadMaxPodGroups. */
export const WORKLOAD_MAX_POD_GROUPS = 8;

function validatePolicy(policy: unknown, path: string): FieldError[] {
  const p = isObj(policy) ? policy : {};
  const hasBasic = p.basic != null;
  const hasGang = p.gang != null;
  if (!hasBasic && !hasGang) return [fe.invalid(path, '', 'must specify one of: `basic`, `gang`')];
  if (hasBasic && hasGang) return [fe.invalid(path, '{`basic`, `gang`}', 'exactly one of `basic`, `gang` is required, but multiple fields are set')];
  if (!hasGang) return [];
  const mc = p.gang?.minCount;
  const mp = child(child(path, 'gang'), 'minCount');
  if (mc === undefined || mc === null || mc === 0) return [fe.required(mp)];
  if (typeof mc === 'number' && mc < 0) return [fe.invalid(mp, mc, 'must be greater than zero')];
  return [];
}

function validatePodGroups(groups: unknown, path: string): FieldError[] {
  const gs = list(groups);
  if (gs.length === 0) return [fe.required(path, 'must have at least one item')];
  const errs: FieldError[] = [];
  if (gs.length > WORKLOAD_MAX_POD_GROUPS) errs.push(fe.tooMany(path, gs.length, WORKLOAD_MAX_POD_GROUPS));
  const seen = new Set<string>();
  gs.forEach((g: any, i: number) => {
    const p = index(path, i);
    const name = str(g?.name);
    if (!name) errs.push(fe.required(child(p, 'name')));
    else for (const m of isDNS1123Label(name)) errs.push(fe.invalid(child(p, 'name'), name, m));
    if (name && seen.has(name)) errs.push(fe.duplicate(p, name));
    seen.add(name);
    errs.push(...validatePolicy(g?.policy, child(p, 'policy')));
  });
  return errs;
}

function validateControllerRef(ref: unknown, path: string): FieldError[] {
  if (ref == null) return [];
  const r = isObj(ref) ? ref : {};
  const errs: FieldError[] = [];
  const group = str(r.apiGroup);
  if (group) for (const m of isDNS1123Subdomain(group)) errs.push(fe.invalid(child(path, 'apiGroup'), group, m));
  for (const f of ['kind', 'name']) {
    const v = str(r[f]);
    if (!v) errs.push(fe.required(child(path, f)));
    else for (const m of isPathSegmentName(v)) errs.push(fe.invalid(child(path, f), v, m));
  }
  return errs;
}

/** validateWorkload: create-time spec rules (metadata is the dispatcher's job). */
export function validateWorkload(obj: any): FieldError[] {
  const spec = isObj(obj?.spec) ? obj.spec : {};
  return [...validateControllerRef(spec.controllerRef, 'spec.controllerRef'), ...validatePodGroups(spec.podGroups, 'spec.podGroups')];
}

/** validateWorkloadUpdate: podGroups are immutable; controllerRef may only go from unset to set. */
export function validateWorkloadUpdate(obj: any, old: any): FieldError[] {
  const spec = isObj(obj?.spec) ? obj.spec : {};
  const oldSpec = isObj(old?.spec) ? old.spec : {};
  const errs = validateWorkload(obj);
  errs.push(...validateImmutable(spec.podGroups, oldSpec.podGroups, 'spec.podGroups'));
  if (oldSpec.controllerRef != null && !deepEqual(spec.controllerRef ?? null, oldSpec.controllerRef)) {
    errs.push(...validateImmutable(spec.controllerRef, oldSpec.controllerRef, 'spec.controllerRef'));
  }
  return errs;
}
