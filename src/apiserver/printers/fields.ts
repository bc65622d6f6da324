/**
 * Accessors for loosely typed API objects. Stored objects are plain JSON, so every printer reads
 * fields defensively: a missing or mistyped field reads as its Go zero value, which is what the
 * upstream printers see after decoding.
 */

export type Obj = Record<string, unknown>;

/** rec returns v when it is a plain object, else an empty one. */
export function rec(v: unknown): Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

/** arr returns v when it is an array, else []. */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** str returns v when it is a string, else ''. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** num returns v when it is a finite number, else 0. */
export function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** optStr distinguishes an absent string (Go nil pointer) from an empty one. */
export function optStr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** optBool distinguishes an absent boolean (Go nil pointer). */
export function optBool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** get walks a path of object keys, yielding undefined as soon as one is missing. */
export function get(v: unknown, ...path: string[]): unknown {
  let cur: unknown = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Obj)[k];
  }
  return cur;
}

/** strMap reads a map[string]string, dropping non-string values. */
export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(rec(v))) if (typeof val === 'string') out[k] = val;
  return out;
}

/**
 * intOrString renders an IntOrString as Go's String() does: ints in decimal, strings as-is;
 * undefined when absent.
 */
export function intOrString(v: unknown): string | undefined {
  if (typeof v === 'number') return String(Math.trunc(v));
  if (typeof v === 'string') return v;
  return undefined;
}

/**
 * quantity renders a resource.Quantity cell. Objects carry quantities as strings already in the
 * form the server stored; an absent quantity is Go's zero Quantity, which prints "0".
 */
export function quantity(v: unknown): string {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number') return String(v);
  return '0';
}
