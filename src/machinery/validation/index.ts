/**
 * Validation dispatcher: ObjectMeta checks for every kind plus the kind's own rules, with
 * upstream's field paths and messages. Callers (the registry/REST layer) run defaulting first
 * (../defaults/index.ts), then these, then admission.
 */
import type { FieldError } from '../field-errors.js';
import type { ValidationContext } from './context.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { rulesFor, type KindRules } from './registry.js';

export { type ValidationContext, allGates } from './context.js';
export { validatePodResize } from './pod/index.js';
export { KIND_RULES, rulesFor, type KindRules } from './registry.js';
export { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';

/** Group/version/kind of the object being validated. */
export interface GVK {
  group: string;
  version: string;
  kind: string;
}

/**
 * Options for kinds the table does not know (custom resources): their scope. Known kinds use the
 * table and ignore this. Unknown kinds without `namespaced` are treated as namespaced exactly
 * when metadata.namespace is set, i.e. the scope check is skipped.
 */
export interface DispatchOptions {
  namespaced?: boolean;
}

/** isNamespacedKind reports a known kind's scope, or undefined for unknown kinds. */
export function isNamespacedKind(gvk: { group: string; kind: string }): boolean | undefined {
  return rulesFor(gvk)?.namespaced;
}

function resolve(gvk: GVK, obj: any, opts: DispatchOptions): KindRules {
  const known = rulesFor(gvk);
  if (known) return known;
  return { namespaced: opts.namespaced ?? Boolean(obj?.metadata?.namespace), nameFn: nameIsDNSSubdomain };
}

/** validateCreate: ObjectMeta (name format per kind, namespace by scope) plus kind rules. */
export function validateCreate(gvk: GVK, obj: any, ctx: ValidationContext, opts: DispatchOptions = {}): FieldError[] {
  const rules = resolve(gvk, obj, opts);
  const errs = validateObjectMeta(obj?.metadata, { namespaced: rules.namespaced, nameFn: rules.nameFn });
  if (rules.create) errs.push(...rules.create(obj, ctx));
  return errs;
}

/** validateUpdate: ObjectMeta update rules, then the kind's update rules (which revalidate the spec). */
export function validateUpdate(gvk: GVK, obj: any, old: any, ctx: ValidationContext, opts: DispatchOptions = {}): FieldError[] {
  const rules = resolve(gvk, obj, opts);
  const errs = validateObjectMetaUpdate(obj?.metadata, old?.metadata);
  if (rules.update) errs.push(...rules.update(obj, old, ctx));
  else if (rules.create) errs.push(...rules.create(obj, ctx));
  return errs;
}

/**
 * validateStatusUpdate: ObjectMeta update rules plus the kind's status rules. The caller must
 * already have copied spec from the stored object, as upstream status strategies do.
 */
export function validateStatusUpdate(gvk: GVK, obj: any, old: any, ctx: ValidationContext, opts: DispatchOptions = {}): FieldError[] {
  const rules = resolve(gvk, obj, opts);
  const errs = validateObjectMetaUpdate(obj?.metadata, old?.metadata);
  if (rules.status) errs.push(...rules.status(obj, old, ctx));
  return errs;
}
