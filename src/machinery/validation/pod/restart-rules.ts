/**
 * Container-level restartPolicy and restartPolicyRules (KEP-5307 beta, KEP-5532 alpha in 1.35).
 * Which values are accepted depends on PodOptions, so an object written under an enabled gate
 * keeps validating after the gate is turned off.
 */
import { fe, child, index, type FieldError } from '../../field-errors.js';
import type { PodOptions } from './options.js';

const ALL_POLICIES = ['Always', 'OnFailure', 'Never'] as const;
const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;

/** ContainerKind distinguishes regular and init containers (sidecars are init + Always). */
export type ContainerKind = 'regular' | 'init';

function validateRule(rule: any, path: string, sidecar: boolean, opts: PodOptions): FieldError[] {
  const errs: FieldError[] = [];
  const action = rule?.action ?? '';
  const allowed = action === 'Restart' ? !sidecar : action === 'RestartAllContainers' && opts.allowRestartAllContainers;
  // 1.35 always lists only "Restart" here (fixed in 1.36); a sidecar lists what it may use.
  if (!allowed) errs.push(fe.notSupported(child(path, 'action'), action, sidecar ? ['RestartAllContainers'] : ['Restart']));
  const codes = rule?.exitCodes;
  if (codes == null) {
    errs.push(fe.required(child(path, 'exitCodes'), 'must be specified'));
    return errs;
  }
  const op = codes.operator ?? '';
  if (op !== 'In' && op !== 'NotIn') errs.push(fe.notSupported(child(child(path, 'exitCodes'), 'operator'), op, ['In', 'NotIn']));
  const values = Array.isArray(codes.values) ? codes.values : [];
  // 1.35 reports this with TooLong ("may not be more than 255 bytes"); 1.36 switched to TooMany.
  if (values.length > MAX_EXIT_CODES) errs.push(fe.tooLong(child(child(path, 'exitCodes'), 'values'), values, MAX_EXIT_CODES));
  return errs;
}

/** validateContainerRestart checks one container's restartPolicy and restartPolicyRules. */
export function validateContainerRestart(ctr: any, path: string, kind: ContainerKind, opts: PodOptions): FieldError[] {
  const errs: FieldError[] = [];
  const policy = ctr?.restartPolicy;
  const rules: any[] = Array.isArray(ctr?.restartPolicyRules) ? ctr.restartPolicyRules : [];
  const policyPath = child(path, 'restartPolicy');
  const rulesPath = child(path, 'restartPolicyRules');
  if (!opts.allowContainerRestartRules) {
    if (kind === 'regular' && policy != null) errs.push(fe.forbidden(policyPath, 'may not be set for non-init containers'));
    if (kind === 'init' && policy != null && policy !== 'Always') errs.push(fe.notSupported(policyPath, policy, ['Always']));
    if (rules.length > 0) errs.push(fe.forbidden(rulesPath, 'may not be set when the ContainerRestartRules feature is disabled'));
    return errs;
  }
  if (policy != null && !ALL_POLICIES.includes(policy)) errs.push(fe.notSupported(policyPath, policy, ALL_POLICIES));
  if (rules.length === 0) return errs;
  if (policy == null) errs.push(fe.required(policyPath, 'must specify restartPolicy when restart rules are used'));
  const sidecar = kind === 'init' && policy === 'Always';
  if (sidecar && !opts.allowRestartAllContainers) {
    errs.push(fe.forbidden(rulesPath, 'may not be set for init containers with restartPolicy=Always'));
    return errs;
  }
  if (rules.length > MAX_RULES) errs.push(fe.tooLong(rulesPath, rules, MAX_RULES));
  rules.forEach((r, j) => errs.push(...validateRule(r, index(rulesPath, j), sidecar, opts)));
  return errs;
}
