const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * parseGoDuration is Go's time.ParseDuration ('1h30m', '2.5s', '-1m', '0'), returning
 * milliseconds; metav1.Duration fields of component configs are written this way.
 */
export function parseGoDuration(s: string): number {
  const bad = () => new Error(`time: invalid duration ${JSON.stringify(s)}`);
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw bad();
  let total = 0;
  if (/^\d*\.?\d*$/.test(rest)) throw new Error(`time: missing unit in duration ${JSON.stringify(s)}`);
  while (rest !== '') {
    const m = /^(\d*\.?\d*)([a-zµμ]+)/.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') throw bad();
    const unit = UNITS[m[2]!];
    if (unit === undefined) throw new Error(`time: unknown unit ${JSON.stringify(m[2])} in duration ${JSON.stringify(s)}`);
    total += Number(m[1]) * unit;
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** formatGoDuration is Go's Duration.String() for whole milliseconds ('15s', '1m30s', '500ms', '0s'). */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let v = Math.abs(ms);
  if (v < 1000) return `${neg ? '-' : ''}${v}ms`;
  const h = Math.floor(v / 3_600_000);
  v -= h * 3_600_000;
  const m = Math.floor(v / 60_000);
  v -= m * 60_000;
  const sec = v / 1000;
  let out = '';
  if (h) out += `${h}h`;
  if (h || m) out += `${m}m`;
  out += `${Number(sec.toFixed(3))}s`;
  return (neg ? '-' : '') + out;
}
