/**
 * apps/v1 workload validation (pkg/apis/apps/validation): Deployment, ReplicaSet, StatefulSet
 * and DaemonSet. All share the selector/template contract: a required, non-empty selector that
 * matches the template labels, and a template whose pods restart Always.
 */
import { child, fe, type FieldError } from '../field-errors.js';
import { isObj, selectorIsEmpty, selectorMatches, str, validateImmutable, validateLabelSelector, validateNonnegative } from './common.js';
import type { ValidationContext } from './context.js';
import { templateLabels, validatePodTemplateSpec } from './template.js';

type Kind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet';

function validateSelector(spec: any, path: string, kind: Kind): FieldError[] {
  const p = child(path, 'selector');
  if (!isObj(spec.selector)) return [fe.required(p)];
  const errs = validateLabelSelector(spec.selector, p);
  if (selectorIsEmpty(spec.selector)) {
    const who = kind === 'DaemonSet' ? 'daemonset' : kind === 'StatefulSet' ? 'statefulset' : 'deployment';
    errs.push(fe.invalid(p, spec.selector, `empty selector is invalid for ${who}`));
  }
  return errs;
}

/** Template checks for controllers whose pods run forever (ValidatePodTemplateSpecForReplicaSet). */
function validateTemplate(spec: any, path: string, kind: Kind, ctx: ValidationContext, oldSpec?: any): FieldError[] {
  const tp = child(path, 'template');
  const tpl = spec.template;
  if (!isObj(tpl)) return [fe.required(tp)];
  const errs: FieldError[] = [];
  if (isObj(spec.selector) && !selectorIsEmpty(spec.selector) && !selectorMatches(spec.selector, templateLabels(tpl))) {
    errs.push(fe.invalid(child(tp, 'metadata.labels'), templateLabels(tpl), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(tpl, tp, ctx, oldSpec?.template));
  const rp = str(tpl.spec?.restartPolicy);
  if (rp !== 'Always') errs.push(fe.notSupported(child(tp, 'spec.restartPolicy'), rp, ['Always']));
  if (tpl.spec?.activeDeadlineSeconds != null) {
    const p = child(tp, 'spec.activeDeadlineSeconds');
    if (kind === 'DaemonSet') errs.push(fe.invalid(p, tpl.spec.activeDeadlineSeconds, 'activeDeadlineSeconds must be nil for daemons'));
    else errs.push(fe.forbidden(p, `activeDeadlineSeconds in ${kind === 'StatefulSet' ? 'StatefulSet' : 'ReplicaSet'} is not Supported`));
  }
  return errs;
}

const PERCENT = /^[0-9]+%$/;

/** validateIntOrPercent: a non-negative integer or "N%" (ValidatePositiveIntOrPercent), at most 100%. */
export function validateIntOrPercent(v: unknown, path: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') {
    if (!PERCENT.test(v)) return [fe.invalid(path, v, "must be an integer or percentage (e.g '5%')")];
    if (Number(v.slice(0, -1)) > 100) return [fe.invalid(path, v, 'must not be greater than 100%')];
    return [];
  }
  return validateNonnegative(v, path);
}

const isZero = (v: unknown): boolean => v === undefined || v === null || v === 0 || v === '0%';

function validateRollingUpdate(ru: any, path: string): FieldError[] {
  if (!isObj(ru)) return [];
  const errs = [...validateIntOrPercent(ru.maxUnavailable, child(path, 'maxUnavailable'))];
  errs.push(...validateIntOrPercent(ru.maxSurge, child(path, 'maxSurge')));
  if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
    errs.push(fe.invalid(child(path, 'maxUnavailable'), ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
  }
  return errs;
}

/** DaemonSets need exactly one of maxUnavailable and maxSurge to be non-zero. */
function validateDaemonSetRollingUpdate(ru: any, path: string): FieldError[] {
  if (!isObj(ru)) return [];
  const errs = [...validateIntOrPercent(ru.maxUnavailable, child(path, 'maxUnavailable'))];
  errs.push(...validateIntOrPercent(ru.maxSurge, child(path, 'maxSurge')));
  const unavailable = !isZero(ru.maxUnavailable);
  const surge = !isZero(ru.maxSurge);
  if (unavailable && surge) errs.push(fe.invalid(child(path, 'maxSurge'), ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
  if (!unavailable && !surge) errs.push(fe.required(child(path, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

function validateDeploymentStrategy(s: any, path: string): FieldError[] {
  if (!isObj(s)) return [];
  const errs: FieldError[] = [];
  if (s.type === 'Recreate') {
    if (s.rollingUpdate != null) errs.push(fe.forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  } else if (s.type === 'RollingUpdate') {
    errs.push(...validateRollingUpdate(s.rollingUpdate, child(path, 'rollingUpdate')));
  } else if (!s.type) errs.push(fe.required(child(path, 'type')));
  else errs.push(fe.notSupported(child(path, 'type'), s.type, ['Recreate', 'RollingUpdate']));
  return errs;
}

function validateCommon(spec: any, kind: Kind, ctx: ValidationContext, oldSpec?: any): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateNonnegative(spec.replicas, 'spec.replicas'));
  errs.push(...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  errs.push(...validateSelector(spec, 'spec', kind));
  errs.push(...validateTemplate(spec, 'spec', kind, ctx, oldSpec));
  return errs;
}

/** validateDeploymentSpec also checks the strategy and progressDeadlineSeconds > minReadySeconds. */
export function validateDeployment(obj: any, ctx: ValidationContext, old?: any): FieldError[] {
  const spec = isObj(obj?.spec) ? obj.spec : {};
  const errs = validateCommon(spec, 'Deployment', ctx, old?.spec);
  errs.push(...validateDeploymentStrategy(spec.strategy, 'spec.strategy'));
  if (spec.progressDeadlineSeconds != null) {
    errs.push(...validateNonnegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(fe.invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateReplicaSet(obj: any, ctx: ValidationContext, old?: any): FieldError[] {
  return validateCommon(isObj(obj?.spec) ? obj.spec : {}, 'ReplicaSet', ctx, old?.spec);
}

export function validateDaemonSet(obj: any, ctx: ValidationContext, old?: any): FieldError[] {
  const spec = isObj(obj?.spec) ? obj.spec : {};
  const errs = validateCommon(spec, 'DaemonSet', ctx, old?.spec);
  const us = spec.updateStrategy;
  if (isObj(us)) {
    if (us.type === 'RollingUpdate') errs.push(...validateDaemonSetRollingUpdate(us.rollingUpdate, 'spec.updateStrategy.rollingUpdate'));
    else if (us.type !== 'OnDelete') errs.push(fe.notSupported('spec.updateStrategy.type', us.type ?? '', ['OnDelete', 'RollingUpdate']));
  }
  return errs;
}

export function validateStatefulSet(obj: any, ctx: ValidationContext, old?: any): FieldError[] {
  const spec = isObj(obj?.spec) ? obj.spec : {};
  const errs = validateCommon(spec, 'StatefulSet', ctx, old?.spec);
  const pmp = spec.podManagementPolicy;
  if (pmp !== undefined && pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(fe.notSupported('spec.podManagementPolicy', pmp, ['OrderedReady', 'Parallel']));
  }
  const us = spec.updateStrategy;
  if (isObj(us)) {
    if (us.type === 'RollingUpdate') {
      errs.push(...validateNonnegative(us.rollingUpdate?.partition, 'spec.updateStrategy.rollingUpdate.partition'));
      if (us.rollingUpdate?.maxUnavailable !== undefined) {
        errs.push(...validateIntOrPercent(us.rollingUpdate.maxUnavailable, 'spec.updateStrategy.rollingUpdate.maxUnavailable'));
      }
    } else if (us.type === 'OnDelete') {
      if (us.rollingUpdate != null) errs.push(fe.invalid('spec.updateStrategy.rollingUpdate', us.rollingUpdate, 'only allowed for updateStrategy \'RollingUpdate\''));
    } else errs.push(fe.notSupported('spec.updateStrategy.type', us.type ?? '', ['OnDelete', 'RollingUpdate']));
  }
  return errs;
}

/** Fields of a StatefulSet spec that an update may change. */
const STS_MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

/** validateAppsUpdate: spec rules plus the immutable selector (and StatefulSet's fixed fields). */
export function validateAppsUpdate(kind: Kind, obj: any, old: any, ctx: ValidationContext): FieldError[] {
  const fn = { Deployment: validateDeployment, ReplicaSet: validateReplicaSet, StatefulSet: validateStatefulSet, DaemonSet: validateDaemonSet }[kind];
  const errs = fn(obj, ctx, old);
  if (kind === 'StatefulSet') {
    const strip = (s: any): any => {
      const c = { ...(isObj(s) ? s : {}) };
      for (const f of STS_MUTABLE) delete c[f];
      return c;
    };
    if (validateImmutable(strip(obj?.spec), strip(old?.spec), 'spec').length) {
      errs.push(
        fe.forbidden(
          'spec',
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      );
    }
  } else {
    errs.push(...validateImmutable(obj?.spec?.selector, old?.spec?.selector, 'spec.selector'));
  }
  return errs;
}
