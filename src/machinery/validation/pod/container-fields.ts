/**
 * Validators for the parts of one container: ports, env, envFrom, volume mounts and devices,
 * image pull policy, probes and lifecycle handlers, and resizePolicy.
 */
import { fe, child, index, type FieldError } from '../../field-errors.js';
import {
  invalidEach,
  isConfigMapKey,
  isDNS1123Subdomain,
  isRelaxedEnvVarName,
  isValidPortName,
  isValidPortNum,
  validateQualifiedName,
} from './names.js';

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

/** validateContainerPorts checks names (unique IANA names), port numbers and protocols. */
export function validateContainerPorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list(ports).forEach((port, i) => {
    const p = index(path, i);
    const name = port?.name ?? '';
    if (name.length > 0) {
      const msgs = isValidPortName(name);
      if (msgs.length) errs.push(...invalidEach(child(p, 'name'), name, msgs));
      else if (names.has(name)) errs.push(fe.duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const cp = port?.containerPort ?? 0;
    if (cp === 0) errs.push(fe.required(child(p, 'containerPort')));
    else errs.push(...invalidEach(child(p, 'containerPort'), cp, isValidPortNum(cp)));
    const hp = port?.hostPort ?? 0;
    if (hp !== 0) errs.push(...invalidEach(child(p, 'hostPort'), hp, isValidPortNum(hp)));
    const proto = port?.protocol ?? '';
    if (proto === '') errs.push(fe.required(child(p, 'protocol')));
    else if (!PROTOCOLS.includes(proto)) errs.push(fe.notSupported(child(p, 'protocol'), proto, PROTOCOLS));
  });
  return errs;
}

const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

function validateFieldRef(ref: any, path: string): FieldError[] {
  if (!ref?.apiVersion) return [fe.required(child(path, 'apiVersion'))];
  const fp: string = ref.fieldPath ?? '';
  if (!fp) return [fe.required(child(path, 'fieldPath'))];
  const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fp);
  if (sub) return validateQualifiedName(sub[1] === 'metadata.annotations' ? sub[2]!.toLowerCase() : sub[2]!, path);
  return ENV_FIELD_PATHS.includes(fp) ? [] : [fe.notSupported(child(path, 'fieldPath'), fp, ENV_FIELD_PATHS)];
}

function validateKeySelector(ref: any, path: string): FieldError[] {
  const name = ref?.name ?? '';
  const errs = invalidEach(child(path, 'name'), name, isDNS1123Subdomain(name));
  if (!ref?.key) errs.push(fe.required(child(path, 'key')));
  else errs.push(...invalidEach(child(path, 'key'), ref.key, isConfigMapKey(ref.key)));
  return errs;
}

