/**
 * Node validation (core validation's ValidateNode / ValidateNodeUpdate): taints and pod CIDRs.
 * Taint values are plain label values; numeric ones are not special (they only matter to Gt/Lt
 * tolerations at match time).
 */
import { child, fe, index, type FieldError } from '../field-errors.js';
import { isObj, list, str, validateQualifiedName } from './common.js';
import { isLabelValue, isValidCIDR } from './names.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const CIDR_MSG = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
const POD_CIDR_CHANGE = 'node updates may not change podCIDR except from "" to valid';

/** validateTaints: key, value, effect, and uniqueness of (key, effect). */
export function validateTaints(taints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  list(taints).forEach((t: any, i: number) => {
    const p = index(path, i);
    const k = str(t?.key);
    const v = str(t?.value);
    const effect = str(t?.effect);
    errs.push(...validateQualifiedName(k, child(p, 'key')));
    const ve = isLabelValue(v);
    if (ve.length) errs.push(fe.invalid(child(p, 'value'), v, ve.join(';')));
    if (!effect) errs.push(fe.required(child(p, 'effect')));
    else if (!EFFECTS.includes(effect)) errs.push(fe.notSupported(child(p, 'effect'), effect, EFFECTS));
    const id = `${effect}\u0000${k}`;
    if (seen.has(id)) {
      const shown: Record<string, unknown> = { key: k };
      if (v) shown.value = v;
      shown.effect = effect;
      if (t?.timeAdded) shown.timeAdded = t.timeAdded;
      errs.push({ ...fe.duplicate(p, shown), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    seen.add(id);
  });
  return errs;
}

/** podCIDRs of a v1 Node: podCIDRs, or the legacy singular podCIDR. */
function podCIDRs(spec: any): string[] {
  const l = list(spec?.podCIDRs).map(str);
  return l.length ? l : spec?.podCIDR ? [str(spec.podCIDR)] : [];
}

/** validateNode: taints and pod CIDRs (at most one per family). */
export function validateNode(node: any): FieldError[] {
  const spec = isObj(node?.spec) ? node.spec : {};
  const errs = validateTaints(spec.taints, 'spec.taints');
  const cidrs = podCIDRs(spec);
  cidrs.forEach((c, i) => {
    if (!isValidCIDR(c)) errs.push(fe.invalid(index('spec.podCIDRs', i), c, CIDR_MSG));
  });
  if (cidrs.length > 1) {
    const fams = cidrs.map((c) => (c.includes(':') ? 6 : 4));
    if (cidrs.length > 2 || fams[0] === fams[1]) errs.push(fe.invalid('spec.podCIDRs', cidrs, 'may specify no more than one CIDR for each IP family'));
  }
  return errs;
}

/** validateNodeUpdate: podCIDRs and providerID may only go from unset to set. */
export function validateNodeUpdate(node: any, old: any): FieldError[] {
  const errs = validateNode(node);
  const oldC = podCIDRs(old?.spec);
  const newC = podCIDRs(node?.spec);
  if (oldC.length > 0) {
    if (oldC.length !== newC.length) errs.push(fe.forbidden('spec.podCIDRs', POD_CIDR_CHANGE));
    else oldC.forEach((c, i) => c !== newC[i] && errs.push(fe.forbidden('spec.podCIDRs', POD_CIDR_CHANGE)));
  }
  const oldPid = str(old?.spec?.providerID);
  if (oldPid && oldPid !== str(node?.spec?.providerID)) {
    errs.push(fe.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  return errs;
}
