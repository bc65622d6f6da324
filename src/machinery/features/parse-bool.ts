const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * parseGoBool accepts exactly what Go's strconv.ParseBool accepts, because flag values like
 * `--feature-gates=Foo=1` or `=True` are valid upstream and scripts rely on them. It throws
 * an Error whose message is Go's own, so callers can embed it in upstream-shaped errors.
 */
export function parseGoBool(s: string): boolean {
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax`);
}
