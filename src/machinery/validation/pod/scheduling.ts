/**
 * Scheduling-related PodSpec fields: affinity, topology spread, scheduling and readiness gates,
 * DNS config, host aliases and workloadRef (v1.35 gang scheduling).
 */
import { fe, child, index, type FieldError } from '../../field-errors.js';
import { invalidEach, isDNS1123Label, isDNS1123Subdomain, regexError, validateDNSSubdomain, validateIP, validateQualifiedName } from './names.js';

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

function validateNodeSelectorTerm(term: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(term?.matchExpressions).forEach((rq, j) => {
    const p = index(child(path, 'matchExpressions'), j);
    const vals = list(rq?.values);
    switch (rq?.operator) {
      case 'In':
      case 'NotIn':
        if (vals.length === 0) errs.push(fe.required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (vals.length > 0) errs.push(fe.forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      case 'Gt':
      case 'Lt':
        if (vals.length !== 1) errs.push(fe.required(child(p, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        break;
      default:
        errs.push(fe.invalid(child(p, 'operator'), rq?.operator ?? '', 'not a valid selector operator'));
    }
    errs.push(...validateQualifiedName(rq?.key ?? '', child(p, 'key')));
  });
  list(term?.matchFields).forEach((rq, j) => {
    const p = index(child(path, 'matchFields'), j);
    if (rq?.operator !== 'In' && rq?.operator !== 'NotIn') errs.push(fe.invalid(child(p, 'operator'), rq?.operator ?? '', 'not a valid selector operator'));
    else if (list(rq?.values).length !== 1)
      errs.push(fe.required(child(p, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    if (rq?.key !== 'metadata.name') errs.push(fe.invalid(child(p, 'key'), rq?.key ?? '', 'not a valid field selector key'));
    else list(rq?.values).forEach((v, k) => errs.push(...invalidEach(index(child(p, 'values'), k), v, isDNS1123Subdomain(String(v)))));
  });
  return errs;
}

const weight = (w: unknown, path: string): FieldError[] =>
  typeof w === 'number' && w >= 1 && w <= 100 ? [] : [fe.invalid(path, w ?? 0, 'must be in the range 1-100')];

function podAffinityTerm(t: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const ns of list(t?.namespaces)) errs.push(...invalidEach(child(path, 'namespace'), ns, isDNS1123Label(String(ns))));
  if (!t?.topologyKey) errs.push(fe.required(child(path, 'topologyKey'), 'can not be empty'));
  return [...errs, ...validateQualifiedName(t?.topologyKey ?? '', child(path, 'topologyKey'))];
}

/** validateAffinity checks node affinity terms and pod (anti-)affinity weights and topology keys. */
export function validateAffinity(aff: any, path: string): FieldError[] {
  if (aff == null) return [];
  const errs: FieldError[] = [];
  const na = aff.nodeAffinity;
  const req = na?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req != null) {
    const tp = child(child(child(path, 'nodeAffinity'), 'requiredDuringSchedulingIgnoredDuringExecution'), 'nodeSelectorTerms');
    if (list(req.nodeSelectorTerms).length === 0) errs.push(fe.required(tp, 'must have at least one node selector term'));
    list(req.nodeSelectorTerms).forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, index(tp, i))));
  }
  list(na?.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
    const p = index(child(child(path, 'nodeAffinity'), 'preferredDuringSchedulingIgnoredDuringExecution'), i);
    errs.push(...weight(t?.weight, child(p, 'weight')), ...validateNodeSelectorTerm(t?.preference, child(p, 'preference')));
  });
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = aff[kind];
    list(pa?.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
      errs.push(...podAffinityTerm(t, index(child(child(path, kind), 'requiredDuringSchedulingIgnoredDuringExecution'), i))),
    );
    list(pa?.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const p = index(child(child(path, kind), 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      errs.push(...weight(t?.weight, child(p, 'weight')), ...podAffinityTerm(t?.podAffinityTerm, child(p, 'podAffinityTerm')));
    });
  }
  return errs;
}

/** validateTopologySpreadConstraints checks maxSkew, topologyKey, whenUnsatisfiable, minDomains and repeats. */
export function validateTopologySpreadConstraints(tsc: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const cs = list(tsc);
  cs.forEach((c, i) => {
    const p = index(path, i);
    if (!(typeof c?.maxSkew === 'number' && c.maxSkew > 0)) errs.push(fe.invalid(child(p, 'maxSkew'), c?.maxSkew ?? 0, 'must be greater than zero'));
    if (!c?.topologyKey) errs.push(fe.required(child(p, 'topologyKey'), 'can not be empty'));
    else errs.push(...validateQualifiedName(c.topologyKey, child(p, 'topologyKey')));
    const wu = c?.whenUnsatisfiable ?? '';
    if (wu !== 'DoNotSchedule' && wu !== 'ScheduleAnyway') errs.push(fe.notSupported(child(p, 'whenUnsatisfiable'), wu, ['DoNotSchedule', 'ScheduleAnyway']));
    if (cs.slice(i + 1).some((o) => o?.topologyKey === c?.topologyKey && o?.whenUnsatisfiable === c?.whenUnsatisfiable))
      errs.push(fe.duplicate(child(p, '{topologyKey, whenUnsatisfiable}'), `{${c?.topologyKey ?? ''}, ${wu}}`));
    if (c?.minDomains != null) {
      if (wu !== 'DoNotSchedule')
        errs.push(fe.invalid(child(p, 'minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${wu}`));
      if (c.minDomains <= 0) errs.push(fe.invalid(child(p, 'minDomains'), c.minDomains, 'must be greater than zero'));
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy'])
      if (c?.[f] != null && c[f] !== 'Honor' && c[f] !== 'Ignore') errs.push(fe.notSupported(child(p, f), c[f], ['Honor', 'Ignore']));
  });
  return errs;
}

/** validateSchedulingGates: qualified names, no duplicates. */
export function validateSchedulingGates(gates: unknown, path: string): FieldError[] {
  const seen = new Set<string>();
  return list(gates).flatMap((g, i) => {
    const name = g?.name ?? '';
    const errs = validateQualifiedName(name, index(path, i));
    if (seen.has(name)) errs.push(fe.duplicate(index(path, i), name));
    seen.add(name);
    return errs;
  });
}

const SEARCH_FMT = '[_a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\.[_a-z0-9]([-_a-z0-9]*[a-z0-9])?)*';
const searchRe = new RegExp(`^${SEARCH_FMT}$`);

/** validateDNSConfig checks dnsConfig (required with dnsPolicy None) with 1.35's relaxed search names. */
export function validateDNSConfig(cfg: any, dnsPolicy: unknown, path: string): FieldError[] {
  if (dnsPolicy === 'None') {
    if (cfg == null) return [fe.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (list(cfg.nameservers).length === 0) return [fe.required(child(path, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (cfg == null) return [];
  const errs: FieldError[] = [];
  const ns = list(cfg.nameservers);
  if (ns.length > 3) errs.push(fe.invalid(child(path, 'nameservers'), ns, 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...validateIP(index(child(path, 'nameservers'), i), String(n))));
  const searches = list(cfg.searches);
  if (searches.length > 32) errs.push(fe.invalid(child(path, 'searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048)
    errs.push(fe.invalid(child(path, 'searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  searches.forEach((s, i) => {
    if (s === '.') return;
    const v = String(s).replace(/\.$/, '');
    const p = index(child(path, 'searches'), i);
    if (v.length > 253) errs.push(fe.invalid(p, v, 'must be no more than 253 characters'));
    if (!searchRe.test(v))
      errs.push(fe.invalid(p, v, regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character", SEARCH_FMT, 'example.com')));
  });
  list(cfg.options).forEach((o, i) => {
    if (!o?.name) errs.push(fe.required(index(child(path, 'options'), i), 'must not be empty'));
  });
  return errs;
}

/** validateHostAliases: each ip must be an IP, each hostname a DNS subdomain. */
export function validateHostAliases(aliases: unknown, path: string): FieldError[] {
  return list(aliases).flatMap((a, i) => [
    ...validateIP(child(index(path, i), 'ip'), String(a?.ip ?? '')),
    ...list(a?.hostnames).flatMap((h, j) => validateDNSSubdomain(String(h), index(child(index(path, i), 'hostnames'), j))),
  ]);
}

/** validateWorkloadRef is the v1.35 spec.workloadRef check (empty name/podGroup are Invalid, not Required). */
export function validateWorkloadRef(ref: any, path: string): FieldError[] {
  if (ref == null) return [];
  const errs = invalidEach(child(path, 'name'), ref.name ?? '', isDNS1123Subdomain(ref.name ?? ''));
  errs.push(...invalidEach(child(path, 'podGroup'), ref.podGroup ?? '', isDNS1123Label(ref.podGroup ?? '')));
  if (ref.podGroupReplicaKey)
    errs.push(...invalidEach(child(path, 'podGroupReplicaKey'), ref.podGroupReplicaKey, isDNS1123Label(ref.podGroupReplicaKey)));
  return errs;
}
