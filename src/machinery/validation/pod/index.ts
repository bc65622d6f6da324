/**
 * Public surface of Pod validation. The generic dispatcher validates ObjectMeta; these
 * functions validate everything Pod-specific, with field paths and messages as upstream's
 * pkg/apis/core/validation so that clients see identical errors.
 */
import type { FieldError } from '../../field-errors.js';
import { podOptions, type ValidationContext } from './options.js';
import { validatePodSpecWith } from './spec.js';
import { validatePodCreate, validatePodUpdate as validateUpdate } from './pod.js';
import { validatePodStatusUpdate as validateStatus } from './status.js';
import { validatePodResize as validateResize } from './resize.js';
import { validateTolerationList } from './tolerations.js';

export type { ValidationContext } from './options.js';
export { computePodQOS, getPodQOS, type QOSClass } from './resources.js';
export { dropDisabledPodSpecFields } from './drop.js';
export { UPDATABLE_POD_SPEC_FIELDS } from './pod.js';
export * as quantity from '../../quantity.js';

/**
 * validatePodSpec validates a PodSpec; used for pod templates (Deployment, Job, ...). Pass the
 * old template's spec on update so gated fields already in use keep validating (ratcheting).
 */
export function validatePodSpec(spec: any, path: string, ctx: ValidationContext, oldSpec?: any): FieldError[] {
  return validatePodSpecWith(spec, path, podOptions(ctx, oldSpec, false));
}

/** validatePod validates a Pod on create: spec and pod-only rules, not ObjectMeta. */
export function validatePod(pod: any, ctx: ValidationContext): FieldError[] {
  return validatePodCreate(pod, ctx);
}

/** validatePodUpdate validates a Pod update, including which spec fields may change. */
export function validatePodUpdate(pod: any, old: any, ctx: ValidationContext): FieldError[] {
  return validateUpdate(pod, old, ctx);
}

/** validatePodStatusUpdate validates a pods/status write. */
export function validatePodStatusUpdate(pod: any, old: any, _ctx: ValidationContext): FieldError[] {
  return validateStatus(pod, old);
}

/** validatePodResize validates a pods/resize write. */
export function validatePodResize(pod: any, old: any, ctx: ValidationContext): FieldError[] {
  return validateResize(pod, old, ctx);
}

/**
 * validateTolerations validates a toleration list (also namespace-annotation tolerations).
 * Gt/Lt need TaintTolerationComparisonOperators; callers validating an update of an object
 * that already has Gt/Lt should pass allowComparison to keep it valid.
 */
export function validateTolerations(tols: any[], path: string, ctx: ValidationContext, allowComparison = false): FieldError[] {
  return validateTolerationList(tols, path, { allowComparison: allowComparison || ctx.gates('TaintTolerationComparisonOperators') });
}
