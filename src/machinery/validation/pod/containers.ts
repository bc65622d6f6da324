/**
 * Container list validation: regular containers, init containers (including sidecars, i.e.
 * init containers with restartPolicy Always) and ephemeral containers.
 */
import { fe, child, index, type FieldError } from '../../field-errors.js';
import { validateDNSLabel } from './names.js';
import {
  validateContainerPorts,
  validateEnv,
  validateEnvFrom,
  validatePullPolicy,
  validateResizePolicy,
  validateVolumeMounts,
} from './container-fields.js';
import { validateLifecycle, validateProbe, type ProbeKind } from './probes.js';
import { validateResourceRequirements } from './resources.js';
import { validateContainerSecurityContext } from './security.js';
import { validateContainerRestart } from './restart-rules.js';
import type { PodOptions } from './options.js';

/** PodContext is what container validation needs to know about the surrounding spec. */
export interface PodContext {
  volumes: Map<string, any>;
  grace: number | undefined;
  restartPolicy: string;
  hostUsers: boolean;
  opts: PodOptions;
}

const PROBES: ProbeKind[] = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

function validateVolumeDevices(ctr: any, volumes: Map<string, any>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mounts = new Map<string, string>(list(ctr?.volumeMounts).map((m) => [m?.name, m?.mountPath]));
  const names = new Set<string>();
  const paths = new Set<string>();
  list(ctr?.volumeDevices).forEach((d, i) => {
    const p = index(path, i);
    const name = d?.name ?? '';
    const dp = d?.devicePath ?? '';
    const vol = volumes.get(name);
    if (!name) errs.push(fe.required(child(p, 'name')));
    if (names.has(name)) errs.push(fe.invalid(child(p, 'name'), name, 'must be unique'));
    if (vol && !vol.persistentVolumeClaim && !vol.ephemeral)
      errs.push(fe.invalid(child(p, 'name'), name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    if (!vol) errs.push(fe.notFound(child(p, 'name'), name));
    if (!dp) errs.push(fe.required(child(p, 'devicePath')));
    if (paths.has(dp)) errs.push(fe.invalid(child(p, 'devicePath'), dp, 'must be unique'));
    if (dp && dp.split('/').includes('..')) errs.push(fe.invalid(child(p, 'devicePath'), dp, "can not contain backsteps ('..')"));
    else paths.add(dp);
    if (mounts.has(name)) errs.push(fe.invalid(child(p, 'name'), name, 'must not already exist in volumeMounts'));
    if ([...mounts.values()].includes(dp)) errs.push(fe.invalid(child(p, 'devicePath'), dp, 'must not already exist as a path in volumeMounts'));
    if (name) names.add(name);
  });
  return errs;
}

/** validateContainerCommon applies the rules shared by regular, init and ephemeral containers. */
export function validateContainerCommon(ctr: any, path: string, pc: PodContext): FieldError[] {
  const errs: FieldError[] = [];
  const name = ctr?.name ?? '';
  if (!name) errs.push(fe.required(child(path, 'name')));
  else errs.push(...validateDNSLabel(name, child(path, 'name')));
  if (!ctr?.image) errs.push(fe.required(child(path, 'image')));
  const tmp = ctr?.terminationMessagePolicy ?? '';
  if (tmp === '') errs.push(fe.required(child(path, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError')
    errs.push(fe.notSupported(child(path, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(ctr?.ports, child(path, 'ports')));
  errs.push(...validateEnv(ctr?.env, child(path, 'env')));
  errs.push(...validateEnvFrom(ctr?.envFrom, child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(ctr, pc.volumes, child(path, 'volumeMounts')));
  errs.push(...validateVolumeDevices(ctr, pc.volumes, child(path, 'volumeDevices')));
  errs.push(...validatePullPolicy(ctr?.imagePullPolicy, child(path, 'imagePullPolicy')));
  errs.push(...validateResourceRequirements(ctr?.resources, child(path, 'resources')));
  errs.push(...validateResizePolicy(ctr?.resizePolicy, child(path, 'resizePolicy'), pc.restartPolicy));
  errs.push(...validateContainerSecurityContext(ctr?.securityContext, child(path, 'securityContext'), pc.hostUsers));
  return errs;
}

function hostPortConflicts(ctrs: any[], path: string, seen = new Set<string>()): FieldError[] {
  const errs: FieldError[] = [];
  ctrs.forEach((c, ci) =>
    list(c?.ports).forEach((p, pi) => {
      if (!p?.hostPort) return;
      const k = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(k)) errs.push(fe.duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), k));
      else seen.add(k);
    }),
  );
  return errs;
}

function lifecycleAndProbes(ctr: any, path: string, grace: number | undefined): FieldError[] {
  const errs = ctr?.lifecycle != null ? validateLifecycle(ctr.lifecycle, grace, child(path, 'lifecycle')) : [];
  for (const k of PROBES) errs.push(...validateProbe(ctr?.[k], k, grace, child(path, k)));
  return errs;
}

/** validateContainers checks spec.containers: at least one, unique names, probes, restart rules, host ports. */
export function validateContainers(ctrs: unknown, path: string, pc: PodContext): FieldError[] {
  const cs = list(ctrs);
  if (cs.length === 0) return [fe.required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  cs.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, p, pc));
    if (names.has(c?.name ?? '')) errs.push(fe.duplicate(child(p, 'name'), c?.name ?? ''));
    else names.add(c?.name ?? '');
    errs.push(...lifecycleAndProbes(c, p, pc.grace));
    errs.push(...validateContainerRestart(c, p, 'regular', pc.opts));
  });
  return [...errs, ...hostPortConflicts(cs, path)];
}

/** validateInitContainers checks spec.initContainers; only sidecars may have probes and lifecycle hooks. */
export function validateInitContainers(ctrs: unknown, regular: unknown, path: string, pc: PodContext): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>(list(regular).map((c) => c?.name ?? ''));
  list(ctrs).forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, p, pc));
    errs.push(...validateContainerRestart(c, p, 'init', pc.opts));
    const name = c?.name ?? '';
    if (names.has(name)) errs.push(fe.duplicate(child(p, 'name'), name));
    else if (name) names.add(name);
    // Init containers run one at a time, so host ports only clash within one container.
    errs.push(...hostPortConflicts([c], path).map((e) => ({ ...e, field: e.field.replace(`${path}[0]`, p) })));
    if (c?.restartPolicy === 'Always') errs.push(...lifecycleAndProbes(c, p, pc.grace));
    else
      for (const k of ['lifecycle', ...PROBES])
        if (c?.[k] != null) errs.push(fe.forbidden(child(p, k), 'may not be set for init containers without restartPolicy=Always'));
  });
  return errs;
}

