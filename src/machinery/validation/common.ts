/**
 * Small building blocks shared by the per-kind validators (upstream's core/validation helpers):
 * non-negative checks, immutability, label maps and label selectors. Keeping the messages in
 * one place means every kind words them identically.
 */
import { deepEqual } from '../deep.js';
import { child, fe, index, type FieldError } from '../field-errors.js';
import { isLabelValue, isQualifiedName } from './names.js';

/** Upstream's IsNegativeErrorMsg. */
export const IS_NEGATIVE = 'must be greater than or equal to 0';
/** Upstream's FieldImmutableErrorMsg. */
export const IMMUTABLE = 'field is immutable';

export const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** validateNonnegative: Invalid "must be greater than or equal to 0" when v < 0 (absent is fine). */
export function validateNonnegative(v: unknown, path: string): FieldError[] {
  return typeof v === 'number' && v < 0 ? [fe.invalid(path, v, IS_NEGATIVE)] : [];
}

/** validatePositive: upstream's ValidatePositiveField ("must be greater than zero"). */
export function validatePositive(v: unknown, path: string): FieldError[] {
  return typeof v === 'number' && v <= 0 ? [fe.invalid(path, v, 'must be greater than zero')] : [];
}

/**
 * validateImmutable is upstream's ValidateImmutableField: Invalid at path with the *new* value.
 * undefined and null compare equal, as Go's nil pointer/slice would.
 */
export function validateImmutable(newV: unknown, oldV: unknown, path: string): FieldError[] {
  if (deepEqual(newV ?? null, oldV ?? null)) return [];
  return [fe.invalid(path, newV ?? null, IMMUTABLE)];
}

/** validateLabels checks keys and values; errors carry the map's path, as upstream's do. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (!isObj(labels)) return [];
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels)) {
    for (const m of isQualifiedName(k)) errs.push(fe.invalid(path, k, m));
    for (const m of isLabelValue(str(v))) errs.push(fe.invalid(path, v, m));
  }
  return errs;
}

/** validateQualifiedName wraps each message as Invalid at path. */
export function validateQualifiedName(v: string, path: string): FieldError[] {
  return isQualifiedName(v).map((m) => fe.invalid(path, v, m));
}

/**
 * validateLabelSelector is metav1 validation's ValidateLabelSelector: matchLabels as labels,
 * matchExpressions operator/values consistency.
 */
export function validateLabelSelector(sel: unknown, path: string): FieldError[] {
  if (!isObj(sel)) return [];
  const errs = validateLabels(sel.matchLabels, child(path, 'matchLabels'));
  list(sel.matchExpressions).forEach((r: any, i: number) => {
    const p = index(child(path, 'matchExpressions'), i);
    const op = str(r?.operator);
    const values = list(r?.values);
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(fe.required(child(p, 'values'), 'must be specified when `operator` is \'In\' or \'NotIn\''));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(fe.forbidden(child(p, 'values'), 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
    } else {
      errs.push(fe.invalid(child(p, 'operator'), r?.operator, 'not a valid selector operator'));
    }
    errs.push(...validateQualifiedName(str(r?.key), child(p, 'key')));
    values.forEach((v: unknown, j: number) => {
      for (const m of isLabelValue(str(v))) errs.push(fe.invalid(index(child(p, 'values'), j), v, m));
    });
  });
  return errs;
}

/**
 * selectorMatches evaluates a metav1.LabelSelector against labels. An empty selector matches
 * everything; an unknown operator matches nothing (upstream fails the conversion).
 */
export function selectorMatches(sel: unknown, labels: unknown): boolean {
  if (!isObj(sel)) return false;
  const ls: Record<string, string> = isObj(labels) ? (labels as Record<string, string>) : {};
  for (const [k, v] of Object.entries(isObj(sel.matchLabels) ? sel.matchLabels : {})) {
    if (ls[k] !== v) return false;
  }
  for (const r of list(sel.matchExpressions)) {
    const has = Object.prototype.hasOwnProperty.call(ls, r?.key);
    const values = list(r?.values);
    switch (r?.operator) {
      case 'In':
        if (!has || !values.includes(ls[r.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(ls[r.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** selectorIsEmpty: a selector with no requirements (matches everything). */
export function selectorIsEmpty(sel: unknown): boolean {
  if (!isObj(sel)) return true;
  return Object.keys(isObj(sel.matchLabels) ? sel.matchLabels : {}).length === 0 && list(sel.matchExpressions).length === 0;
}

/** byteLength as Go's len() on a string counts it. */
export const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');
