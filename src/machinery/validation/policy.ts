/**
 * PriorityClass, Lease and PodDisruptionBudget validation: small specs whose rules users meet
 * through system components (scheduler priorities, leader election, evictions).
 */
import { fe, type FieldError } from '../field-errors.js';
import { isObj, str, validateLabelSelector } from './common.js';
import { validateIntOrPercent } from './apps.js';

/** Upstream's HighestUserDefinablePriority. */
export const HIGHEST_USER_PRIORITY = 1000000000;
const SYSTEM_PREFIX = 'system-';
const SYSTEM_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };
const PREEMPTION = ['Never', 'PreemptLowerPriority'];

function systemClassError(name: string, value: unknown, globalDefault: boolean): string | undefined {
  const want = SYSTEM_CLASSES[name];
  if (want === undefined) return `${name} is not a known system priority class`;
  if (value !== want) return `value of ${name} PriorityClass must be ${want}`;
  if (globalDefault) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

/** validatePriorityClass: reserved "system-" names, user value ceiling, preemption policy. */
export function validatePriorityClass(pc: any): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(pc?.metadata?.name);
  if (name.startsWith(SYSTEM_PREFIX)) {
    const err = systemClassError(name, pc?.value, pc?.globalDefault === true);
    if (err) errs.push(fe.forbidden('metadata.name', `priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${err}`));
  } else if (typeof pc?.value === 'number' && pc.value > HIGHEST_USER_PRIORITY) {
    errs.push(fe.forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
  }
  if (pc?.preemptionPolicy != null && !PREEMPTION.includes(pc.preemptionPolicy)) errs.push(fe.notSupported('preemptionPolicy', pc.preemptionPolicy, PREEMPTION));
  return errs;
}

/** validatePriorityClassUpdate: value and preemptionPolicy are fixed. */
export function validatePriorityClassUpdate(pc: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  if (pc?.value !== old?.value) errs.push(fe.forbidden('value', 'may not be changed in an update.'));
  if ((pc?.preemptionPolicy ?? null) !== (old?.preemptionPolicy ?? null)) errs.push(fe.invalid('preemptionPolicy', pc?.preemptionPolicy ?? null, 'field is immutable'));
  return errs;
}

/** validateLease: positive duration, non-negative transitions, preferredHolder needs a strategy. */
export function validateLease(l: any): FieldError[] {
  const spec = isObj(l?.spec) ? l.spec : {};
  const errs: FieldError[] = [];
  if (typeof spec.leaseDurationSeconds === 'number' && spec.leaseDurationSeconds <= 0) {
    errs.push(fe.invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (typeof spec.leaseTransitions === 'number' && spec.leaseTransitions < 0) {
    errs.push(fe.invalid('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (str(spec.preferredHolder) && !str(spec.strategy)) errs.push(fe.forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  return errs;
}

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/** validatePodDisruptionBudget: one of minAvailable/maxUnavailable, selector, eviction policy. */
export function validatePodDisruptionBudget(pdb: any): FieldError[] {
  const spec = isObj(pdb?.spec) ? pdb.spec : {};
  const errs: FieldError[] = [];
  if (spec.minAvailable != null && spec.maxUnavailable != null) errs.push(fe.invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  errs.push(...validateIntOrPercent(spec.minAvailable, 'spec.minAvailable'));
  errs.push(...validateIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'));
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const up = spec.unhealthyPodEvictionPolicy;
  if (up != null && !EVICTION_POLICIES.includes(up)) errs.push(fe.notSupported('spec.unhealthyPodEvictionPolicy', up, EVICTION_POLICIES));
  return errs;
}
