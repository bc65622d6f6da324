/**
 * Per-request Pod validation options, as upstream's GetValidationOptionsFromPodSpecAndMeta:
 * each option is "feature gate on, OR the old object already uses the feature", so that
 * objects written while a gate was on stay updatable after it is switched off (ratcheting).
 */

/** ValidationContext gives validators the server's feature-gate lookup. */
export interface ValidationContext {
  gates: (name: string) => boolean;
}

/** PodOptions are the resolved switches validators consult instead of raw gates. */
export interface PodOptions {
  /** TaintTolerationComparisonOperators on, or the old spec has a Gt/Lt toleration. */
  allowTolerationComparison: boolean;
  /** ContainerRestartRules on (beta, default on in 1.35), or already in use. */
  allowContainerRestartRules: boolean;
  /** RestartAllContainersOnContainerExits on (alpha), or already in use; also allows rules on sidecars. */
  allowRestartAllContainers: boolean;
  /** The spec belongs to a Pod, not a template (hostPort must equal containerPort with hostNetwork). */
  resourceIsPod: boolean;
}

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** usesComparisonTolerations reports whether a spec has a Gt or Lt toleration. */
export function usesComparisonTolerations(spec: any): boolean {
  return list(spec?.tolerations).some((t) => t?.operator === 'Gt' || t?.operator === 'Lt');
}

/** containerRestartRulesInUse is upstream's "already in use" test for ContainerRestartRules. */
export function containerRestartRulesInUse(spec: any): boolean {
  if (list(spec?.containers).some((c) => c?.restartPolicy != null || list(c?.restartPolicyRules).length > 0)) return true;
  return list(spec?.initContainers).some(
    (c) => (c?.restartPolicy != null && c.restartPolicy !== 'Always') || list(c?.restartPolicyRules).length > 0,
  );
}

/** restartAllContainersInUse: a RestartAllContainers rule anywhere, or a sidecar with rules. */
export function restartAllContainersInUse(spec: any): boolean {
  const all = [...list(spec?.containers), ...list(spec?.initContainers)];
  if (all.some((c) => list(c?.restartPolicyRules).some((r) => r?.action === 'RestartAllContainers'))) return true;
  return list(spec?.initContainers).some((c) => c?.restartPolicy === 'Always' && list(c?.restartPolicyRules).length > 0);
}

/** podOptions resolves options for a spec being validated against an optional old spec. */
export function podOptions(ctx: ValidationContext, oldSpec: any, resourceIsPod: boolean): PodOptions {
  return {
    allowTolerationComparison: ctx.gates('TaintTolerationComparisonOperators') || usesComparisonTolerations(oldSpec),
    allowContainerRestartRules: ctx.gates('ContainerRestartRules') || (oldSpec != null && containerRestartRulesInUse(oldSpec)),
    allowRestartAllContainers:
      ctx.gates('RestartAllContainersOnContainerExits') || (oldSpec != null && restartAllContainersInUse(oldSpec)),
    resourceIsPod,
  };
}
