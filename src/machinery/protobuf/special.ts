import { canonical, parseQuantity, QUANTITY_FORMAT_ERROR } from '../quantity.js';
import { ProtoError } from './wire.js';

/**
 * JSON renderings of the apimachinery types whose JSON is not an object of their
 * protobuf fields (k8s-protobuf.md §5): Time, MicroTime, Duration and Quantity.
 */

const NANOS_PER_SECOND = 1_000_000_000n;
// Go's Time.MarshalJSON refuses years outside [0,9999].
const MIN_SECONDS = -62167219200n; // 0000-01-01T00:00:00Z
const MAX_SECONDS = 253402300799n; // 9999-12-31T23:59:59Z

/** normalize folds nanos into seconds the way time.Unix does. */
function normalize(seconds: bigint, nanos: bigint): { seconds: bigint; nanos: bigint } {
  let s = seconds + nanos / NANOS_PER_SECOND;
  let n = nanos % NANOS_PER_SECOND;
  if (n < 0n) {
    n += NANOS_PER_SECOND;
    s -= 1n;
  }
  return { seconds: s, nanos: n };
}

/** rfc3339 renders metav1.Time: UTC, whole seconds ('2006-01-02T15:04:05Z'). */
export function rfc3339(seconds: bigint, nanos: bigint): string {
  return formatUTC(normalize(seconds, nanos).seconds, '');
}

/** rfc3339Micro renders metav1.MicroTime: UTC with six fraction digits, truncated. */
export function rfc3339Micro(seconds: bigint, nanos: bigint): string {
  const t = normalize(seconds, nanos);
  return formatUTC(t.seconds, `.${String(t.nanos / 1000n).padStart(6, '0')}`);
}

function formatUTC(seconds: bigint, fraction: string): string {
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw new ProtoError('Time.MarshalJSON: year outside of range [0,9999]');
  const iso = new Date(Number(seconds) * 1000).toISOString(); // '+0000'-style years never occur in range
  const year = iso.startsWith('-') || iso.startsWith('+') ? iso.slice(3, 7) : iso.slice(0, 4);
  return `${year}${iso.slice(iso.indexOf('-', 1), 19)}${fraction}Z`;
}

/** parseRFC3339 is the inverse, for the encoder: seconds and nanos since the epoch. */
export function parseRFC3339(s: string): { seconds: bigint; nanos: bigint } {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/.exec(s);
  if (!m) throw new ProtoError(`parsing time ${JSON.stringify(s)} as RFC3339 failed`);
  const [, y, mo, d, h, mi, se, frac = '', sign, oh = '0', om = '0'] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  if (Number(y) < 100) ms = new Date(ms).setUTCFullYear(Number(y));
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60 : 0;
  return { seconds: BigInt(ms / 1000 - offset), nanos: BigInt(frac.padEnd(9, '0') || '0') };
}

/** goDuration renders nanoseconds as Go's time.Duration.String ('1h0m0s', '1.5s', '300ms'). */
export function goDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  const u = neg ? -ns : ns;
  const sign = neg ? '-' : '';
  if (u < NANOS_PER_SECOND) {
    const [unit, div] = u < 1000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    return `${sign}${fraction(u, div)}${unit}`;
  }
  const hours = u / (3600n * NANOS_PER_SECOND);
  const minutes = (u / (60n * NANOS_PER_SECOND)) % 60n;
  const secs = fraction(u % (60n * NANOS_PER_SECOND), NANOS_PER_SECOND);
  if (hours > 0n) return `${sign}${hours}h${minutes}m${secs}s`;
  if (minutes > 0n) return `${sign}${minutes}m${secs}s`;
  return `${sign}${secs}s`;
}

function fraction(v: bigint, div: bigint): string {
  const whole = v / div;
  const rest = v % div;
  if (rest === 0n) return String(whole);
  const digits = String(div).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

/**
 * canonicalQuantity parses a Quantity's string the way upstream's protobuf Unmarshal
 * does and renders its canonical form; an empty string is zero.
 */
export function canonicalQuantity(s: string): string {
  if (s === '') return '0';
  const q = parseQuantity(s);
  if (!q) throw new ProtoError(QUANTITY_FORMAT_ERROR);
  return canonical(q);
}
