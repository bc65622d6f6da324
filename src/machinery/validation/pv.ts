/**
 * PersistentVolume validation (core validation's ValidatePersistentVolume[Update]): capacity,
 * access modes, exactly one volume source, node affinity, and the v1.35 MutablePVNodeAffinity
 * gate that lifts node-affinity immutability. Also the PersistentVolumeClaim spec rules
 * (ValidatePersistentVolumeClaimSpec).
 */
import { deepEqual } from '../deep.js';
import { child, fe, type FieldError } from '../field-errors.js';
import { QUANTITY_FORMAT_ERROR, canonical, parseQuantity } from '../quantity.js';
import { isObj, list, str, validateLabelSelector } from './common.js';
import type { ValidationContext } from './context.js';
import { isDNS1123Subdomain } from './names.js';
import { validateNodeSelector } from './node-selector.js';

/** Volume source keys in upstream's checking order. */
export const PV_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte', 'cephfs', 'iscsi',
  'cinder', 'fc', 'flexVolume', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'scaleIO',
  'local', 'storageos', 'csi',
];
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM = ['Delete', 'Recycle', 'Retain'];

/** Deprecated beta topology labels that may be rewritten to their GA names with the gate off. */
const BETA_TO_GA: Record<string, string> = {
  'failure-domain.beta.kubernetes.io/zone': 'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region': 'topology.kubernetes.io/region',
  'beta.kubernetes.io/instance-type': 'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/os': 'kubernetes.io/os',
  'beta.kubernetes.io/arch': 'kubernetes.io/arch',
};

function validateSource(spec: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const k of PV_SOURCES) {
    if (spec[k] == null) continue;
    if (++n > 1) {
      errs.push(fe.forbidden(child(path, k), 'may not specify more than 1 volume type'));
      continue;
    }
    const s = isObj(spec[k]) ? spec[k] : {};
    const p = child(path, k);
    if ((k === 'hostPath' || k === 'local') && !str(s.path)) errs.push(fe.required(child(p, 'path')));
    if (k === 'nfs') {
      if (!str(s.server)) errs.push(fe.required(child(p, 'server')));
      if (!str(s.path)) errs.push(fe.required(child(p, 'path')));
      else if (!str(s.path).startsWith('/')) errs.push(fe.invalid(child(p, 'path'), s.path, 'must be an absolute path'));
    }
    if (k === 'csi') {
      if (!str(s.driver)) errs.push(fe.required(child(p, 'driver')));
      if (!str(s.volumeHandle)) errs.push(fe.required(child(p, 'volumeHandle')));
    }
  }
  if (n === 0) errs.push(fe.required(path, 'must specify a volume type'));
  return errs;
}

