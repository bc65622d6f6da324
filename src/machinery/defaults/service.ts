/**
 * Service defaults (SetDefaults_Service) plus the IP-family choice the REST layer makes on
 * create. Cluster IP and node port allocation stay with the server.
 */
import { ensureObj, isObj, list, setIfEmpty, setIfUnset } from './util.js';

const externallyAccessible = (spec: any): boolean =>
  spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && list(spec.externalIPs).length > 0);

/** defaultService applies version defaults; safe to run on every read. */
export function defaultService(svc: any): void {
  if (!isObj(svc)) return;
  const spec = ensureObj(svc, 'spec');
  setIfEmpty(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  setIfEmpty(spec, 'type', 'ClusterIP');
  for (const p of list(spec.ports)) {
    if (!isObj(p)) continue;
    setIfEmpty(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(spec)) setIfEmpty(spec, 'externalTrafficPolicy', 'Cluster');
  if (['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)) setIfUnset(spec, 'internalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') {
    setIfUnset(spec, 'allocateLoadBalancerNodePorts', true);
    for (const ing of list(svc.status?.loadBalancer?.ingress)) if (isObj(ing) && ing.ip && ing.ipMode == null) ing.ipMode = 'VIP';
  }
}

const isHeadless = (spec: any): boolean => spec.clusterIP === 'None' || list(spec.clusterIPs)[0] === 'None';

/**
 * defaultServiceIPFamilies is the create-time family resolution of the Service REST layer for a
 * single-stack cluster whose family is `primary`: headless selector-less Services become
 * RequireDualStack with both families, everything else SingleStack. Skipped for ExternalName;
 * call it on create only (an update keeps the stored values).
 */
export function defaultServiceIPFamilies(svc: any, primary: 'IPv4' | 'IPv6' = 'IPv4'): void {
  const spec = svc?.spec;
  if (!isObj(spec) || spec.type === 'ExternalName') return;
  const headlessNoSelector = isHeadless(spec) && Object.keys(isObj(spec.selector) ? spec.selector : {}).length === 0;
  setIfUnset(spec, 'ipFamilyPolicy', headlessNoSelector ? 'RequireDualStack' : 'SingleStack');
  if (list(spec.ipFamilies).length === 0) {
    const fromIPs = list(spec.clusterIPs).filter((ip) => ip && ip !== 'None').map((ip: string) => (ip.includes(':') ? 'IPv6' : 'IPv4'));
    spec.ipFamilies = fromIPs.length ? fromIPs : [primary];
  }
  const other = spec.ipFamilies[0] === 'IPv4' ? 'IPv6' : 'IPv4';
  if (headlessNoSelector && spec.ipFamilyPolicy !== 'SingleStack' && spec.ipFamilies.length === 1) spec.ipFamilies.push(other);
}
