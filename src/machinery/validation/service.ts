/**
 * Service validation (core validation's ValidateService / ValidateServiceUpdate): ports, type,
 * session affinity, selector, ExternalName and the traffic policies. IP allocation and family
 * resolution are the server's job and only checked for well-formedness here.
 */
import { child, fe, index, type FieldError } from '../field-errors.js';
import { isObj, list, str, validateLabels, validateQualifiedName } from './common.js';
import { isDNS1123Label, isDNS1123Subdomain, isValidIP, isValidPortNum, maxLenError } from './names.js';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const AFFINITY = ['ClientIP', 'None'];
const TRAFFIC = ['Cluster', 'Local'];
const FAMILIES = ['IPv4', 'IPv6'];
const FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const KUBELET_PORT = 10250;
const MAX_AFFINITY_TIMEOUT = 86400;

/** isValidPortName: IANA service names (upstream's IsValidPortName). */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** validatePortNumOrName validates an IntOrString port reference. */
export function validatePortNumOrName(v: unknown, path: string): FieldError[] {
  if (typeof v === 'number') return isValidPortNum(v).map((m) => fe.invalid(path, v, m));
  if (typeof v === 'string') return isValidPortName(v).map((m) => fe.invalid(path, v, m));
  return [];
}

const isHeadless = (spec: any): boolean => spec.clusterIP === 'None' || (list(spec.clusterIPs).length === 1 && spec.clusterIPs[0] === 'None');

function validatePort(sp: any, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sp?.name);
  if (requireName && !name) errs.push(fe.required(child(path, 'name')));
  else if (name) {
    for (const m of isDNS1123Label(name)) errs.push(fe.invalid(child(path, 'name'), name, m));
    if (names.has(name)) errs.push(fe.duplicate(child(path, 'name'), name));
    else names.add(name);
  }
  const port = typeof sp?.port === 'number' ? sp.port : 0;
  for (const m of isValidPortNum(port)) errs.push(fe.invalid(child(path, 'port'), port, m));
  const proto = str(sp?.protocol);
  if (!proto) errs.push(fe.required(child(path, 'protocol')));
  else if (!PROTOCOLS.includes(proto)) errs.push(fe.notSupported(child(path, 'protocol'), proto, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp?.targetPort, child(path, 'targetPort')));
  if (sp?.appProtocol != null) errs.push(...validateQualifiedName(str(sp.appProtocol), child(path, 'appProtocol')));
  return errs;
}

