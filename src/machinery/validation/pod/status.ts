/**
 * pods/status update validation (ValidatePodStatusUpdate minus ObjectMeta): what a kubelet or
 * controller may write into status, including the terminated->running transition rule that
 * v1.35 relaxes for containers with their own restart policy or rules.
 */
import { isIP } from 'node:net';
import { fe, child, index, type FieldError } from '../../field-errors.js';
import { invalidEach, isDNS1123Subdomain, isValidID, validateIP, validateQualifiedName } from './names.js';

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const SYSTEM_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized']);

/** mayRestart reports whether a terminated container is allowed to run again. */
function mayRestart(ctr: any, podPolicy: string, exitCode: number, sidecar: boolean): boolean {
  if (sidecar) return true;
  if (list(ctr?.restartPolicyRules).length > 0) return true;
  const policy = ctr?.restartPolicy ?? podPolicy;
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

function stateTransitions(next: unknown, old: unknown, path: string, containers: any[], podPolicy: string, init: boolean): FieldError[] {
  const errs: FieldError[] = [];
  list(old).forEach((o, i) => {
    const term = o?.state?.terminated;
    if (term == null) return;
    const ctr = containers.find((c) => c?.name === o?.name);
    if (mayRestart(ctr, podPolicy, term.exitCode ?? 0, init && ctr?.restartPolicy === 'Always')) return;
    for (const n of list(next))
      if (n?.name === o?.name && n?.state?.terminated == null)
        errs.push(fe.forbidden(child(index(path, i), 'state'), 'may not be transitioned to non-terminated state'));
  });
  return errs;
}

function ipList(ips: unknown, path: string): FieldError[] {
  const l = list(ips);
  const errs = l.flatMap((ip, i) => validateIP(index(path, i), String(ip?.ip ?? '')));
  if (l.length > 1) {
    const fams = l.map((ip) => isIP(String(ip?.ip ?? '')));
    if (l.length > 2 || fams[0] === fams[1]) errs.push(fe.invalid(path, l, 'may specify no more than one IP for each IP family'));
    const seen = new Set<string>();
    l.forEach((ip, i) => {
      if (seen.has(ip?.ip)) errs.push(fe.duplicate(index(path, i), ip));
      seen.add(ip?.ip);
    });
  }
  return errs;
}

function statusUsers(statuses: unknown, path: string, osName: string): FieldError[] {
  return list(statuses).flatMap((s, i) => {
    const linux = s?.user?.linux;
    // Upstream's path omits "user": status.containerStatuses[i].linux.
    const p = child(index(path, i), 'linux');
    if (linux == null) return [];
    if (osName === 'windows') return [fe.forbidden(p, 'cannot be set for a windows pod')];
    return [
      ...invalidEach(child(p, 'uid'), linux.uid, isValidID(linux.uid ?? 0)),
      ...invalidEach(child(p, 'gid'), linux.gid, isValidID(linux.gid ?? 0)),
      ...list(linux.supplementalGroups).flatMap((g, j) => invalidEach(index(child(p, 'supplementalGroups'), j), g, isValidID(g))),
    ];
  });
}

/** validatePodStatusUpdate checks a status write against the stored pod. */
export function validatePodStatusUpdate(pod: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  const st = pod?.status ?? {};
  const oldSt = old?.status ?? {};
  const spec = old?.spec ?? {};
  // Upstream quirk: conditions are reported under metadata.conditions[i].Type.
  list(st.conditions).forEach((c, i) => {
    if (!SYSTEM_CONDITIONS.has(c?.type)) errs.push(...validateQualifiedName(c?.type ?? '', `metadata.conditions[${i}].Type`));
  });
  if ((pod?.spec?.nodeName ?? '') !== (spec.nodeName ?? '')) errs.push(fe.forbidden('status.nodeName', 'may not be changed directly'));
  if (st.nominatedNodeName && st.nominatedNodeName !== oldSt.nominatedNodeName)
    errs.push(...invalidEach('status.nominatedNodeName', st.nominatedNodeName, isDNS1123Subdomain(st.nominatedNodeName)));
  // A RestartAllContainers rule lets every container re-enter waiting/running.
  const all = [...list(spec.containers), ...list(spec.initContainers)];
  const restartAll = all.some((c) => list(c?.restartPolicyRules).some((r) => r?.action === 'RestartAllContainers'));
  if (!restartAll) {
    const pol = spec.restartPolicy ?? 'Always';
    errs.push(...stateTransitions(st.containerStatuses, oldSt.containerStatuses, 'status.containerStatuses', list(spec.containers), pol, false));
    errs.push(...stateTransitions(st.initContainerStatuses, oldSt.initContainerStatuses, 'status.initContainerStatuses', list(spec.initContainers), pol, true));
  }
  errs.push(...stateTransitions(st.ephemeralContainerStatuses, oldSt.ephemeralContainerStatuses, 'status.ephemeralContainerStatuses', [], 'Never', false));
  errs.push(...ipList(st.podIPs, 'status.podIPs'));
  const hostIPs = list(st.hostIPs);
  if (hostIPs.length > 0 && st.hostIP !== hostIPs[0]?.ip) errs.push(fe.invalid('status.hostIPs[0].ip', hostIPs[0]?.ip ?? '', 'must be equal to `hostIP`'));
  errs.push(...ipList(st.hostIPs, 'status.hostIPs'));
  const osName = pod?.spec?.os?.name ?? 'linux';
  for (const k of ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses']) errs.push(...statusUsers(st[k], `status.${k}`, osName));
  return errs;
}
