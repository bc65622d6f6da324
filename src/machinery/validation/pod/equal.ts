/**
 * Semantic equality for Pod specs as JSON, standing in for upstream's apiequality.Semantic on
 * Go structs. Go drops zero values when it decodes JSON, so a field that is absent, null, "",
 * false, 0, [] or {} reads as the same thing there; quantities compare by value ("1" == "1000m").
 */
import { compareQuantity, parseQuantity } from '../../quantity.js';

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).every((k) => isEmpty((v as Record<string, unknown>)[k]));
}

const QUANTITY_MAPS = new Set(['requests', 'limits', 'overhead', 'capacity', 'allocatable', 'allocatedResources']);

function quantityEqual(a: unknown, b: unknown): boolean {
  const qa = parseQuantity(a);
  const qb = parseQuantity(b);
  return qa && qb ? compareQuantity(qa, qb) === 0 : a === b;
}

/** semanticEqual compares two JSON values with Go's zero-value and quantity semantics. */
export function semanticEqual(a: unknown, b: unknown, parentKey = ''): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (typeof a === 'object' && typeof b === 'object' && a && b && !Array.isArray(a) && !Array.isArray(b)) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of keys) {
      if (QUANTITY_MAPS.has(parentKey) && ao[k] !== undefined && bo[k] !== undefined) {
        if (!quantityEqual(ao[k], bo[k])) return false;
      } else if (!semanticEqual(ao[k], bo[k], k)) return false;
    }
    return true;
  }
  return false;
}

/** diffPaths lists the JSON paths at which two values differ semantically (for error details). */
export function diffPaths(a: unknown, b: unknown, path = ''): string[] {
  if (semanticEqual(a, b, path.split('.').pop())) return [];
  const bothObjects = a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects || (Array.isArray(a) && (a as unknown[]).length !== (b as unknown[]).length)) return [path || '.'];
  if (Array.isArray(a)) return a.flatMap((x, i) => diffPaths(x, (b as unknown[])[i], `${path}[${i}]`));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
  return keys.flatMap((k) => diffPaths(ao[k], bo[k], path ? `${path}.${k}` : k));
}

/** specDiff renders changed fields in the spirit of upstream's cmp.Diff appendix: "- old" / "+ new" lines. */
export function specDiff(oldSpec: unknown, newSpec: unknown): string {
  const lines = ['  core.PodSpec{'];
  for (const p of diffPaths(oldSpec, newSpec)) {
    const get = (o: unknown) =>
      p === '.' ? o : p.split(/\.|\[|\]/).filter(Boolean).reduce<any>((acc, k) => (acc == null ? undefined : acc[k]), o);
    lines.push(`- \t${p}: ${JSON.stringify(get(oldSpec) ?? null)},`, `+ \t${p}: ${JSON.stringify(get(newSpec) ?? null)},`);
  }
  lines.push('  }', '');
  return lines.join('\n');
}
