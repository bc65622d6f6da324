/**
 * Helpers for defaulters: upstream's SetDefaults_* only fill fields that are unset, so every
 * defaulter is written in terms of "set if missing" and stays idempotent (defaults are
 * re-applied on every read).
 */
import { defaultPodSpec } from './pod.js';

export const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** ensureObj returns o[k], creating an empty object there first when it is missing. */
export function ensureObj(o: Record<string, any>, k: string): Record<string, any> {
  if (!isObj(o[k])) o[k] = {};
  return o[k];
}

/** setIfUnset sets o[k] = v when o[k] is undefined or null (Go nil pointer). */
export function setIfUnset(o: Record<string, any>, k: string, v: unknown): void {
  if (o[k] === undefined || o[k] === null) o[k] = v;
}

/** setIfEmpty sets o[k] = v when o[k] is missing or "" (Go zero-value string). */
export function setIfEmpty(o: Record<string, any>, k: string, v: unknown): void {
  if (o[k] === undefined || o[k] === null || o[k] === '') o[k] = v;
}

/** defaultTemplate applies PodSpec defaults to a pod template, if there is one. */
export function defaultTemplate(template: unknown): void {
  if (isObj(template) && isObj(template.spec)) defaultPodSpec(template.spec);
}

/** defaultPVCSpec: PVC defaults also used by StatefulSet volumeClaimTemplates. */
export function defaultPVC(pvc: unknown): void {
  if (!isObj(pvc)) return;
  setIfEmpty(ensureObj(pvc, 'spec'), 'volumeMode', 'Filesystem');
  setIfEmpty(ensureObj(pvc, 'status'), 'phase', 'Pending');
}
