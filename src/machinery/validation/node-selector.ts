/**
 * NodeSelector validation (core validation's ValidateNodeSelector), used by PersistentVolume
 * node affinity. Pod affinity has its own copy in the Pod validator.
 */
import { child, fe, index, type FieldError } from '../field-errors.js';
import { isObj, list, str, validateQualifiedName } from './common.js';
import { isLabelValue } from './names.js';

function validateRequirement(rq: any, path: string, allowValues: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const values = list(rq?.values);
  const vp = child(path, 'values');
  switch (rq?.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(fe.required(vp, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(fe.forbidden(vp, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(fe.required(vp, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(fe.invalid(child(path, 'operator'), rq?.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateQualifiedName(str(rq?.key), child(path, 'key')));
  if (allowValues) {
    values.forEach((v: unknown, j: number) => {
      for (const m of isLabelValue(str(v))) errs.push(fe.invalid(index(vp, j), v, m));
    });
  }
  return errs;
}

function validateFieldRequirement(rq: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = list(rq?.values);
  if (rq?.operator === 'In' || rq?.operator === 'NotIn') {
    if (values.length !== 1) errs.push(fe.required(child(path, 'values'), 'must be only one value when `operator` is \'In\' or \'NotIn\' for node field selector'));
  } else errs.push(fe.invalid(child(path, 'operator'), rq?.operator ?? '', 'not a valid selector operator'));
  if (rq?.key !== 'metadata.name') errs.push(fe.invalid(child(path, 'key'), rq?.key ?? '', 'not a valid field selector key'));
  return errs;
}

/** validateNodeSelector: at least one term; each term's expressions and fields. */
export function validateNodeSelector(sel: unknown, path: string): FieldError[] {
  const terms = list(isObj(sel) ? sel.nodeSelectorTerms : undefined);
  const tp = child(path, 'nodeSelectorTerms');
  if (terms.length === 0) return [fe.required(tp, 'must have at least one node selector term')];
  const errs: FieldError[] = [];
  terms.forEach((t: any, i: number) => {
    const p = index(tp, i);
    list(t?.matchExpressions).forEach((rq, j) => errs.push(...validateRequirement(rq, index(child(p, 'matchExpressions'), j), true)));
    list(t?.matchFields).forEach((rq, j) => errs.push(...validateFieldRequirement(rq, index(child(p, 'matchFields'), j))));
  });
  return errs;
}
