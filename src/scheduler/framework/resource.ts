import { parseQuantity } from '../../machinery/quantity.js';
import type { Container, ContainerStatus, Pod, ResourceList } from './types.js';

/** Default requests assumed for scoring when a container sets none (upstream's non-zero rule). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/**
 * Resource is an amount of compute: CPU in millicores, memory and ephemeral storage in bytes,
 * extended resources (nvidia.com/gpu, hugepages-*) in units, plus the pod count on nodes.
 */
export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  allowedPodNumber = 0;
  scalar: Record<string, number> = {};

  static fromList(list: ResourceList | undefined): Resource {
    const r = new Resource();
    if (list) for (const [name, q] of Object.entries(list)) r.set(name, quantityValue(name, q));
    return r;
  }

  get(name: string): number {
    switch (name) {
      case 'cpu':
        return this.milliCPU;
      case 'memory':
        return this.memory;
      case 'ephemeral-storage':
        return this.ephemeralStorage;
      case 'pods':
        return this.allowedPodNumber;
      default:
        return this.scalar[name] ?? 0;
    }
  }

  set(name: string, v: number): void {
    switch (name) {
      case 'cpu':
        this.milliCPU = v;
        break;
      case 'memory':
        this.memory = v;
        break;
      case 'ephemeral-storage':
        this.ephemeralStorage = v;
        break;
      case 'pods':
        this.allowedPodNumber = v;
        break;
      default:
        this.scalar[name] = v;
    }
  }

  /** names lists the resources with a value (including zero-valued scalars). */
  names(): string[] {
    return ['cpu', 'memory', 'ephemeral-storage', ...Object.keys(this.scalar)];
  }

  add(o: Resource, sign = 1): this {
    this.milliCPU += sign * o.milliCPU;
    this.memory += sign * o.memory;
    this.ephemeralStorage += sign * o.ephemeralStorage;
    this.allowedPodNumber += sign * o.allowedPodNumber;
    for (const [k, v] of Object.entries(o.scalar)) this.scalar[k] = (this.scalar[k] ?? 0) + sign * v;
    return this;
  }

  /** setMax raises each resource to o's value where o is larger. */
  setMax(o: Resource): this {
    this.milliCPU = Math.max(this.milliCPU, o.milliCPU);
    this.memory = Math.max(this.memory, o.memory);
    this.ephemeralStorage = Math.max(this.ephemeralStorage, o.ephemeralStorage);
    for (const [k, v] of Object.entries(o.scalar)) this.scalar[k] = Math.max(this.scalar[k] ?? 0, v);
    return this;
  }

  /** copyFrom sets this to o's amounts in place. */
  copyFrom(o: Resource): void {
    this.milliCPU = o.milliCPU;
    this.memory = o.memory;
    this.ephemeralStorage = o.ephemeralStorage;
    this.allowedPodNumber = o.allowedPodNumber;
    for (const k in this.scalar) if (!(k in o.scalar)) delete this.scalar[k];
    for (const k in o.scalar) this.scalar[k] = o.scalar[k]!;
  }

  clone(): Resource {
    const r = new Resource();
    r.milliCPU = this.milliCPU;
    r.memory = this.memory;
    r.ephemeralStorage = this.ephemeralStorage;
    r.allowedPodNumber = this.allowedPodNumber;
    r.scalar = { ...this.scalar };
    return r;
  }

  isZero(): boolean {
    return this.milliCPU === 0 && this.memory === 0 && this.ephemeralStorage === 0 && Object.values(this.scalar).every((v) => v === 0);
  }
}

/** Parsed values by quantity string, for cpu (milli) and everything else (units). */
const milliValues = new Map<string | number, number>();
const unitValues = new Map<string | number, number>();
/** A cluster uses a handful of distinct quantities; the cap only bounds a pathological one. */
const MAX_MEMO = 4096;

/**
 * quantityValue is MilliValue for cpu and Value (rounded up) for everything else. Every
 * pod's requests are summed several times per cycle, so each distinct string is parsed once.
 */
