/**
 * Security contexts (pod and container), seccomp/AppArmor profiles, supplementalGroupsPolicy
 * (GA in 1.35) and the OS-specific restrictions for `spec.os.name: linux|windows`.
 */
import { fe, child, index, type FieldError } from '../../field-errors.js';
import { invalidEach, isValidID } from './names.js';
import { validateLocalDescendingPath } from './container-fields.js';

const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const sysctlRe = new RegExp(`^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`);

function validateSeccomp(sp: any, path: string): FieldError[] {
  if (sp == null) return [];
  const errs: FieldError[] = [];
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (!sp.type) errs.push(fe.required(child(path, 'type'), 'type is required when seccompProfile is set'));
  else if (!types.includes(sp.type)) errs.push(fe.notSupported(child(path, 'type'), sp.type, types));
  if (sp.type === 'Localhost') {
    if (sp.localhostProfile == null) errs.push(fe.required(child(path, 'localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(sp.localhostProfile, child(path, 'localhostProfile')));
  } else if (sp.localhostProfile != null) {
    errs.push(fe.invalid(child(path, 'localhostProfile'), sp, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

function validateAppArmor(p: any, path: string): FieldError[] {
  if (p == null) return [];
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (!p.type) return [fe.required(child(path, 'type'), 'type is required when appArmorProfile is set')];
  if (!types.includes(p.type)) return [fe.notSupported(child(path, 'type'), p.type, types)];
  const lp = child(path, 'localhostProfile');
  if (p.type !== 'Localhost')
    return p.localhostProfile != null ? [fe.invalid(lp, p.localhostProfile, 'can only be set when AppArmor type is Localhost')] : [];
  const prof = p.localhostProfile;
  if (prof == null || prof.trim() === '') return [fe.required(lp, 'must be set when AppArmor type is Localhost')];
  if (prof.trim() !== prof) return [fe.invalid(lp, prof, 'must not be padded with whitespace')];
  return prof.length > 4095 ? [fe.tooLong(lp, prof, 4095)] : [];
}

/** validateContainerSecurityContext is ValidateSecurityContext (privileged is allowed, as with kubeadm). */
export function validateContainerSecurityContext(sc: any, path: string, hostUsers: boolean): FieldError[] {
  if (sc == null) return [];
  const errs: FieldError[] = [];
  if (sc.runAsUser != null) errs.push(...invalidEach(child(path, 'runAsUser'), sc.runAsUser, isValidID(sc.runAsUser)));
  if (sc.runAsGroup != null) errs.push(...invalidEach(child(path, 'runAsGroup'), sc.runAsGroup, isValidID(sc.runAsGroup)));
  if (sc.procMount != null) {
    if (!['Default', 'Unmasked'].includes(sc.procMount)) errs.push(fe.notSupported(child(path, 'procMount'), sc.procMount, ['Default', 'Unmasked']));
    if (hostUsers && sc.procMount === 'Unmasked') errs.push(fe.forbidden(child(path, 'procMount'), '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccomp(sc.seccompProfile, child(path, 'seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) errs.push(fe.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of sc.capabilities?.add ?? [])
      if (cap === 'CAP_SYS_ADMIN') errs.push(fe.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
  }
  errs.push(...validateAppArmor(sc.appArmorProfile, child(path, 'appArmorProfile')));
  return errs;
}

/** validatePodSecurityContext checks spec.securityContext (path is spec.securityContext). */
export function validatePodSecurityContext(spec: any, path: string): FieldError[] {
  // v1 keeps host namespaces and shareProcessNamespace on the spec; upstream validates them here.
  const sc = spec?.securityContext ?? {};
  const errs: FieldError[] = [];
  for (const f of ['fsGroup', 'runAsUser', 'runAsGroup']) if (sc[f] != null) errs.push(...invalidEach(child(path, f), sc[f], isValidID(sc[f])));
  (sc.supplementalGroups ?? []).forEach((g: number, i: number) => errs.push(...invalidEach(index(child(path, 'supplementalGroups'), i), g, isValidID(g))));
  if (spec?.shareProcessNamespace === true && spec.hostPID === true)
    errs.push(fe.invalid(child(path, 'shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  const names = new Set<string>();
  (sc.sysctls ?? []).forEach((s: any, i: number) => {
    const np = child(index(child(path, 'sysctls'), i), 'name');
    const n = s?.name ?? '';
    if (!n) errs.push(fe.required(np));
    else if (n.length > 253 || !sysctlRe.test(n)) errs.push(fe.invalid(np, n, `must have at most 253 characters and match regex ${sysctlRe.source}`));
    else if (names.has(n)) errs.push(fe.duplicate(np, n));
    names.add(n);
  });
  const fsp = sc.fsGroupChangePolicy;
  if (fsp != null && fsp !== 'Always' && fsp !== 'OnRootMismatch') errs.push(fe.notSupported(child(path, 'fsGroupChangePolicy'), fsp, ['Always', 'OnRootMismatch']));
  errs.push(...validateSeccomp(sc.seccompProfile, child(path, 'seccompProfile')));
  errs.push(...validateAppArmor(sc.appArmorProfile, child(path, 'appArmorProfile')));
  const sgp = sc.supplementalGroupsPolicy;
  if (sgp != null && sgp !== 'Merge' && sgp !== 'Strict') errs.push(fe.notSupported(child(path, 'supplementalGroupsPolicy'), sgp, ['Merge', 'Strict']));
  return errs;
}

const WINDOWS_POD_SC = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'fsGroup', 'fsGroupChangePolicy', 'sysctls', 'runAsUser', 'runAsGroup', 'supplementalGroups', 'supplementalGroupsPolicy'];
const WINDOWS_CTR_SC = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'];
const isSet = (v: unknown): boolean => v != null && !(Array.isArray(v) && v.length === 0);

/** eachContainer visits init, regular and ephemeral containers with their paths. */
export function eachContainer(spec: any, specPath: string, fn: (c: any, path: string) => void): void {
  for (const list of ['initContainers', 'containers', 'ephemeralContainers'])
    (spec?.[list] ?? []).forEach((c: any, i: number) => fn(c, index(child(specPath, list), i)));
}

/** validateOS checks spec.os and the linux/windows-specific restrictions. */
export function validateOS(spec: any, specPath: string): FieldError[] {
  const os = spec?.os;
  if (os == null) return [];
  const osPath = child(specPath, 'os');
  if (!os.name) return [fe.required(child(osPath, 'name'), 'cannot be empty')];
  if (os.name !== 'linux' && os.name !== 'windows') return [fe.notSupported(osPath, os.name, ['linux', 'windows'])];
  const errs: FieldError[] = [];
  const scPath = child(specPath, 'securityContext');
  const sc = spec.securityContext ?? {};
  if (os.name === 'linux') {
    if (sc.windowsOptions != null) errs.push(fe.forbidden(child(scPath, 'windowsOptions'), 'windows options cannot be set for a linux pod'));
    eachContainer(spec, specPath, (c, p) => {
      if (c?.securityContext?.windowsOptions != null)
        errs.push(fe.forbidden(child(child(p, 'securityContext'), 'windowsOptions'), 'windows options cannot be set for a linux pod'));
    });
    return errs;
  }
  for (const f of WINDOWS_POD_SC) if (isSet(sc[f])) errs.push(fe.forbidden(child(scPath, f), 'cannot be set for a windows pod'));
  if (sc.hostUsers != null) errs.push(fe.forbidden(child(specPath, 'hostUsers'), 'cannot be set for a windows pod'));
  if (spec.hostPID) errs.push(fe.forbidden(child(specPath, 'hostPID'), 'cannot be set for a windows pod'));
  if (spec.hostIPC) errs.push(fe.forbidden(child(specPath, 'hostIPC'), 'cannot be set for a windows pod'));
  if (spec.shareProcessNamespace != null) errs.push(fe.forbidden(child(specPath, 'shareProcessNamespace'), 'cannot be set for a windows pod'));
  eachContainer(spec, specPath, (c, p) => {
    for (const f of WINDOWS_CTR_SC)
      if (isSet(c?.securityContext?.[f])) errs.push(fe.forbidden(child(child(p, 'securityContext'), f), 'cannot be set for a windows pod'));
  });
  return errs;
}
