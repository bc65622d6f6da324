import { ZPAGE_GROUP, ZPAGE_VERSION } from './negotiate.js';
import type { ComponentInfo } from './types.js';
import { rfc3339 } from '../util/time.js';

/** DELIMITERS are upstream's randomised key/value separators that make the text deliberately unparseable. */
export const DELIMITERS = [':', ': ', '=', ' '] as const;

/** WARNING is the second header line of both text z-pages. */
export const WARNING =
  'Warning: This endpoint is not meant to be machine parseable, has no formatting compatibility guarantees and is for debugging purposes only.';

/** NON_DEBUGGING_PATHS are API prefixes that /statusz does not list. */
const NON_DEBUGGING_PATHS = new Set(['/api', '/apis', '/openapi', '/openid', '/.well-known']);

/** Statusz is config.k8s.io/v1alpha1 Statusz as serialised to JSON. */
export interface Statusz {
  kind: 'Statusz';
  apiVersion: string;
  metadata: { name: string };
  startTime: string;
  uptimeSeconds: number;
  goVersion: string;
  binaryVersion: string;
  emulationVersion?: string;
  paths: string[] | null;
}

/** Flagz is config.k8s.io/v1alpha1 Flagz as serialised to JSON. */
export interface Flagz {
  kind: 'Flagz';
  apiVersion: string;
  metadata: { name: string };
  flags?: Record<string, string>;
}

/** aggregatePaths reduces served paths to their sorted, unique first segments, minus API prefixes. */
export function aggregatePaths(paths: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const first = p.split('/')[1];
    if (!first) continue;
    const folder = `/${first}`;
    if (!NON_DEBUGGING_PATHS.has(folder)) out.add(folder);
  }
  return [...out].sort();
}

/** statusz builds the structured object; startTime is RFC 3339 in UTC with whole seconds, like metav1.Time. */
export function statusz(info: ComponentInfo, now: number, paths: string[]): Statusz {
  const s: Statusz = {
    kind: 'Statusz',
    apiVersion: `${ZPAGE_GROUP}/${ZPAGE_VERSION}`,
    metadata: { name: info.name },
    startTime: rfc3339(info.startTime),
    uptimeSeconds: Math.max(0, Math.floor((now - info.startTime) / 1000)),
    goVersion: info.runtimeVersion ?? process.version,
    binaryVersion: info.binaryVersion,
    paths: paths.length > 0 ? paths : null,
  };
  if (info.emulationVersion) s.emulationVersion = info.emulationVersion;
  return s;
}

/**
 * statuszText renders the plain-text page. Layout follows upstream's text serializer: a
 * leading newline, `<name> statusz`, the warning, a blank line, then `Label<D> value` lines;
 * the emulation-version and paths lines are left empty when there is nothing to show.
 */
export function statuszText(s: Statusz, startTime: number, delim: string): string {
  const d = htmlEscape(delim);
  const emulation = s.emulationVersion ? `Emulation version${d} ${htmlEscape(s.emulationVersion)}` : '';
  const paths = s.paths && s.paths.length > 0 ? `Paths${d} ${htmlEscape(s.paths.join(' '))}` : '';
  return [
    '',
    `${s.metadata.name} statusz`,
    WARNING,
    '',
    `Started${d} ${htmlEscape(unixDate(startTime))}`,
    `Up${d} ${htmlEscape(uptime(s.uptimeSeconds))}`,
    `Go version${d} ${htmlEscape(s.goVersion)}`,
    `Binary version${d} ${htmlEscape(s.binaryVersion)}`,
    emulation,
    paths,
    '',
  ].join('\n');
}

/** redactedFlags applies the `classified` annotation: confidential values become CLASSIFIED. */
export function redactedFlags(info: ComponentInfo): Record<string, string> {
  const secret = new Set(info.confidentialFlags ?? []);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(info.flags)) out[k] = secret.has(k) ? 'CLASSIFIED' : v;
  return out;
}

/** flagz builds the structured object; `flags` is omitted when empty (omitempty upstream). */
export function flagz(info: ComponentInfo): Flagz {
  const f: Flagz = { kind: 'Flagz', apiVersion: `${ZPAGE_GROUP}/${ZPAGE_VERSION}`, metadata: { name: info.name } };
  const flags = redactedFlags(info);
  if (Object.keys(flags).length > 0) f.flags = flags;
  return f;
}

/** flagzText renders `<name> flagz`, the warning, a blank line, then sorted `name<D>value` lines. */
export function flagzText(f: Flagz, delim: string): string {
  const flags = f.flags ?? {};
  const lines = Object.keys(flags)
    .sort()
    .map((k) => `${k}${delim}${flags[k]}\n`)
    .join('');
  return `\n${f.metadata.name} flagz\n${WARNING}\n\n${lines}`;
}

/** uptime is upstream's `%d hr %02d min %02d sec`. */
export function uptime(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)} hr ${pad(Math.floor(seconds / 60) % 60)} min ${pad(seconds % 60)} sec`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** unixDate is Go's time.UnixDate layout (`Mon Jan _2 15:04:05 MST 2006`), always in UTC. */
export function unixDate(ms: number): string {
  const d = new Date(ms);
  const hms = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${hms} UTC ${d.getUTCFullYear()}`;
}

/** htmlEscape matches Go's html.EscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[&'<>"]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;' })[c]!);
}