function validateValueFrom(ev: any, path: string): FieldError[] {
  const vf = ev?.valueFrom;
  if (vf == null) return [];
  const errs: FieldError[] = [];
  let n = 0;
  if (vf.fieldRef) {
    n++;
    errs.push(...validateFieldRef(vf.fieldRef, child(path, 'fieldRef')));
  }
  if (vf.resourceFieldRef) {
    n++;
    const r = vf.resourceFieldRef.resource ?? '';
    const rp = child(child(path, 'resourceFieldRef'), 'resource');
    if (!r) errs.push(fe.required(rp));
    else if (!RESOURCE_FIELD_PATHS.includes(r) && !/^(requests|limits)\.hugepages-/.test(r)) errs.push(fe.notSupported(rp, r, RESOURCE_FIELD_PATHS));
  }
  for (const k of ['configMapKeyRef', 'secretKeyRef']) {
    if (!vf[k]) continue;
    n++;
    errs.push(...validateKeySelector(vf[k], child(path, k)));
  }
  if (vf.fileKeyRef) n++;
  if (n === 0) errs.push(fe.invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (ev.value) errs.push(fe.invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (n > 1) errs.push(fe.invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

/** validateEnv is ValidateEnv with v1.35's relaxed (printable ASCII) name rule. */
export function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(env).forEach((ev, i) => {
    const p = index(path, i);
    const name = ev?.name ?? '';
    if (name === '') errs.push(fe.required(child(p, 'name')));
    else errs.push(...invalidEach(child(p, 'name'), name, isRelaxedEnvVarName(name)));
    errs.push(...validateValueFrom(ev, child(p, 'valueFrom')));
  });
  return errs;
}

/** validateEnvFrom checks prefixes and that each entry names exactly one ConfigMap or Secret. */
export function validateEnvFrom(envFrom: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(envFrom).forEach((ef, i) => {
    const p = index(path, i);
    if (ef?.prefix) errs.push(...invalidEach(child(p, 'prefix'), ef.prefix, isRelaxedEnvVarName(ef.prefix)));
    let n = 0;
    for (const k of ['configMapRef', 'secretRef']) {
      if (!ef?.[k]) continue;
      n++;
      const name = ef[k].name ?? '';
      if (!name) errs.push(fe.required(child(child(p, k), 'name')));
      else errs.push(...invalidEach(child(child(p, k), 'name'), name, isDNS1123Subdomain(name)));
    }
    // Upstream reports these two at the list path, not the entry.
    if (n === 0) errs.push(fe.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(fe.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function noBacksteps(p: string, path: string): FieldError[] {
  return p.split('/').includes('..') ? [fe.invalid(path, p, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative and without '..' (subPath, gitRepo directory). */
export function validateLocalDescendingPath(p: string, path: string): FieldError[] {
  const errs = p.startsWith('/') ? [fe.invalid(path, p, 'must be a relative path')] : [];
  return [...errs, ...noBacksteps(p, path)];
}

/** validateVolumeMounts checks names against the pod's volumes and mount path uniqueness. */
export function validateVolumeMounts(ctr: any, volumes: Map<string, any>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  const devices = new Map<string, string>(list(ctr?.volumeDevices).map((d) => [d?.name, d?.devicePath]));
  const privileged = ctr?.securityContext?.privileged === true;
  list(ctr?.volumeMounts).forEach((m, i) => {
    const p = index(path, i);
    const name = m?.name ?? '';
    const mp = m?.mountPath ?? '';
    if (!name) errs.push(fe.required(child(p, 'name')));
    if (!volumes.has(name)) errs.push(fe.notFound(child(p, 'name'), name));
    if (!mp) errs.push(fe.required(child(p, 'mountPath')));
    if (seen.has(mp)) errs.push(fe.invalid(child(p, 'mountPath'), mp, 'must be unique'));
    seen.add(mp);
    if (devices.has(name)) errs.push(fe.invalid(child(p, 'name'), name, 'must not already exist in volumeDevices'));
    if ([...devices.values()].includes(mp)) errs.push(fe.invalid(child(p, 'mountPath'), mp, 'must not already exist as a path in volumeDevices'));
    if (volumes.get(name)?.image) {
      if (m.subPath) errs.push(fe.invalid(child(p, 'subPath'), m.subPath, 'not allowed in image volume sources'));
      if (m.subPathExpr) errs.push(fe.invalid(child(p, 'subPathExpr'), m.subPathExpr, 'not allowed in image volume sources'));
    }
    // Upstream's quirk: subPath errors use the list path, not the entry path.
    if (m?.subPath) errs.push(...validateLocalDescendingPath(m.subPath, child(path, 'subPath')));
    if (m?.subPathExpr) {
      if (m.subPath) errs.push(fe.invalid(child(p, 'subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(m.subPathExpr, child(path, 'subPathExpr')));
    }
    const prop = m?.mountPropagation;
    if (prop != null) {
      const pp = child(path, 'mountPropagation');
      if (!['Bidirectional', 'HostToContainer', 'None'].includes(prop)) errs.push(fe.notSupported(pp, prop, ['Bidirectional', 'HostToContainer', 'None']));
      if (prop === 'Bidirectional' && !privileged) errs.push(fe.forbidden(pp, 'Bidirectional mount propagation is available only to privileged containers'));
    }
  });
  return errs;
}

/** validatePullPolicy requires one of Always, IfNotPresent, Never (defaulting fills it). */
export function validatePullPolicy(policy: unknown, path: string): FieldError[] {
  if (policy === undefined || policy === '') return [fe.required(path)];
  const ok = ['Always', 'IfNotPresent', 'Never'];
  return ok.includes(policy as string) ? [] : [fe.notSupported(path, policy, ok)];
}

/** validateResizePolicy checks resizePolicy entries for cpu/memory and their restart policies. */
export function validateResizePolicy(policies: unknown, path: string, podRestartPolicy: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  list(policies).forEach((p, i) => {
    const rn = p?.resourceName ?? '';
    const rp = p?.restartPolicy ?? '';
    if (seen.has(rn)) errs.push(fe.duplicate(index(path, i), rn));
    seen.add(rn);
    if (rn === '') errs.push(fe.required(path));
    else if (rn !== 'cpu' && rn !== 'memory') errs.push(fe.notSupported(path, rn, ['cpu', 'memory']));
    if (rp === '') errs.push(fe.required(path));
    else if (rp !== 'NotRequired' && rp !== 'RestartContainer') errs.push(fe.notSupported(path, rp, ['NotRequired', 'RestartContainer']));
    if (podRestartPolicy === 'Never' && rp !== 'NotRequired') errs.push(fe.invalid(path, rp, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
  });
  return errs;
}
