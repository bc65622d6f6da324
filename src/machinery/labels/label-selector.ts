import { errors } from '../errors.js';
import { everything, newRequirement, nothing, selectorOf, type Operator, type Requirement, type Selector } from './selector.js';

/** metav1.LabelSelector as it appears in specs (Deployment, ReplicaSet, Job, PDB...). */
export interface LabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] | null }> | null;
}

const OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * selectorFromLabelSelector is upstream's metav1.LabelSelectorAsSelector: a null
 * selector matches nothing, an empty one everything. Invalid keys, values or
 * operators are 400 with upstream's message (API validation reports them as 422
 * earlier, so this only fires for objects that bypassed validation).
 */
export function selectorFromLabelSelector(ls: LabelSelector | null | undefined): Selector {
  if (ls == null) return nothing;
  const labels = Object.entries(ls.matchLabels ?? {});
  const exprs = ls.matchExpressions ?? [];
  if (labels.length + exprs.length === 0) return everything;
  const reqs: Requirement[] = [];
  for (const [k, v] of labels) reqs.push(newRequirement(k, '=', [v]));
  for (const e of exprs) {
    const op = Object.prototype.hasOwnProperty.call(OPERATORS, e.operator) ? OPERATORS[e.operator] : undefined;
    if (!op) throw errors.badRequest(`${JSON.stringify(e.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, e.values ?? []));
  }
  return selectorOf(reqs);
}
