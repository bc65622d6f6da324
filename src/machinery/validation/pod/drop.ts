/**
 * Drop-disabled-fields for PodSpecs (upstream's dropDisabledFields), run by the Pod and
 * pod-template strategies in PrepareForCreate/PrepareForUpdate before validation: a field
 * whose gate is off is cleared unless the old object already used it.
 */
import type { ValidationContext } from './options.js';
import { containerRestartRulesInUse } from './options.js';

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** dropDisabledPodSpecFields mutates spec; oldSpec is undefined on create. */
export function dropDisabledPodSpecFields(spec: any, oldSpec: any, ctx: ValidationContext): void {
  if (spec == null) return;
  if (!ctx.gates('GenericWorkload') && oldSpec?.workloadRef == null) delete spec.workloadRef;
  if (!ctx.gates('ContainerRestartRules') && !(oldSpec != null && containerRestartRulesInUse(oldSpec))) {
    for (const c of list(spec.containers)) {
      delete c.restartPolicy;
      delete c.restartPolicyRules;
    }
    for (const c of list(spec.initContainers)) {
      delete c.restartPolicyRules;
      if (c.restartPolicy !== 'Always') delete c.restartPolicy;
    }
  }
}
