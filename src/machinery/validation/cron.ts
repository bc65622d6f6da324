/**
 * Standard 5-field cron parsing as robfig/cron's ParseStandard, returning its error text:
 * CronJob validation puts that text after `spec.schedule: Invalid value: "<schedule>": `.
 */

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DOW: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DOW },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Go's strconv.Atoi error text for a non-number. */
function atoiError(s: string): string {
  return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
}

function parseInt10(expr: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(expr)) return `failed to parse int from ${expr}: ${atoiError(expr)}`;
  const n = Number(expr);
  if (n < 0) return `negative number (${n}) not allowed: ${expr}`;
  return n;
}

function parseValue(expr: string, b: Bounds): number | string {
  const named = b.names?.[expr.toLowerCase()];
  return named !== undefined ? named : parseInt10(expr);
}

/** parseRange checks one comma-separated element ("*", "a", "a-b", any of them with "/step"). */
function parseRange(expr: string, b: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
  } else {
    const s = parseValue(lowAndHigh[0]!, b);
    if (typeof s === 'string') return s;
    start = s;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = parseValue(lowAndHigh[1]!, b);
      if (typeof e === 'string') return e;
      end = e;
    } else return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const st = parseInt10(rangeAndStep[1]!);
    if (typeof st === 'string') return st;
    step = st;
    if (lowAndHigh.length === 1 && lowAndHigh[0] !== '*' && lowAndHigh[0] !== '?') end = b.max;
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < b.min) return `beginning of range (${start}) below minimum (${b.min}): ${expr}`;
  if (end > b.max) return `end of range (${end}) above maximum (${b.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

/** Go's time.ParseDuration accepts e.g. "1h30m", "90s", "1.5h". */
const GO_DURATION = /^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/;

/** parseCronError returns undefined for a valid schedule or robfig's error message. */
export function parseCronError(spec: string): string | undefined {
  let s = spec;
  if (s.length === 0) return 'empty spec string';
  if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) {
    const i = s.indexOf(' ');
    const tz = s.slice(s.indexOf('=') + 1, i < 0 ? undefined : i);
    if (!/^[A-Za-z0-9_+\-/]+$/.test(tz) && tz !== '') return `provided bad location ${tz}: unknown time zone ${tz}`;
    s = i < 0 ? '' : s.slice(i).trim();
  }
  if (s.startsWith('@')) {
    if (DESCRIPTORS.has(s)) return undefined;
    if (s.startsWith('@every ')) {
      const d = s.slice('@every '.length);
      return GO_DURATION.test(d) ? undefined : `failed to parse duration ${s}: time: invalid duration ${JSON.stringify(d)}`;
    }
    return `unrecognized descriptor: ${s}`;
  }
  const fields = s.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (let i = 0; i < 5; i++) {
    for (const part of fields[i]!.split(',')) {
      const err = parseRange(part, FIELDS[i]!);
      if (err) return err;
    }
  }
  return undefined;
}
