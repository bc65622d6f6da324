/**
 * Toleration validation (ValidateTolerations) including the v1.35 Gt/Lt comparison operators,
 * and the pod-update rule that tolerations may only be added.
 */
import { fe, index, child, type FieldError } from '../../field-errors.js';
import { deepEqual } from '../../deep.js';
import { isDecimalInteger, isValidLabelValue, validateQualifiedName } from './names.js';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** TolerationOptions says whether Gt/Lt are accepted (gate on, or ratcheted from the old pod). */
export interface TolerationOptions {
  allowComparison: boolean;
}

/** validateTaintEffect checks an effect; empty is allowed only when allowEmpty. */
export function validateTaintEffect(effect: unknown, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && (effect === undefined || effect === '')) return [fe.required(path)];
  return TAINT_EFFECTS.includes(effect as never) ? [] : [fe.notSupported(path, effect, TAINT_EFFECTS)];
}

function validateComparisonValue(value: string, path: string): FieldError[] {
  const errs = isDecimalInteger(value).map((m) => fe.invalid(path, value, m));
  // Separate from the format check, upstream also parses as int64; "abc" thus yields two errors.
  let parsed: bigint | undefined;
  try {
    parsed = /^[+-]?[0-9]+$/.test(value) ? BigInt(value) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined) errs.push(fe.invalid(path, value, `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`));
  else if (parsed < INT64_MIN || parsed > INT64_MAX)
    errs.push(fe.invalid(path, value, `strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`));
  return errs;
}

/** validateTolerationList is ValidateTolerations for pods, pod templates and namespace annotations. */
export function validateTolerationList(tols: any[], path: string, opts: TolerationOptions): FieldError[] {
  const errs: FieldError[] = [];
  (tols ?? []).forEach((t: any, i: number) => {
    const p = index(path, i);
    const key = t?.key ?? '';
    const op = t?.operator ?? '';
    const value = t?.value ?? '';
    const effect = t?.effect ?? '';
    if (key.length > 0) errs.push(...validateQualifiedName(key, child(p, 'key')));
    if (key.length === 0 && op !== 'Exists')
      errs.push(fe.invalid(child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t?.tolerationSeconds != null && effect !== 'NoExecute')
      errs.push(fe.invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    switch (op) {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length) errs.push(fe.invalid(child(p, 'operator'), value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value.length > 0) errs.push(fe.invalid(child(p, 'operator'), t, "value must be empty when `operator` is 'Exists'"));
        break;
      case 'Lt':
      case 'Gt':
        if (!opts.allowComparison) errs.push(fe.notSupported(child(p, 'operator'), op, ['Equal', 'Exists', 'Lt', 'Gt']));
        else errs.push(...validateComparisonValue(value, child(p, 'value')));
        break;
      default:
        errs.push(fe.notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect.length > 0) errs.push(...validateTaintEffect(effect, true, child(p, 'effect')));
  });
  return errs;
}

/**
 * validateOnlyAddedTolerations is the pod-update rule: every old toleration must still be present
 * (tolerationSeconds may change), then the new list is validated as usual.
 */
export function validateOnlyAddedTolerations(next: any[], old: any[], path: string, opts: TolerationOptions): FieldError[] {
  for (const o of old ?? []) {
    const found = (next ?? []).some((n: any) => deepEqual({ ...o, tolerationSeconds: n?.tolerationSeconds }, n));
    if (!found) return [fe.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerationList(next ?? [], path, opts);
}
