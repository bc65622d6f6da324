/**
 * Probe and lifecycle-handler validation. The grace period is threaded through because a
 * sleep action may not outlast the pod's terminationGracePeriodSeconds.
 */
import { fe, child, type FieldError } from '../../field-errors.js';
import { invalidEach, isValidPortName, isValidPortNum } from './names.js';

/** validatePortNumOrName accepts 1..65535 or an IANA port name. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return invalidEach(path, port, isValidPortNum(port));
  if (typeof port === 'string') return invalidEach(path, port, isValidPortName(port));
  return [fe.internal(path, `unknown type: ${typeof port}`)];
}

const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;

function validateHandlerBody(kind: string, h: any, grace: number | undefined, path: string): FieldError[] {
  switch (kind) {
    case 'exec':
      return (h?.command ?? []).length === 0 ? [fe.required(child(path, 'command'))] : [];
    case 'httpGet': {
      const errs: FieldError[] = [];
      if (!h?.path) errs.push(fe.required(child(path, 'path')));
      errs.push(...validatePortNumOrName(h?.port, child(path, 'port')));
      if (h?.scheme !== 'HTTP' && h?.scheme !== 'HTTPS') errs.push(fe.notSupported(child(path, 'scheme'), h?.scheme ?? '', ['HTTP', 'HTTPS']));
      for (const hd of h?.httpHeaders ?? [])
        if (!HTTP_HEADER_NAME.test(hd?.name ?? ''))
          errs.push(fe.invalid(child(path, 'httpHeaders'), hd?.name ?? '', "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')"));
      return errs;
    }
    case 'tcpSocket':
      return validatePortNumOrName(h?.port, child(path, 'port'));
    case 'grpc':
      return validatePortNumOrName(h?.port ?? 0, child(path, 'port'));
    case 'sleep': {
      const s = h?.seconds ?? 0;
      // PodLifecycleSleepActionAllowZero is on by default in 1.35, so zero is accepted.
      if (grace !== undefined && (s < 0 || s > grace))
        return [fe.invalid(path, s, `must be non-negative and less than terminationGracePeriodSeconds (${grace})`)];
      return [];
    }
  }
  return [];
}

/** validateHandler requires exactly one handler type among the allowed kinds. */
function validateHandler(h: any, kinds: string[], grace: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of kinds) {
    if (h?.[kind] == null) continue;
    if (n > 0) {
      errs.push(fe.forbidden(child(path, kind), 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    errs.push(...validateHandlerBody(kind, h[kind], grace, child(path, kind)));
  }
  if (n === 0) errs.push(fe.required(path, 'must specify a handler type'));
  return errs;
}

const nonNegative = (v: unknown, path: string): FieldError[] =>
  typeof v === 'number' && v < 0 ? [fe.invalid(path, v, 'must be greater than or equal to 0')] : [];

/** ProbeKind selects the extra rules of liveness, readiness and startup probes. */
export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

/** validateProbe checks one probe (nothing when absent). */
export function validateProbe(probe: any, kind: ProbeKind, grace: number | undefined, path: string): FieldError[] {
  if (probe == null) return [];
  const errs = validateHandler(probe, ['exec', 'httpGet', 'tcpSocket', 'grpc'], grace, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'])
    errs.push(...nonNegative(probe[f], child(path, f)));
  const tgps = probe.terminationGracePeriodSeconds;
  if (tgps != null && tgps <= 0) errs.push(fe.invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  if (kind !== 'readinessProbe' && (probe.successThreshold ?? 1) !== 1)
    errs.push(fe.invalid(child(path, 'successThreshold'), probe.successThreshold, 'must be 1'));
  if (kind === 'readinessProbe' && tgps != null)
    errs.push(fe.invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'));
  return errs;
}

/** validateLifecycle checks postStart and preStop handlers. */
export function validateLifecycle(lc: any, grace: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop'])
    if (lc?.[hook] != null) errs.push(...validateHandler(lc[hook], ['exec', 'httpGet', 'tcpSocket', 'sleep'], grace, child(path, hook)));
  return errs;
}
