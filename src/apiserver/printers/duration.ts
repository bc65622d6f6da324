/**
 * humanDuration is apimachinery's duration.HumanDuration: a short, truncated age such as '5m',
 * '3h4m' or '2y5d', computed by the server so kubectl prints it verbatim.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(seconds / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const d = Math.trunc(hours / 24);
    return h === 0 ? `${d}d` : `${d}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/**
 * parseTime reads an RFC 3339 timestamp (metav1.Time or MicroTime) as epoch ms; undefined for
 * absent, unparsable or Go-zero ('0001-01-01T00:00:00Z') values, which upstream treats as unset.
 */
export function parseTime(v: unknown): number | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t) || t <= ZERO_TIME) return undefined;
  return t;
}

/** Go's zero time.Time, which metav1.Time treats as unset. */
const ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');

/** since is translateTimestampSince: HumanDuration(now − t), or '<unknown>' for a zero time. */
export function since(v: unknown, now: number): string {
  const t = parseTime(v);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}
