/**
 * Container resource requirements (requests/limits) and the Pod QoS class computed from them.
 * QoS lives here because both update and resize validation must refuse a QoS change.
 */
import { fe, key, child, type FieldError } from '../../field-errors.js';
import { QUANTITY_FORMAT_ERROR, canonical, compareQuantity, milliValue, parseQuantity, type Quantity } from '../../quantity.js';
import { isQualifiedName } from './names.js';

const STANDARD_CONTAINER = new Set(['cpu', 'memory', 'ephemeral-storage']);
const QOS_RESOURCES = new Set(['cpu', 'memory']);

const isHugePages = (n: string): boolean => n.startsWith('hugepages-');
const isNative = (n: string): boolean => !n.includes('/') || n.includes('kubernetes.io/');
/** isExtendedResource is helper.IsExtendedResourceName (e.g. example.com/gpu). */
export const isExtendedResource = (n: string): boolean =>
  !isNative(n) && !n.startsWith('requests.') && isQualifiedName(`requests.${n}`).length === 0;
const overcommitAllowed = (n: string): boolean => isNative(n) && !isHugePages(n);

function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fe.invalid(path, name, m));
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER.has(name) && !isHugePages(name)) errs.push(fe.invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && !isExtendedResource(name)) {
    errs.push(fe.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** quantityErrors parses one quantity, returning it with format and value errors (ValidateResourceQuantityValue). */
function quantityErrors(name: string, raw: unknown, path: string): { q?: Quantity; errs: FieldError[] } {
  const q = parseQuantity(raw);
  if (!q) return { errs: [fe.invalid(path, raw, QUANTITY_FORMAT_ERROR)] };
  const errs: FieldError[] = [];
  if (q.nano < 0n) errs.push(fe.invalid(path, canonical(q), 'must be greater than or equal to 0'));
  if (isExtendedResource(name) && milliValue(q) % 1000n !== 0n) errs.push(fe.invalid(path, canonical(q), 'must be an integer'));
  return { q, errs };
}

/** validateResourceRequirements is ValidateContainerResourceRequirements (also used for pod-level resources). */
export function validateResourceRequirements(res: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits: Record<string, unknown> = res?.limits ?? {};
  const requests: Record<string, unknown> = res?.requests ?? {};
  const parsedLimits = new Map<string, Quantity>();
  let cpuOrMem = false;
  let huge = false;
  for (const [name, raw] of Object.entries(limits)) {
    const p = key(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const { q, errs: qe } = quantityErrors(name, raw, p);
    errs.push(...qe);
    if (q) parsedLimits.set(name, q);
    if (isHugePages(name)) huge = true;
    if (QOS_RESOURCES.has(name)) cpuOrMem = true;
  }
  for (const [name, raw] of Object.entries(requests)) {
    const p = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const { q, errs: qe } = quantityErrors(name, raw, p);
    errs.push(...qe);
    const lim = parsedLimits.get(name);
    if (q && lim) {
      const cmp = compareQuantity(q, lim);
      if (cmp !== 0 && !overcommitAllowed(name))
        errs.push(fe.invalid(reqPath, canonical(q), `must be equal to ${name} limit of ${canonical(lim)}`));
      else if (cmp > 0) errs.push(fe.invalid(reqPath, canonical(q), `must be less than or equal to ${name} limit of ${canonical(lim)}`));
    } else if (!(name in limits) && !overcommitAllowed(name)) {
      errs.push(fe.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) huge = true;
    if (QOS_RESOURCES.has(name)) cpuOrMem = true;
  }
  if (huge && !cpuOrMem) errs.push(fe.forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

/** QOSClass is the Pod QoS class. */
export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

function addPositive(into: Map<string, bigint>, list: Record<string, unknown> | undefined, found?: Set<string>): void {
  for (const [name, raw] of Object.entries(list ?? {})) {
    if (!QOS_RESOURCES.has(name)) continue;
    const q = parseQuantity(raw);
    if (!q || q.nano <= 0n) continue;
    found?.add(name);
    into.set(name, (into.get(name) ?? 0n) + q.nano);
  }
}

/** computePodQOS is qos.ComputePodQOS: pod-level resources win when set, else all (init) containers. */
export function computePodQOS(pod: any): QOSClass {
  const spec = pod?.spec ?? {};
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const podLevel = spec.resources && (Object.keys(spec.resources.requests ?? {}).length || Object.keys(spec.resources.limits ?? {}).length);
  const groups = podLevel ? [spec.resources] : [...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c: any) => c?.resources);
  for (const res of groups) {
    addPositive(requests, res?.requests);
    const found = new Set<string>();
    addPositive(limits, res?.limits, found);
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) for (const [name, v] of requests) if (limits.get(name) !== v) guaranteed = false;
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** getPodQOS is qos.GetPodQOS: the recorded status.qosClass, else computed. */
export function getPodQOS(pod: any): QOSClass {
  return (pod?.status?.qosClass as QOSClass | undefined) || computePodQOS(pod);
}