export function quantityValue(name: string, q: string | number): number {
  const memo = name === 'cpu' ? milliValues : unitValues;
  let v = memo.get(q);
  if (v === undefined) {
    v = parseValue(name, q);
    if (memo.size >= MAX_MEMO) memo.clear();
    memo.set(q, v);
  }
  return v;
}

function parseValue(name: string, q: string | number): number {
  const parsed = parseQuantity(q);
  if (!parsed) return 0;
  const div = name === 'cpu' ? 1_000_000n : 1_000_000_000n;
  const n = parsed.nano;
  const v = n / div + (n % div > 0n ? 1n : 0n);
  return Number(v);
}

function containerRequests(req: ResourceList | undefined, nonZero: boolean): Resource {
  const r = Resource.fromList(req);
  if (nonZero) {
    if (!req || !('cpu' in req)) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!req || !('memory' in req)) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/** maxOf merges resource lists, keeping the largest quantity of each resource. */
function maxOf(lists: ReadonlyArray<ResourceList | undefined>): ResourceList {
  const out: ResourceList = {};
  for (const l of lists) {
    for (const [name, q] of Object.entries(l ?? {})) {
      if (!(name in out) || quantityValue(name, q) > quantityValue(name, out[name]!)) out[name] = q;
    }
  }
  return out;
}

/**
 * effectiveRequests is upstream's determineContainerReqs (InPlacePodVerticalScaling, GA): while
 * a resize is in flight a container holds the largest of what its spec asks, what the kubelet
 * allocated and what is applied; once the kubelet marks the resize Infeasible the spec no
 * longer counts. Without a reported status the spec alone counts.
 */
function effectiveRequests(pod: Pod, c: Container, statuses: ReadonlyMap<string, ContainerStatus> | undefined): ResourceList | undefined {
  const cs = statuses?.get(c.name);
  if (!cs?.resources) return c.resources?.requests;
  const infeasible = pod.status?.conditions?.some((x) => x.type === 'PodResizePending' && x.reason === 'Infeasible') ?? false;
  return maxOf(infeasible ? [cs.resources.requests, cs.allocatedResources] : [c.resources?.requests, cs.resources.requests, cs.allocatedResources]);
}

function statusesOf(pod: Pod): Map<string, ContainerStatus> | undefined {
  const st = pod.status;
  if (!st?.containerStatuses?.length && !st?.initContainerStatuses?.length) return undefined;
  const m = new Map<string, ContainerStatus>();
  for (const cs of st.containerStatuses ?? []) m.set(cs.name, cs);
  for (const cs of st.initContainerStatuses ?? []) m.set(cs.name, cs);
  return m;
}

/**
 * podRequests is resourcehelper.PodRequests: regular containers plus sidecars (restartable
 * init containers, which keep running), at least the largest init-phase peak (each init
 * container with the sidecars started before it), then pod-level requests and overhead.
 * With nonZero, unset cpu/memory requests count as 100m / 200Mi (used for scoring). Containers
 * being resized in place count as effectiveRequests says.
 */
export function podRequests(pod: Pod, nonZero = false): Resource {
  const reqs = new Resource();
  const statuses = statusesOf(pod);
  for (const c of pod.spec.containers ?? []) reqs.add(containerRequests(effectiveRequests(pod, c, statuses), nonZero));
  const sidecars = new Resource();
  const initPeak = new Resource();
  for (const c of pod.spec.initContainers ?? []) {
    // Only sidecars can be resized in place, so only they read their status.
    const cr = containerRequests(c.restartPolicy === 'Always' ? effectiveRequests(pod, c, statuses) : c.resources?.requests, nonZero);
    if (c.restartPolicy === 'Always') {
      sidecars.add(cr);
      initPeak.setMax(sidecars);
    } else {
      initPeak.setMax(cr.clone().add(sidecars));
    }
  }
  reqs.add(sidecars).setMax(initPeak);
  const podLevel = pod.spec.resources?.requests;
  if (podLevel) for (const name of ['cpu', 'memory'] as const) if (name in podLevel) reqs.set(name, quantityValue(name, podLevel[name]!));
  if (pod.spec.overhead) reqs.add(Resource.fromList(pod.spec.overhead));
  return reqs;
}
