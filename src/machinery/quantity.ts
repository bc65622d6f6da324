/**
 * Kubernetes resource quantities ("500m", "1Gi", "1e3"), as apimachinery's resource.Quantity.
 * Values are held exactly as a bigint count of nano-units (upstream's finest scale) so that
 * comparisons such as "requests <= limits" never suffer float rounding, and `canonical()`
 * reproduces upstream's String() so error messages show the same "1" / "500m" / "1Gi" forms.
 */

/** The three serialisation formats upstream remembers per quantity. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** Quantity is a parsed quantity: exact value in nano-units plus its original format. */
export interface Quantity {
  nano: bigint;
  format: QuantityFormat;
}

/** QUANTITY_FORMAT_ERROR is the text upstream returns for an unparsable quantity. */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const NANO = 1_000_000_000n;
const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** divAway divides rounding away from zero, as upstream rounds too-precise values "up". */
function divAway(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : n < 0n ? q - 1n : q + 1n;
}

/**
 * PARSED remembers parses: a cluster's quantities are a few strings ("100m", "500Mi") seen
 * on every pod write. Entries are frozen, since callers share them; the map is bounded.
 */
const PARSED = new Map<string, Readonly<Quantity> | null>();
const PARSED_MAX = 4096;

/** parseQuantity parses a quantity string (or a JSON number); undefined when malformed. */
export function parseQuantity(input: unknown): Readonly<Quantity> | undefined {
  if (typeof input !== 'string') return parseUncached(input);
  const hit = PARSED.get(input);
  if (hit !== undefined) return hit ?? undefined;
  const q = parseUncached(input);
  if (PARSED.size >= PARSED_MAX) PARSED.clear();
  PARSED.set(input, q ? Object.freeze(q) : null);
  return q;
}

function parseUncached(input: unknown): Quantity | undefined {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return undefined;
    input = String(input);
  }
  if (typeof input !== 'string') return undefined;
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(input);
  if (!m || input.length === 0) return undefined;
  const [, sign, whole, frac = '', suffix = ''] = m;
  if (whole!.length === 0 && frac.length === 0) return undefined;
  let format: QuantityFormat;
  let num = BigInt((whole || '0') + frac) * NANO;
  let den = 10n ** BigInt(frac.length);
  if (suffix in DEC_SUFFIX) {
    format = 'DecimalSI';
    const e = DEC_SUFFIX[suffix]!;
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  } else if (suffix in BIN_SUFFIX) {
    format = 'BinarySI';
    num *= 2n ** BigInt(BIN_SUFFIX[suffix]!);
  } else {
    const em = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
    if (!em) return undefined;
    format = 'DecimalExponent';
    const e = Number(em[1]);
    if (Math.abs(e) > 100) return undefined;
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  }
  let nano = divAway(num, den);
  if (sign === '-') nano = -nano;
  return { nano, format };
}

/** compareQuantity is Quantity.Cmp: -1, 0 or 1. */
export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nano < b.nano ? -1 : a.nano > b.nano ? 1 : 0;
}

/** milliValue is Quantity.MilliValue (rounded away from zero). */
export function milliValue(q: Quantity): bigint {
  return divAway(q.nano, 1_000_000n);
}

function decimalString(nano: bigint, exponentFormat: boolean): string {
  if (nano === 0n) return '0';
  const neg = nano < 0n;
  let mant = neg ? -nano : nano;
  let exp = -9;
  while (mant % 10n === 0n) {
    mant /= 10n;
    exp++;
  }
  while (((exp % 3) + 3) % 3 !== 0) {
    mant *= 10n;
    exp--;
  }
  if (!exponentFormat && exp > 18) {
    mant *= 10n ** BigInt(exp - 18);
    exp = 18;
  }
  let suffix: string;
  if (exponentFormat) suffix = exp === 0 ? '' : `e${exp}`;
  else suffix = Object.keys(DEC_SUFFIX).find((k) => DEC_SUFFIX[k] === exp)!;
  return `${neg ? '-' : ''}${mant}${suffix}`;
}

/** canonical is Quantity.String(): the canonical form upstream prints in messages. */
export function canonical(q: Quantity): string {
  if (q.format === 'BinarySI') {
    const whole = q.nano / NANO;
    // Like upstream: small values and fractional byte counts print as DecimalSI.
    const small = q.nano > -1024n * NANO && q.nano < 1024n * NANO;
    if (!small && q.nano % NANO === 0n) {
      const neg = whole < 0n;
      let v = neg ? -whole : whole;
      let i = 0;
      const names = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
      while (i < 6 && v % 1024n === 0n) {
        v /= 1024n;
        i++;
      }
      return `${neg ? '-' : ''}${v}${names[i]}`;
    }
    return decimalString(q.nano, false);
  }
  return decimalString(q.nano, q.format === 'DecimalExponent');
}

/** canonicalQuantity canonicalises a raw quantity value, returning it unchanged when unparsable. */
export function canonicalQuantity(raw: unknown): string {
  const q = parseQuantity(raw);
  return q ? canonical(q) : String(raw);
}
