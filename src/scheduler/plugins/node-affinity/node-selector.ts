import type { NodeSelectorRequirement, NodeSelectorTerm } from '../../framework/types.js';

/** requirementMatches evaluates one node selector requirement against labels or fields. */
export function requirementMatches(r: NodeSelectorRequirement, values: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(values, r.key);
  const v = values[r.key];
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(v!);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || (r.values ?? []).length !== 1) return false;
      const left = parseIntStrict(v!);
      const right = parseIntStrict(r.values![0]!);
      if (left === undefined || right === undefined) return false;
      return r.operator === 'Gt' ? left > right : left < right;
    }
    default:
      return false;
  }
}

function parseIntStrict(s: string): bigint | undefined {
  return /^[+-]?[0-9]+$/.test(s) ? BigInt(s) : undefined;
}

/**
 * termMatches is true when every expression matches the labels and every field requirement
 * matches metadata.name; a term with neither matches nothing.
 */
export function termMatches(term: NodeSelectorTerm, labels: Record<string, string>, nodeName: string): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (!requirementMatches(r, labels)) return false;
  const fieldValues = { 'metadata.name': nodeName };
  for (const r of fields) if (!requirementMatches(r, fieldValues)) return false;
  return true;
}

/** anyTermMatches ORs the terms. */
export function anyTermMatches(terms: readonly NodeSelectorTerm[], labels: Record<string, string>, nodeName: string): boolean {
  for (const t of terms) if (termMatches(t, labels, nodeName)) return true;
  return false;
}
