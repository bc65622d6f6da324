/**
 * String-format checks (apimachinery's util/validation and api/validate/content) that return
 * upstream's message lists. Validators wrap each message into a field error, so the exact
 * wording here is what users see after "Invalid value: ...".
 */
import { isDNS1123Subdomain, isLabelKey, isLabelValue, regexError } from '../labels/validation.js';

export { isDNS1123Subdomain, isLabelKey as isQualifiedName, isLabelValue, regexError };

const byteLen = (s: string): number => Buffer.byteLength(s, 'utf8');

/** maxLenError is upstream's MaxLenError (v1.35 says "bytes"). */
export const maxLenError = (n: number): string => `must be no more than ${n} bytes`;

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_ERR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const labelRe = new RegExp(`^${DNS1123_LABEL_FMT}$`);

/** isDNS1123Label: names of namespaces, statefulsets, ports and many more. */
export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (byteLen(v) > 63) errs.push(maxLenError(63));
  if (!labelRe.test(v)) {
    // A valid subdomain that is not a label can only be failing because of dots.
    if (isDNS1123Subdomain(v).length === 0) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_ERR =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const label1035Re = new RegExp(`^${DNS1035_LABEL_FMT}$`);

/** isDNS1035Label: Service names and port names must also start with a letter. */
export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (byteLen(v) > 63) errs.push(maxLenError(63));
  if (!label1035Re.test(v)) errs.push(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** isPathSegmentName: names that only have to survive being a URL path segment (RBAC). */
export function isPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  if (name.includes('/')) errs.push("may not contain '/'");
  if (name.includes('%')) errs.push("may not contain '%'");
  return errs;
}

/** A name validator as upstream's ValidateNameFunc: prefix=true checks a generateName. */
export type NameValidator = (name: string, prefix: boolean) => string[];

/**
 * maskTrailingDash reproduces upstream's quirk for generateName prefixes: a trailing '-' is
 * allowed by replacing the last two characters with "a" before checking.
 */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, -2) + 'a' : name;
}

export const nameIsDNSSubdomain: NameValidator = (n, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(n) : n);
export const nameIsDNSLabel: NameValidator = (n, prefix) => isDNS1123Label(prefix ? maskTrailingDash(n) : n);
export const nameIsDNS1035Label: NameValidator = (n, prefix) => isDNS1035Label(prefix ? maskTrailingDash(n) : n);
export const nameIsPathSegment: NameValidator = (n, prefix) => {
  if (prefix) {
    const errs: string[] = [];
    if (n.includes('/')) errs.push("may not contain '/'");
    if (n.includes('%')) errs.push("may not contain '%'");
    return errs;
  }
  return isPathSegmentName(n);
};

const PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const pathRe = new RegExp(`^${PATH_FMT}$`);

/**
 * isDomainPrefixedPath returns [badValue, message] pairs: upstream reports the host part or
 * the whole value as the bad value depending on which check failed.
 */
export function isDomainPrefixedPath(value: string): Array<[string, string]> {
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) {
    return [[value, 'must be a domain-prefixed path (such as "acme.io/foo")']];
  }
  const host = value.slice(0, slash);
  const path = value.slice(slash + 1);
  const out: Array<[string, string]> = isDNS1123Subdomain(host).map((m) => [host, m] as [string, string]);
  if (!pathRe.test(path)) out.push([path, regexError('Invalid path', PATH_FMT)]);
  return out;
}

const DECIMAL_RE = /^-?(0|[1-9][0-9]*)$/;

/** isValidPortNum: 1..65535. */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** isValidIP accepts canonical-ish IPv4/IPv6 literals as Go's netip parser does (no zones). */
export function isValidIP(v: string): boolean {
  const v4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  if (v4.test(v)) return true;
  if (!v.includes(':') || v.includes('%')) return false;
  const parts = v.split('::');
  if (parts.length > 2) return false;
  const groups = (s: string): string[] | null => {
    if (s === '') return [];
    const gs = s.split(':');
    // An embedded IPv4 tail counts as two groups.
    const last = gs[gs.length - 1]!;
    if (last.includes('.')) {
      if (!v4.test(last)) return null;
      gs.splice(gs.length - 1, 1, '0', '0');
    }
    return gs.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? gs : null;
  };
  const head = groups(parts[0]!);
  const tail = parts.length === 2 ? groups(parts[1]!) : [];
  if (!head || !tail) return false;
  const n = head.length + tail.length;
  return parts.length === 2 ? n < 8 : n === 8;
}

/** isValidCIDR: an IP, '/', and a prefix length in range for the family. */
export function isValidCIDR(v: string): boolean {
  const slash = v.indexOf('/');
  if (slash < 0) return false;
  const ip = v.slice(0, slash);
  const bits = v.slice(slash + 1);
  if (!isValidIP(ip) || !/^(0|[1-9]\d*)$/.test(bits)) return false;
  return Number(bits) <= (ip.includes(':') ? 128 : 32);
}

/** isDecimalInteger is the canonical-integer check (no sign other than '-', no leading zeros). */
export function isDecimalInteger(v: string): boolean {
  return DECIMAL_RE.test(v);
}
