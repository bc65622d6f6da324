/**
 * String-format checks used by Pod validation, mirroring apimachinery's util/validation.
 * Each `is*` function returns the list of problems (empty when valid) with upstream's exact
 * wording, because those strings end up verbatim in kubectl error output.
 */
import { isIP } from 'node:net';
import { fe, type FieldError } from '../../field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain, maxLenError, regexError } from '../names.js';

// Shared with the other kinds' validation, so every message has one source.
export { isDNS1123Label, isDNS1123Subdomain, maxLenError, regexError };

const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QNAME_FMT})?`;
const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';

const qnameRe = new RegExp(`^${QNAME_FMT}$`);
const labelValueRe = new RegExp(`^${LABEL_VALUE_FMT}$`);
const configKeyRe = new RegExp(`^${CONFIG_KEY_FMT}$`);

/** emptyError is upstream's EmptyError. */
export const emptyError = (): string => 'must be non-empty';
/** inclusiveRangeError is upstream's InclusiveRangeError. */
export const inclusiveRangeError = (lo: number | string, hi: number | string): string => `must be between ${lo} and ${hi}, inclusive`;

const QNAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** isQualifiedName checks `[prefix/]name` as used by label keys and toleration keys. */
export function isQualifiedName(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [
      `a qualified name ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!qnameRe.test(name)) errs.push(`name part ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** isValidLabelValue checks a label value (also toleration values for Equal). */
export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!labelValueRe.test(v))
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  return errs;
}

/** isRelaxedEnvVarName is the v1.35 env var name rule (RelaxedEnvironmentVariableValidation is GA). */
export function isRelaxedEnvVarName(v: string): string[] {
  const errs: string[] = [];
  if (v.length === 0) errs.push(`environment variable name ${emptyError()}`);
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    if (c > 0x7e || c < 0x20 || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

function hasChDirPrefix(v: string): string[] {
  if (v === '.') return ["must not be '.'"];
  if (v === '..') return ["must not be '..'"];
  if (v.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** isConfigMapKey checks a ConfigMap/Secret key referenced from env vars. */
export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!configKeyRe.test(v))
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  return [...errs, ...hasChDirPrefix(v)];
}

/** isValidPortName checks an IANA_SVC_NAME (container port names). */
export function isValidPortName(p: string): string[] {
  const errs: string[] = [];
  if (p.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(p)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(p)) errs.push('must contain at least one letter (a-z)');
  if (p.includes('--')) errs.push('must not contain consecutive hyphens');
  if (p.length > 0 && (p.startsWith('-') || p.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** isValidPortNum checks 1..65535. */
export function isValidPortNum(n: number): string[] {
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** isValidID checks a Linux user or group id (0..2^31-1). */
export function isValidID(n: number): string[] {
  return Number.isInteger(n) && n >= 0 && n <= 2147483647 ? [] : [inclusiveRangeError(0, 2147483647)];
}

/** isDecimalInteger is apimachinery's canonical decimal integer rule used by Gt/Lt tolerations. */
export function isDecimalInteger(v: string): string[] {
  if (v.length === 0) return ['must not be empty'];
  return /^-?(0|[1-9][0-9]*)$/.test(v) && v !== '-0' ? [] : ['must be a valid decimal integer in canonical form'];
}

/** invalidEach turns each message into an Invalid field error at one path. */
export function invalidEach(path: string, value: unknown, msgs: string[]): FieldError[] {
  return msgs.map((m) => fe.invalid(path, value, m));
}

/** validateDNSLabel is ValidateDNS1123Label: one Invalid per problem. */
export const validateDNSLabel = (v: string, path: string): FieldError[] => invalidEach(path, v, isDNS1123Label(v));
/** validateDNSSubdomain is ValidateDNS1123Subdomain. */
export const validateDNSSubdomain = (v: string, path: string): FieldError[] => invalidEach(path, v, isDNS1123Subdomain(v));
/** validateQualifiedName is ValidateQualifiedName / ValidateLabelName. */
export const validateQualifiedName = (v: string, path: string): FieldError[] => invalidEach(path, v, isQualifiedName(v));

/** validateLabels checks a label map; like upstream, key and value errors sit at the map's path. */
export function validateLabels(labels: Record<string, unknown> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateQualifiedName(k, path));
    errs.push(...invalidEach(path, v, isValidLabelValue(String(v ?? ''))));
  }
  return errs;
}

/** validateIP is 1.35's IsValidIP: one Invalid when the string is no IPv4/IPv6 address. */
export function validateIP(path: string, v: string): FieldError[] {
  return isIP(v) ? [] : [fe.invalid(path, v, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}
