/**
 * Pod template validation shared by every workload kind (upstream's ValidatePodTemplateSpec):
 * template labels and annotations, then the PodSpec through the Pod validator so templates and
 * Pods report identical errors.
 */
import { child, fe, type FieldError } from '../field-errors.js';
import { isObj, validateLabels } from './common.js';
import type { ValidationContext } from './context.js';
import { validateAnnotations } from './meta.js';
import { validatePodSpec } from './pod/index.js';

/** validatePodTemplateSpec validates `template` at `path` (e.g. "spec.template"). */
export function validatePodTemplateSpec(template: unknown, path: string, ctx: ValidationContext, oldTemplate?: unknown): FieldError[] {
  if (!isObj(template)) return [fe.required(path)];
  const meta = isObj(template.metadata) ? template.metadata : {};
  const errs = [...validateLabels(meta.labels, child(child(path, 'metadata'), 'labels'))];
  errs.push(...validateAnnotations(meta.annotations, child(child(path, 'metadata'), 'annotations')));
  const oldSpec = isObj(oldTemplate) ? oldTemplate.spec : undefined;
  errs.push(...validatePodSpec(isObj(template.spec) ? template.spec : {}, child(path, 'spec'), ctx, oldSpec));
  return errs;
}

/** templateLabels returns the template's labels map (empty when absent). */
export function templateLabels(template: unknown): Record<string, string> {
  const labels = isObj(template) && isObj(template.metadata) ? template.metadata.labels : undefined;
  return isObj(labels) ? (labels as Record<string, string>) : {};
}