const EPHEMERAL_FORBIDDEN = ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'restartPolicyRules', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'];
const isZero = (v: unknown): boolean => v == null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && Object.keys(v as object).length === 0);

/** validateEphemeralContainers checks debug containers: unique names, a valid target, no workload-only fields. */
export function validateEphemeralContainers(ctrs: unknown, spec: any, path: string, pc: PodContext): FieldError[] {
  const errs: FieldError[] = [];
  const others = new Set<string>([...list(spec?.containers), ...list(spec?.initContainers)].map((c) => c?.name ?? ''));
  const all = new Set(others);
  list(ctrs).forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, p, pc));
    if (typeof c?.image === 'string' && c.image.trim() !== c.image)
      errs.push(fe.invalid(child(p, 'image'), c.image, 'must not have leading or trailing whitespace'));
    if (all.has(c?.name ?? '')) errs.push(fe.duplicate(child(p, 'name'), c?.name ?? ''));
    else all.add(c?.name ?? '');
    if (c?.targetContainerName && !others.has(c.targetContainerName)) errs.push(fe.notFound(child(p, 'targetContainerName'), c.targetContainerName));
    for (const k of EPHEMERAL_FORBIDDEN) if (!isZero(c?.[k])) errs.push(fe.forbidden(child(p, k), 'cannot be set for an Ephemeral Container'));
    list(c?.volumeMounts).forEach((vm, j) => {
      const vp = index(child(p, 'volumeMounts'), j);
      if (vm?.subPath) errs.push(fe.forbidden(child(vp, 'subPath'), 'cannot be set for an Ephemeral Container'));
      if (vm?.subPathExpr) errs.push(fe.forbidden(child(vp, 'subPathExpr'), 'cannot be set for an Ephemeral Container'));
    });
  });
  return errs;
}
