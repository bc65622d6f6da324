/**
 * Test fixtures: a minimal Pod that is valid after defaulting, and a gate lookup. Shared by the
 * Pod validation tests (and usable by other validators' tests that embed pod templates).
 */
import type { ValidationContext } from './options.js';
import type { FieldError } from '../../field-errors.js';

/** gatesCtx builds a ValidationContext with v1.35 defaults overridden by `on`/`off`. */
export function gatesCtx(overrides: Record<string, boolean> = {}): ValidationContext {
  const defaults: Record<string, boolean> = { ContainerRestartRules: true, GenericWorkload: false, TaintTolerationComparisonOperators: false };
  return { gates: (n) => overrides[n] ?? defaults[n] ?? false };
}

/** makeContainer is a defaulted container. */
export function makeContainer(name = 'c', extra: Record<string, unknown> = {}): any {
  return { name, image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {}, ...extra };
}

/** makePod is a defaulted, valid Pod; `spec` entries replace the defaults. */
export function makePod(spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', ...metadata },
    spec: {
      containers: [makeContainer()],
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      securityContext: {},
      enableServiceLinks: true,
      ...spec,
    },
  };
}

/** brief reduces errors to comparable [type, field, detail] triples. */
export function brief(errs: FieldError[]): Array<[string, string, string]> {
  return errs.map((e) => [e.type, e.field, e.detail ?? '']);
}
