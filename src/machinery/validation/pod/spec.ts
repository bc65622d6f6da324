/**
 * PodSpec validation (ValidatePodSpec), shared by Pods and every pod template. Runs after
 * defaulting, so fields the server always fills (restartPolicy, dnsPolicy, grace period,
 * pull policy, termination message policy) are Required when missing.
 */
import { fe, child, index, type FieldError } from '../../field-errors.js';
import { invalidEach, inclusiveRangeError, isDNS1123Subdomain, validateDNSLabel, validateLabels, validateQualifiedName } from './names.js';
import { validateVolumes } from './volumes.js';
import { validateContainers, validateEphemeralContainers, validateInitContainers, type PodContext } from './containers.js';
import { validatePodSecurityContext, validateOS } from './security.js';
import { validateAffinity, validateDNSConfig, validateHostAliases, validateSchedulingGates, validateTopologySpreadConstraints, validateWorkloadRef } from './scheduling.js';
import { validateTolerationList } from './tolerations.js';
import { validateResourceRequirements } from './resources.js';
import type { PodOptions } from './options.js';

const MAX_INT32 = 2147483647;
const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

function oneOf(v: unknown, allowed: string[], path: string): FieldError[] {
  if (v === undefined || v === null || v === '') return [fe.required(path)];
  return allowed.includes(v as string) ? [] : [fe.notSupported(path, v, allowed)];
}

const subdomain = (v: unknown, path: string): FieldError[] => (v ? invalidEach(path, v, isDNS1123Subdomain(String(v))) : []);

function hostNetworkPorts(spec: any, path: string, opts: PodOptions): FieldError[] {
  if (spec?.hostNetwork !== true) return [];
  const errs: FieldError[] = [];
  list(spec.containers).forEach((c, i) =>
    list(c?.ports).forEach((p, j) => {
      const hp = p?.hostPort ?? 0;
      // Templates may leave hostPort 0: it is defaulted when the Pod is created.
      if ((opts.resourceIsPod || hp !== 0) && hp !== (p?.containerPort ?? 0))
        errs.push(fe.invalid(child(index(child(index(child(path, 'containers'), i), 'ports'), j), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
    }),
  );
  return errs;
}

function podLevelResources(res: any, path: string): FieldError[] {
  if (res == null) return [];
  const errs = validateResourceRequirements(res, path);
  for (const kind of ['requests', 'limits'])
    for (const name of Object.keys(res[kind] ?? {}))
      if (name !== 'cpu' && name !== 'memory' && !name.startsWith('hugepages-'))
        errs.push(fe.notSupported(`${child(path, kind)}[${name}]`, name, ['cpu', 'memory']));
  return errs;
}

/** validatePodSpecWith validates a spec with resolved options; podName is set for real pods only. */
export function validatePodSpecWith(spec: any, path: string, opts: PodOptions, podName?: string): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds == null) errs.push(fe.required(child(path, 'terminationGracePeriodSeconds')));
  const hostUsers = s.securityContext?.hostUsers !== false;
  const vols = validateVolumes(s.volumes, child(path, 'volumes'), podName);
  errs.push(...vols.errs);
  const pc: PodContext = { volumes: vols.volumes, grace: s.terminationGracePeriodSeconds ?? undefined, restartPolicy: s.restartPolicy ?? '', hostUsers, opts };
  errs.push(...validateContainers(s.containers, child(path, 'containers'), pc));
  errs.push(...validateInitContainers(s.initContainers, s.containers, child(path, 'initContainers'), pc));
  errs.push(...validateEphemeralContainers(s.ephemeralContainers, s, child(path, 'ephemeralContainers'), pc));
  errs.push(...hostNetworkPorts(s, path, opts));
  errs.push(...oneOf(s.restartPolicy, ['Always', 'OnFailure', 'Never'], child(path, 'restartPolicy')));
  errs.push(...oneOf(s.dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], child(path, 'dnsPolicy')));
  errs.push(...validateLabels(s.nodeSelector, child(path, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(s, child(path, 'securityContext')));
  list(s.imagePullSecrets).forEach((r, i) => {
    if (r == null || Object.keys(r).some((k) => k !== 'name')) errs.push(fe.invalid(index(child(path, 'imagePullSecrets'), i), r, 'only name may be set'));
  });
  errs.push(...validateAffinity(s.affinity, child(path, 'affinity')));
  errs.push(...validateDNSConfig(s.dnsConfig, s.dnsPolicy, child(path, 'dnsConfig')));
  list(s.readinessGates).forEach((g, i) => errs.push(...validateQualifiedName(g?.conditionType ?? '', child(index(child(path, 'readinessGates'), i), 'conditionType'))));
  errs.push(...validateSchedulingGates(s.schedulingGates, child(path, 'schedulingGates')));
  errs.push(...validateTopologySpreadConstraints(s.topologySpreadConstraints, child(path, 'topologySpreadConstraints')));
  if (s.securityContext?.hostUsers === false) {
    if (s.hostPID) errs.push(fe.forbidden(child(path, 'HostPID'), 'when `pod.Spec.HostUsers` is false'));
    if (s.hostIPC) errs.push(fe.forbidden(child(path, 'HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  }
  errs.push(...subdomain(s.serviceAccountName, child(path, 'serviceAccountName')));
  errs.push(...subdomain(s.nodeName, child(path, 'nodeName')));
  const ads = s.activeDeadlineSeconds;
  if (ads != null && (ads < 1 || ads > MAX_INT32)) errs.push(fe.invalid(child(path, 'activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  if (s.hostname) errs.push(...validateDNSLabel(s.hostname, child(path, 'hostname')));
  if (s.subdomain) errs.push(...validateDNSLabel(s.subdomain, child(path, 'subdomain')));
  if (list(s.tolerations).length) errs.push(...validateTolerationList(s.tolerations, child(path, 'tolerations'), { allowComparison: opts.allowTolerationComparison }));
  errs.push(...validateHostAliases(s.hostAliases, child(path, 'hostAliases')));
  errs.push(...subdomain(s.priorityClassName, child(path, 'priorityClassName')));
  if (s.runtimeClassName != null) errs.push(...invalidEach(child(path, 'runtimeClassName'), s.runtimeClassName, isDNS1123Subdomain(s.runtimeClassName)));
  if (s.preemptionPolicy != null) errs.push(...oneOf(s.preemptionPolicy, ['PreemptLowerPriority', 'Never'], child(path, 'preemptionPolicy')));
  if (s.overhead != null) errs.push(...validateResourceRequirements({ limits: s.overhead }, child(path, 'overhead')));
  errs.push(...validateOS(s, path));
  errs.push(...podLevelResources(s.resources, child(path, 'resources')));
  errs.push(...validateWorkloadRef(s.workloadRef, child(path, 'workloadRef')));
  return errs;
}
