import { arr, get, rec, str, strMap } from './fields.js';

/** formatLabels is labels.FormatLabels: sorted `k=v` pairs joined by ',', or '<none>'. */
export function formatLabels(labels: unknown): string {
  const m = strMap(labels);
  const keys = Object.keys(m).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${m[k]}`).join(',');
}

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validKey(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1] ?? '';
  if (name.length > 63 || !NAME_RE.test(name)) return false;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    return prefix.length > 0 && prefix.length <= 253 && DNS_SUBDOMAIN_RE.test(prefix);
  }
  return true;
}

function validValue(v: string): boolean {
  return v === '' || (v.length <= 63 && NAME_RE.test(v));
}

/**
 * labelSelectorString is metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key,
 * `k=v`, `k in (a,b)`, `k notin (a)`, `k`, `!k`, joined by ','. A nil or empty selector gives ''.
 * Returns undefined when the selector is invalid (unknown operator, wrong value count, bad syntax).
 */
export function labelSelectorString(selector: unknown): string | undefined {
  const sel = rec(selector);
  const reqs: Array<{ key: string; text: string }> = [];
  for (const [key, value] of Object.entries(rec(sel.matchLabels))) {
    if (typeof value !== 'string' || !validKey(key) || !validValue(value)) return undefined;
    reqs.push({ key, text: `${key}=${value}` });
  }
  for (const raw of arr(sel.matchExpressions)) {
    const e = rec(raw);
    const key = str(e.key);
    const values = arr(e.values).map(str);
    if (!validKey(key) || !values.every(validValue)) return undefined;
    const sorted = [...values].sort().join(',');
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined;
        reqs.push({ key, text: `${key} ${e.operator === 'In' ? 'in' : 'notin'} (${sorted})` });
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length !== 0) return undefined;
        reqs.push({ key, text: e.operator === 'Exists' ? key : `!${key}` });
        break;
      default:
        return undefined;
    }
  }
  // Array.prototype.sort is stable, so equal keys keep matchLabels-then-expressions order.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** formatLabelSelector is metav1.FormatLabelSelector: '<none>' when empty, '<error>' when invalid. */
export function formatLabelSelector(selector: unknown): string {
  const s = labelSelectorString(selector);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** containerCells is layoutContainerCells: names and images of regular containers, ','-joined. */
export function containerCells(podSpec: unknown): [string, string] {
  const containers = arr(get(podSpec, 'containers')).map(rec);
  return [containers.map((c) => str(c.name)).join(','), containers.map((c) => str(c.image)).join(',')];
}

/**
 * listWithMore joins the first `max` items with ',' and appends ' + N more...' for the rest;
 * an empty list gives `empty` ('<unset>' for EndpointSlice columns).
 */
export function listWithMore(items: string[], max = 3, empty = '<unset>'): string {
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown === '' ? empty : shown;
}

/** accessModes is GetAccessModesAsString: present modes in the fixed order RWO,ROX,RWX,RWOP. */
export function accessModes(modes: unknown): string {
  const have = new Set(arr(modes).map(str));
  const order: Array<[string, string]> = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return order.filter(([m]) => have.has(m)).map(([, s]) => s).join(',');
}

/** joinHostPort is net.JoinHostPort: IPv6 literals get brackets. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** loadBalancerIngress lists ingress IPs (hostname when no IP), de-duplicated and sorted. */
export function loadBalancerIngress(lb: unknown): string[] {
  const out = new Set<string>();
  for (const raw of arr(get(lb, 'ingress'))) {
    const i = rec(raw);
    const v = str(i.ip) || str(i.hostname);
    if (v) out.add(v);
  }
  return [...out].sort();
}

/** boolPtr is printBoolPtr: 'True'/'False', or '<unset>' when absent. */
export function boolPtr(v: unknown): string {
  if (typeof v !== 'boolean') return '<unset>';
  return v ? 'True' : 'False';
}
