/**
 * Defaults of the remaining groups (resources-tables-selectors §4.7): storage, scheduling,
 * networking, discovery and RBAC.
 */
import { ensureObj, isObj, list, setIfEmpty, setIfUnset } from './util.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function defaultPriorityClass(pc: any): void {
  if (isObj(pc)) setIfEmpty(pc, 'preemptionPolicy', 'PreemptLowerPriority');
}

export function defaultStorageClass(sc: any): void {
  if (!isObj(sc)) return;
  setIfEmpty(sc, 'reclaimPolicy', 'Delete');
  setIfEmpty(sc, 'volumeBindingMode', 'Immediate');
}

/** CSIDriver; seLinuxMount is defaulted because its gate is on in 1.35. */
export function defaultCSIDriver(d: any): void {
  if (!isObj(d)) return;
  const spec = ensureObj(d, 'spec');
  setIfUnset(spec, 'attachRequired', true);
  setIfUnset(spec, 'podInfoOnMount', false);
  setIfUnset(spec, 'storageCapacity', false);
  setIfEmpty(spec, 'fsGroupPolicy', 'ReadWriteOnceWithFSType');
  if (list(spec.volumeLifecycleModes).length === 0) spec.volumeLifecycleModes = ['Persistent'];
  setIfUnset(spec, 'requiresRepublish', false);
  setIfUnset(spec, 'seLinuxMount', false);
}

export function defaultEndpointSlice(es: any): void {
  for (const p of list(es?.ports)) {
    if (!isObj(p)) continue;
    setIfUnset(p, 'name', '');
    setIfUnset(p, 'protocol', 'TCP');
  }
}

/** NetworkPolicy: policyTypes from the rules present; ports default to TCP. */
export function defaultNetworkPolicy(np: any): void {
  if (!isObj(np)) return;
  const spec = ensureObj(np, 'spec');
  for (const dir of ['ingress', 'egress']) {
    for (const rule of list(spec[dir])) for (const p of list(rule?.ports)) if (isObj(p)) setIfEmpty(p, 'protocol', 'TCP');
  }
  if (list(spec.policyTypes).length === 0) {
    spec.policyTypes = list(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}

export function defaultIngressClass(ic: any): void {
  const params = ic?.spec?.parameters;
  if (isObj(params)) setIfEmpty(params, 'scope', 'Cluster');
}

/** Role bindings: roleRef.apiGroup, and subject apiGroups by kind. */
export function defaultBinding(b: any): void {
  if (!isObj(b)) return;
  if (isObj(b.roleRef)) setIfEmpty(b.roleRef, 'apiGroup', RBAC_GROUP);
  for (const s of list(b.subjects)) {
    if (!isObj(s) || s.apiGroup) continue;
    if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP;
    else if (s.kind === 'ServiceAccount') s.apiGroup = '';
  }
}
