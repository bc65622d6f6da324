/**
 * Namespace, ConfigMap and Secret validation (core validation): finalizer names, config keys,
 * the 1 MiB payload limit and the `immutable` flag.
 */
import { deepEqual } from '../deep.js';
import { fe, key, type FieldError } from '../field-errors.js';
import { byteLength, isObj, list, str } from './common.js';
import { isQualifiedName, maxLenError, regexError } from './names.js';

/** Upstream's MaxSecretSize, shared by ConfigMaps. */
export const MAX_SECRET_SIZE = 1024 * 1024;
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);
const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';
const configKeyRe = new RegExp(`^${CONFIG_KEY_FMT}$`);
const IMMUTABLE_SET = 'field is immutable when `immutable` is set';

/** isConfigMapKey: keys usable as file names in volumes. */
export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (byteLength(v) > 253) errs.push(maxLenError(253));
  if (!configKeyRe.test(v)) errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  if (v === '.') errs.push("must not be '.'");
  else if (v === '..') errs.push("must not be '..'");
  else if (v.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** validateKubeFinalizerName: a qualified name that is either standard or domain-prefixed. */
export function validateKubeFinalizerName(v: string, path: string): FieldError[] {
  const errs = isQualifiedName(v).map((m) => fe.invalid(path, v, m));
  if (!v.includes('/') && !STANDARD_FINALIZERS.has(v)) errs.push(fe.invalid(path, v, 'name is neither a standard finalizer name nor is it fully qualified'));
  return errs;
}

/** validateNamespace: spec.finalizers names (the name itself is a DNS label, checked with metadata). */
export function validateNamespace(ns: any): FieldError[] {
  return list(ns?.spec?.finalizers).flatMap((f) => validateKubeFinalizerName(str(f), 'spec.finalizers'));
}

/** validateNamespaceStatusUpdate: the phase must agree with deletionTimestamp. */
export function validateNamespaceStatusUpdate(ns: any): FieldError[] {
  const phase = ns?.status?.phase ?? '';
  if (!ns?.metadata?.deletionTimestamp) {
    return phase === 'Active' ? [] : [fe.invalid('status.Phase', phase, "may only be 'Active' if `deletionTimestamp` is empty")];
  }
  return phase === 'Terminating' ? [] : [fe.invalid('status.Phase', phase, "may only be 'Terminating' if `deletionTimestamp` is not empty")];
}

const b64Len = (v: unknown): number => Buffer.from(str(v), 'base64').length;

/** validateConfigMap: keys, no key in both data and binaryData, and at most 1 MiB in total. */
export function validateConfigMap(cm: any): FieldError[] {
  const errs: FieldError[] = [];
  const data = isObj(cm?.data) ? cm.data : {};
  const bin = isObj(cm?.binaryData) ? cm.binaryData : {};
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(fe.invalid(key('data', k), k, m));
    if (k in bin) errs.push(fe.invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    size += byteLength(str(v));
  }
  for (const [k, v] of Object.entries(bin)) {
    for (const m of isConfigMapKey(k)) errs.push(fe.invalid(key('binaryData', k), k, m));
    size += b64Len(v);
  }
  if (size > MAX_SECRET_SIZE) errs.push(fe.tooLong('', '', MAX_SECRET_SIZE));
  return errs;
}

function validateImmutableData(obj: any, old: any, fields: string[]): FieldError[] {
  if (old?.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj?.immutable !== true) errs.push(fe.forbidden('immutable', IMMUTABLE_SET));
  for (const f of fields) if (!deepEqual(obj?.[f] ?? null, old?.[f] ?? null)) errs.push(fe.forbidden(f, IMMUTABLE_SET));
  return errs;
}

export function validateConfigMapUpdate(cm: any, old: any): FieldError[] {
  return [...validateImmutableData(cm, old, ['data', 'binaryData']), ...validateConfigMap(cm)];
}

/** Keys each well-known Secret type must carry in data. */
function validateSecretType(s: any, data: Record<string, unknown>): FieldError[] {
  const ann = isObj(s?.metadata?.annotations) ? s.metadata.annotations : {};
  const req = (k: string): FieldError => fe.required(key('data', k));
  switch (s?.type) {
    case 'kubernetes.io/service-account-token':
      return str(ann['kubernetes.io/service-account.name']) ? [] : [fe.required(key('metadata.annotations', 'kubernetes.io/service-account.name'))];
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const k = s.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!(k in data)) return [req(k)];
      try {
        JSON.parse(Buffer.from(str(data[k]), 'base64').toString('utf8'));
        return [];
      } catch (e) {
        return [fe.invalid(key('data', k), '<secret contents redacted>', (e as Error).message)];
      }
    }
    case 'kubernetes.io/basic-auth':
      return 'username' in data || 'password' in data ? [] : [req('username'), req('password')];
    case 'kubernetes.io/ssh-auth':
      return b64Len(data['ssh-privatekey']) > 0 ? [] : [req('ssh-privatekey')];
    case 'kubernetes.io/tls':
      return [...('tls.crt' in data ? [] : [req('tls.crt')]), ...('tls.key' in data ? [] : [req('tls.key')])];
    default:
      return [];
  }
}

/**
 * validateSecret: data keys, 1 MiB total and the per-type required keys. stringData must already
 * be merged into data (defaults/core.ts does that, as upstream's conversion does).
 */
export function validateSecret(s: any): FieldError[] {
  const errs: FieldError[] = [];
  const data = isObj(s?.data) ? s.data : {};
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(fe.invalid(key('data', k), k, m));
    size += b64Len(v);
  }
  if (size > MAX_SECRET_SIZE) errs.push(fe.tooLong('data', '', MAX_SECRET_SIZE));
  errs.push(...validateSecretType(s, data));
  return errs;
}

/** validateSecretUpdate: type is immutable, and so is data once `immutable` is set. */
export function validateSecretUpdate(s: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  if ((s?.type ?? '') !== (old?.type ?? '')) errs.push(fe.invalid('type', s?.type ?? '', 'field is immutable'));
  errs.push(...validateImmutableData(s, old, ['data']));
  errs.push(...validateSecret(s));
  return errs;
}
