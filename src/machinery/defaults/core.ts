/**
 * Core v1 defaults other than Pod and Service: Namespace, Secret, Endpoints, PV, PVC,
 * LimitRange, ReplicationController and PodTemplate (pkg/apis/core/v1/defaults.go).
 */
import { defaultPVC, defaultTemplate, ensureObj, isObj, list, setIfEmpty, setIfUnset } from './util.js';

/** Namespace: the metadata.name label and phase Active. The kubernetes finalizer is create-only (prepareForCreate). */
export function defaultNamespace(ns: any): void {
  if (!isObj(ns)) return;
  const meta = ensureObj(ns, 'metadata');
  if (meta.name) ensureObj(meta, 'labels')['kubernetes.io/metadata.name'] = meta.name;
  setIfEmpty(ensureObj(ns, 'status'), 'phase', 'Active');
}

/**
 * Secret: type Opaque, and stringData merged into data as base64 (upstream's v1 conversion
 * does this on decode, and stringData is never stored).
 */
export function defaultSecret(s: any): void {
  if (!isObj(s)) return;
  setIfEmpty(s, 'type', 'Opaque');
  if (isObj(s.stringData)) {
    const data = ensureObj(s, 'data');
    for (const [k, v] of Object.entries(s.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    delete s.stringData;
  }
}

export function defaultEndpoints(ep: any): void {
  for (const ss of list(ep?.subsets)) for (const p of list(ss?.ports)) if (isObj(p)) setIfEmpty(p, 'protocol', 'TCP');
}

export function defaultPersistentVolume(pv: any): void {
  if (!isObj(pv)) return;
  const spec = ensureObj(pv, 'spec');
  setIfEmpty(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  setIfEmpty(spec, 'volumeMode', 'Filesystem');
  setIfEmpty(ensureObj(pv, 'status'), 'phase', 'Pending');
}

export const defaultPersistentVolumeClaim = defaultPVC;

/** LimitRange Container items: default from max, defaultRequest from default, then from min. */
export function defaultLimitRange(lr: any): void {
  for (const item of list(lr?.spec?.limits)) {
    if (!isObj(item) || item.type !== 'Container') continue;
    const def = ensureObj(item, 'default');
    for (const [k, v] of Object.entries(isObj(item.max) ? item.max : {})) setIfUnset(def, k, v);
    const req = ensureObj(item, 'defaultRequest');
    for (const [k, v] of Object.entries(def)) setIfUnset(req, k, v);
    for (const [k, v] of Object.entries(isObj(item.min) ? item.min : {})) setIfUnset(req, k, v);
  }
}

/** ReplicationController: selector and labels from the template when empty, replicas 1. */
export function defaultReplicationController(rc: any): void {
  if (!isObj(rc)) return;
  const spec = ensureObj(rc, 'spec');
  const tplLabels = spec.template?.metadata?.labels;
  if (isObj(tplLabels)) {
    if (!isObj(spec.selector) || Object.keys(spec.selector).length === 0) spec.selector = { ...tplLabels };
    const meta = ensureObj(rc, 'metadata');
    if (!isObj(meta.labels) || Object.keys(meta.labels).length === 0) meta.labels = { ...tplLabels };
  }
  setIfUnset(spec, 'replicas', 1);
  defaultTemplate(spec.template);
}

export function defaultPodTemplate(pt: any): void {
  defaultTemplate(pt?.template);
}
