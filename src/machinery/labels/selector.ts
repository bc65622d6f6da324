import { errors } from '../errors.js';
import { aggregateMessage, type FieldError } from '../field-errors.js';
import { isLabelKey, isLabelValue } from './validation.js';

/**
 * Label selectors: upstream's labels.Requirement / labels.Selector, with the same
 * validation, matching and canonical String() (requirements sorted by key, values of a
 * set sorted), because informers and caches key on the string form.
 */

export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';
export type Labels = Record<string, string> | undefined | null;

export const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'] as const;

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

export interface Selector {
  matches(labels: Labels): boolean;
  /** empty is true when the selector does not restrict anything. */
  empty(): boolean;
  toString(): string;
  readonly requirements: readonly Requirement[];
  /** requiresExactMatch returns the single value the selector demands for key, if any. */
  requiresExactMatch(key: string): string | undefined;
}

/** Path rendering as upstream's field.Path: a nil path prints "<nil>". */
export function requirementErrors(key: string, op: Operator, vals: readonly string[], path = ''): FieldError[] {
  const child = (c: string) => (path ? `${path}.${c}` : c);
  const errs: FieldError[] = [];
  const keyErrs = isLabelKey(key);
  if (keyErrs.length) errs.push({ type: 'FieldValueInvalid', field: child('key'), badValue: key, detail: keyErrs.join('; ') });
  const vp = child('values');
  const shown = vals.length ? [...vals] : null;
  switch (op) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push({ type: 'FieldValueInvalid', field: vp, badValue: shown, detail: "for 'in', 'notin' operators, values set can't be empty" });
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push({ type: 'FieldValueInvalid', field: vp, badValue: shown, detail: 'exact-match compatibility requires one single value' });
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push({ type: 'FieldValueInvalid', field: vp, badValue: shown, detail: 'values set must be empty for exists and does not exist' });
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push({ type: 'FieldValueInvalid', field: vp, badValue: shown, detail: "for 'Gt', 'Lt' operators, exactly one value is required" });
      vals.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v) || !isInt64(v))
          errs.push({ type: 'FieldValueInvalid', field: `${vp}[${i}]`, badValue: v, detail: "for 'Gt', 'Lt' operators, the value must be an integer" });
      });
      break;
  }
  vals.forEach((v, i) => {
    const ve = isLabelValue(v);
    if (ve.length) errs.push({ type: 'FieldValueInvalid', field: `${vp}[${i}][${key}]`, badValue: v, detail: ve.join('; ') });
  });
  return errs;
}

function isInt64(s: string): boolean {
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/** newRequirement validates like upstream's NewRequirement; failures are 400 with the aggregated message. */
export function newRequirement(key: string, op: Operator, vals: readonly string[]): Requirement {
  const errs = requirementErrors(key, op, vals);
  if (errs.length) throw errors.badRequest(aggregateMessage(errs));
  return { key, operator: op, values: [...vals] };
}

export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = labels != null && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key]! : '';
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(v);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(v);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1 || !/^[+-]?\d+$/.test(v) || !isInt64(v)) return false;
      const a = BigInt(v);
      const b = BigInt(r.values[0]!);
      return r.operator === 'gt' ? a > b : a < b;
    }
  }
}

export function requirementString(r: Requirement): string {
  const sorted = r.values.length > 1 ? [...r.values].sort() : r.values;
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
      return `${r.key} in (${sorted.join(',')})`;
    case 'notin':
      return `${r.key} notin (${sorted.join(',')})`;
    case 'gt':
      return `${r.key}>${sorted.join(',')}`;
    case 'lt':
      return `${r.key}<${sorted.join(',')}`;
    default:
      return `${r.key}${r.operator}${sorted.join(',')}`;
  }
}

/** selectorOf builds a Selector from requirements, sorted by key as upstream does. */
export function selectorOf(reqs: readonly Requirement[]): Selector {
  const sorted = [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    requirements: sorted,
    matches: (labels) => sorted.every((r) => requirementMatches(r, labels)),
    empty: () => sorted.length === 0,
    toString: () => sorted.map(requirementString).join(','),
    requiresExactMatch: (key) => {
      const r = sorted.find((x) => x.key === key);
      if (!r || !['=', '==', 'in'].includes(r.operator) || r.values.length !== 1) return undefined;
      return r.values[0];
    },
  };
}

/** everything matches all labels. */
export const everything: Selector = selectorOf([]);

/** nothing matches no labels (a null LabelSelector). */
export const nothing: Selector = {
  requirements: [],
  matches: () => false,
  empty: () => false,
  toString: () => '',
  requiresExactMatch: () => undefined,
};

/** selectorFromSet matches exactly the given labels (no validation, as upstream's SelectorFromSet). */
export function selectorFromSet(set: Record<string, string> | undefined | null): Selector {
  return selectorOf(Object.entries(set ?? {}).map(([key, v]) => ({ key, operator: '=' as const, values: [v] })));
}