/** validatePersistentVolume: create-time spec rules (metadata is the dispatcher's job). */
export function validatePersistentVolume(pv: any): FieldError[] {
  const spec = isObj(pv?.spec) ? pv.spec : {};
  const path = 'spec';
  const errs: FieldError[] = [];
  const modes = list(spec.accessModes);
  if (modes.length === 0) errs.push(fe.required(child(path, 'accessModes')));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(fe.notSupported(child(path, 'accessModes'), m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) {
    errs.push(fe.forbidden(child(path, 'accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  }
  const cap = isObj(spec.capacity) ? spec.capacity : {};
  if (Object.keys(cap).length === 0) errs.push(fe.required(child(path, 'capacity')));
  else if (!('storage' in cap) || Object.keys(cap).length > 1) errs.push(fe.notSupported(child(path, 'capacity'), cap, ['storage']));
  const rp = spec.persistentVolumeReclaimPolicy;
  if (rp && !RECLAIM.includes(rp)) errs.push(fe.notSupported(child(path, 'persistentVolumeReclaimPolicy'), rp, RECLAIM));
  const vm = spec.volumeMode;
  if (vm != null && vm !== 'Block' && vm !== 'Filesystem') errs.push(fe.notSupported(child(path, 'volumeMode'), vm, ['Block', 'Filesystem']));
  errs.push(...validateSource(spec, path));
  const na = spec.nodeAffinity;
  if (na != null) {
    if (!isObj(na) || na.required == null) errs.push(fe.required(child(path, 'nodeAffinity.required'), 'must specify required node constraints'));
    else errs.push(...validateNodeSelector(na.required, child(path, 'nodeAffinity.required')));
  }
  if (spec.local != null && !isObj(na?.required)) errs.push(fe.required(child(path, 'nodeAffinity'), 'Local volume requires node affinity'));
  return errs;
}

/** Rewrites the old affinity's beta keys wherever the new affinity has the GA key in that spot. */
function allowBetaToGA(oldNA: any, newNA: any): any {
  const o = structuredClone(oldNA);
  const oTerms = list(o?.required?.nodeSelectorTerms);
  const nTerms = list(newNA?.required?.nodeSelectorTerms);
  oTerms.forEach((t: any, i: number) => {
    list(t?.matchExpressions).forEach((rq: any, j: number) => {
      const newKey = nTerms[i]?.matchExpressions?.[j]?.key;
      if (BETA_TO_GA[rq?.key] !== undefined && BETA_TO_GA[rq.key] === newKey) rq.key = newKey;
    });
  });
  return o;
}

/** validatePersistentVolumeUpdate: create rules plus immutable source, volumeMode and (gated) nodeAffinity. */
export function validatePersistentVolumeUpdate(pv: any, old: any, ctx: ValidationContext): FieldError[] {
  const errs = validatePersistentVolume(pv);
  const spec = isObj(pv?.spec) ? pv.spec : {};
  const oldSpec = isObj(old?.spec) ? old.spec : {};
  const pick = (s: any): Record<string, any> => Object.fromEntries(PV_SOURCES.filter((k) => s[k] != null).map((k) => [k, s[k]]));
  const newSrc = pick(spec);
  const oldSrc = pick(oldSpec);
  // Adding a CSI controllerExpandSecretRef is the one allowed source change.
  if (isObj(newSrc.csi) && isObj(oldSrc.csi) && oldSrc.csi.controllerExpandSecretRef == null) {
    oldSrc.csi = { ...oldSrc.csi, controllerExpandSecretRef: newSrc.csi.controllerExpandSecretRef };
    if (oldSrc.csi.controllerExpandSecretRef === undefined) delete oldSrc.csi.controllerExpandSecretRef;
  }
  if (!deepEqual(newSrc, oldSrc)) errs.push(fe.forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
  if ((spec.volumeMode ?? null) !== (oldSpec.volumeMode ?? null)) errs.push(fe.invalid('volumeMode', spec.volumeMode ?? null, 'field is immutable'));
  if (!ctx.gates('MutablePVNodeAffinity') && oldSpec.nodeAffinity != null) {
    if (!deepEqual(spec.nodeAffinity ?? null, allowBetaToGA(oldSpec.nodeAffinity, spec.nodeAffinity))) {
      errs.push(fe.invalid('nodeAffinity', spec.nodeAffinity ?? null, 'field is immutable, except for updating from beta label to GA'));
    }
  }
  return errs;
}

/**
 * validatePersistentVolumeClaim is ValidatePersistentVolumeClaimSpec: access modes (with
 * ReadWriteOncePod alone), a positive storage request, class name, volume mode and selector.
 */
export function validatePersistentVolumeClaim(pvc: any): FieldError[] {
  const spec = isObj(pvc?.spec) ? pvc.spec : {};
  const errs: FieldError[] = [];
  const modes = list(spec.accessModes);
  if (modes.length === 0) errs.push(fe.required('spec.accessModes', 'at least 1 access mode is required'));
  if (spec.selector != null) errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(fe.notSupported('spec.accessModes', m, ACCESS_MODES));
  const rwop = modes.includes('ReadWriteOncePod');
  if (rwop && modes.some((m) => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m))) {
    errs.push(fe.forbidden('spec.accessModes', 'may not use ReadWriteOncePod with other access modes'));
  }
  const path = 'spec.resources[storage]';
  const raw = isObj(spec.resources?.requests) ? spec.resources.requests.storage : undefined;
  if (raw == null) errs.push(fe.required(path));
  else {
    const q = parseQuantity(raw);
    if (!q) errs.push(fe.invalid(path, raw, QUANTITY_FORMAT_ERROR));
    else if (q.nano <= 0n) errs.push(fe.invalid(path, canonical(q), 'must be greater than zero'));
  }
  const cls = str(spec.storageClassName);
  if (cls) for (const m of isDNS1123Subdomain(cls)) errs.push(fe.invalid('spec.storageClassName', cls, m));
  const vm = spec.volumeMode;
  if (vm != null && vm !== 'Block' && vm !== 'Filesystem') errs.push(fe.notSupported('spec.volumeMode', vm, ['Block', 'Filesystem']));
  return errs;
}