function validateTypeSpecific(spec: any, type: string): FieldError[] {
  const errs: FieldError[] = [];
  const first = list(spec.clusterIPs)[0] ?? spec.clusterIP;
  if ((type === 'LoadBalancer' || type === 'NodePort') && isHeadless(spec)) {
    errs.push(fe.invalid('spec.clusterIPs[0]', first, `may not be set to 'None' for ${type} services`));
  }
  if (type === 'LoadBalancer') {
    list(spec.ports).forEach((p: any, i: number) => {
      if (p?.port === KUBELET_PORT) errs.push(fe.invalid(index('spec.ports', i), p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
    });
  }
  if (type === 'ExternalName') {
    if (list(spec.clusterIPs).length > 0) errs.push(fe.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (list(spec.ipFamilies).length > 0) errs.push(fe.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy != null) errs.push(fe.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (!cname) errs.push(fe.required('spec.externalName'));
    else for (const m of isDNS1123Subdomain(cname)) errs.push(fe.invalid('spec.externalName', cname, m));
  }
  if (type === 'ClusterIP') {
    list(spec.ports).forEach((p: any, i: number) => {
      if (p?.nodePort) errs.push(fe.forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  return errs;
}

function validateDuplicatePorts(spec: any): FieldError[] {
  const errs: FieldError[] = [];
  const nodePorts = new Set<string>();
  const ports = new Set<string>();
  list(spec.ports).forEach((p: any, i: number) => {
    const path = index('spec.ports', i);
    if (p?.nodePort) {
      const k = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(k)) errs.push(fe.duplicate(child(path, 'nodePort'), p.nodePort));
      nodePorts.add(k);
    }
    const k = `${p?.protocol}/${p?.port}`;
    if (ports.has(k)) errs.push(fe.duplicate(path, { port: p.port, protocol: p.protocol }));
    ports.add(k);
  });
  return errs;
}

function validateAffinity(spec: any): FieldError[] {
  const sa = str(spec.sessionAffinity);
  if (!sa) return [fe.required('spec.sessionAffinity')];
  if (!AFFINITY.includes(sa)) return [fe.notSupported('spec.sessionAffinity', sa, AFFINITY)];
  if (sa === 'None' && spec.sessionAffinityConfig != null) return [fe.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None')];
  if (sa === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    const p = 'spec.sessionAffinityConfig.clientIP.timeoutSeconds';
    if (t == null) return [fe.required(p)];
    if (!(t > 0 && t <= MAX_AFFINITY_TIMEOUT)) return [fe.invalid(p, t, `must be greater than 0 and less than ${MAX_AFFINITY_TIMEOUT}`)];
  }
  return [];
}

function validateIPFields(spec: any): FieldError[] {
  const errs: FieldError[] = [];
  list(spec.clusterIPs).forEach((ip: unknown, i: number) => {
    const s = str(ip);
    if (s === 'None') {
      if (i > 0 || list(spec.clusterIPs).length > 1) errs.push(fe.invalid(index('spec.clusterIPs', i), s, "'None' must be the first and only value"));
    } else if (!isValidIP(s)) errs.push(fe.invalid(index('spec.clusterIPs', i), s, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  const cip = str(spec.clusterIP);
  if (cip && cip !== 'None' && !isValidIP(cip)) errs.push(fe.invalid('spec.clusterIP', cip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  list(spec.ipFamilies).forEach((f: unknown, i: number) => {
    if (!FAMILIES.includes(str(f))) errs.push(fe.notSupported(index('spec.ipFamilies', i), f, FAMILIES));
  });
  if (spec.ipFamilyPolicy != null && !FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.push(fe.notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, FAMILY_POLICIES));
  }
  list(spec.externalIPs).forEach((ip: unknown, i: number) => {
    if (!isValidIP(str(ip))) errs.push(fe.invalid(index('spec.externalIPs', i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  return errs;
}

/** validateService: create-time spec rules (metadata is the dispatcher's job). */
export function validateService(svc: any): FieldError[] {
  const spec = isObj(svc?.spec) ? svc.spec : {};
  const type = str(spec.type);
  const ports = list(spec.ports);
  const errs: FieldError[] = [];
  if (ports.length === 0 && !isHeadless(spec) && type !== 'ExternalName') errs.push(fe.required('spec.ports'));
  errs.push(...validateTypeSpecific(spec, type));
  const names = new Set<string>();
  ports.forEach((p: any, i: number) => errs.push(...validatePort(p, ports.length > 1, names, index('spec.ports', i))));
  if (spec.selector != null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  errs.push(...validateAffinity(spec));
  errs.push(...validateIPFields(spec));
  if (!type) errs.push(fe.required('spec.type'));
  else if (!TYPES.includes(type)) errs.push(fe.notSupported('spec.type', type, TYPES));
  errs.push(...validateDuplicatePorts(spec));
  for (const f of ['externalTrafficPolicy', 'internalTrafficPolicy']) {
    if (spec[f] != null && !TRAFFIC.includes(spec[f])) errs.push(fe.notSupported(`spec.${f}`, spec[f], TRAFFIC));
  }
  return errs;
}

/** validateServiceUpdate: create rules plus the primary cluster IP may not change (outside ExternalName). */
export function validateServiceUpdate(svc: any, old: any): FieldError[] {
  const errs = validateService(svc);
  const spec = svc?.spec ?? {};
  const oldSpec = old?.spec ?? {};
  if (spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName') {
    const nIPs = list(spec.clusterIPs).length ? list(spec.clusterIPs) : spec.clusterIP ? [spec.clusterIP] : [];
    const oIPs = list(oldSpec.clusterIPs).length ? list(oldSpec.clusterIPs) : oldSpec.clusterIP ? [oldSpec.clusterIP] : [];
    if (nIPs.length && oIPs.length && nIPs[0] !== oIPs[0]) errs.push(fe.invalid('spec.clusterIPs[0]', nIPs, 'may not change once set'));
  }
  return errs;
}
