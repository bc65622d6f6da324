import { Resource, podRequests } from './resource.js';
import type { ContainerPort, Node, Pod, Taint } from './types.js';
import { podKey } from './types.js';

/** PodInfo is a pod plus what the scheduler derives from it once (requests, host ports). */
export interface PodInfo {
  readonly pod: Pod;
  readonly key: string;
  readonly requests: Resource;
  /** nonZeroRequests counts unset cpu/memory as 100m/200Mi (for scoring). */
  readonly nonZeroRequests: Resource;
  readonly hostPorts: readonly ContainerPort[];
  /** pvcKeys are the "namespace/name" of the claims the pod uses (generic ephemeral included). */
  readonly pvcKeys: readonly string[];
  /** hasAffinity: the pod has pod affinity or anti-affinity (of any kind). */
  readonly hasAffinity: boolean;
  /** hasRequiredAntiAffinity: the pod has required pod anti-affinity terms. */
  readonly hasRequiredAntiAffinity: boolean;
}

/** PodAffinitySlice is the part of spec.affinity the affinity bookkeeping reads. */
type PodAffinitySlice = { podAffinity?: unknown; podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: unknown[] | null } | null };

/** newPodInfo precomputes a pod's requests, host ports and whether it has pod (anti-)affinity. */
export function newPodInfo(pod: Pod): PodInfo {
  const a = pod.spec.affinity as PodAffinitySlice | undefined;
  return {
    pod,
    key: podKey(pod),
    requests: podRequests(pod),
    nonZeroRequests: podRequests(pod, true),
    hostPorts: hostPortsOf(pod),
    pvcKeys: pvcKeysOf(pod),
    hasAffinity: !!(a?.podAffinity || a?.podAntiAffinity),
    hasRequiredAntiAffinity: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0,
  };
}

/** ephemeralClaimName is the claim the ephemeral volume controller creates: "<pod>-<volume>". */
export function ephemeralClaimName(pod: Pod, volumeName: string): string {
  return `${pod.metadata.name ?? ''}-${volumeName}`;
}

/** pvcKeysOf lists the pod's claims as "namespace/name", once per volume that names one. */
export function pvcKeysOf(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of pod.spec.volumes ?? []) {
    const claim = v.persistentVolumeClaim ? v.persistentVolumeClaim.claimName : v.ephemeral ? ephemeralClaimName(pod, v.name) : undefined;
    if (claim !== undefined) out.push(`${pod.metadata.namespace ?? ''}/${claim}`);
  }
  return out;
}

/**
 * ImageStateSummary is one image as the cache knows it: its size on this node and the set
 * of nodes holding it. The set is shared by every NodeInfo listing the image, so its size is
 * the current spread without re-snapshotting other nodes (as upstream's ImageStateSummary).
 */
export interface ImageStateSummary {
  readonly size: number;
  readonly nodes: ReadonlySet<string>;
}

/** hostPortsOf lists the container ports with a hostPort (sidecar ports included). */
export function hostPortsOf(pod: Pod): ContainerPort[] {
  const out: ContainerPort[] = [];
  const all = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const c of all) for (const p of c.ports ?? []) if (p.hostPort && p.hostPort > 0) out.push(p);
  return out;
}

/** NO_IMAGES is the imageStates of every node that reports none (one shared, empty map). */
export const NO_IMAGES: ReadonlyMap<string, ImageStateSummary> = new Map();

function copyList<T>(dst: T[], src: readonly T[]): void {
  dst.length = src.length;
  for (let i = 0; i < src.length; i++) dst[i] = src[i]!;
}

function removeByKey(list: PodInfo[], key: string): void {
  const i = list.findIndex((p) => p.key === key);
  if (i >= 0) list.splice(i, 1);
}

const WILDCARD = '0.0.0.0';

/** HostPortInfo tracks used host ports as ip -> "protocol/port"; 0.0.0.0 conflicts with every IP. */
export class HostPortInfo {
  private used = new Map<string, Set<string>>();

  add(p: ContainerPort): void {
    const ip = p.hostIP || WILDCARD;
    let s = this.used.get(ip);
    if (!s) this.used.set(ip, (s = new Set()));
    s.add(`${p.protocol || 'TCP'}/${p.hostPort}`);
  }

  remove(p: ContainerPort): void {
    this.used.get(p.hostIP || WILDCARD)?.delete(`${p.protocol || 'TCP'}/${p.hostPort}`);
  }

  conflicts(p: ContainerPort): boolean {
    const ip = p.hostIP || WILDCARD;
    const pp = `${p.protocol || 'TCP'}/${p.hostPort}`;
    if (ip === WILDCARD) {
      for (const s of this.used.values()) if (s.has(pp)) return true;
      return false;
    }
    return (this.used.get(ip)?.has(pp) ?? false) || (this.used.get(WILDCARD)?.has(pp) ?? false);
  }

  get size(): number {
    let n = 0;
    for (const s of this.used.values()) n += s.size;
    return n;
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, s] of this.used) c.used.set(ip, new Set(s));
    return c;
  }
}

/**
 * NodeInfo is the scheduler's view of one node: the Node object, its pods (bound and
 * assumed), their summed requests, and used host ports. The cache mutates its NodeInfos;
 * each scheduling cycle reads the snapshot's copies, brought up to date between cycles.
 */
export class NodeInfo {
  /** node is set with setNode and cleared with removeNode, which keep name in step. */
  node?: Node;
  /** name is the node's name ('' without a Node), a field because every cycle reads it per node. */
  name = '';
  /**
   * spec.unschedulable and spec.taints, copied here so the checks every cycle makes on
   * hundreds of nodes read this one object instead of chasing node -> spec for each.
   */
  unschedulable = false;
  taints: readonly Taint[] | undefined = undefined;
  pods: PodInfo[] = [];
  requested = new Resource();
  nonZeroRequested = new Resource();
  allocatable = new Resource();
  usedPorts = new HostPortInfo();
  /** pvcRefCounts counts, per claim key, the pods on this node that use the claim. */
  pvcRefCounts = new Map<string, number>();
  /** podsWithAffinity and podsWithRequiredAntiAffinity let InterPodAffinity skip other pods. */
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** imageStates are the node's images by name, filled in by the cache. */
  imageStates: ReadonlyMap<string, ImageStateSummary> = NO_IMAGES;
  /** generation moves on every change, so snapshots copy only what changed. */
  generation = 0;

  constructor(node?: Node) {
    if (node) this.setNode(node);
  }

  setNode(node: Node): void {
    this.node = node;
    this.name = node.metadata.name ?? '';
    this.unschedulable = !!node.spec?.unschedulable;
    this.taints = node.spec?.taints;
    this.allocatable = Resource.fromList(node.status?.allocatable);
  }

  /** removeNode forgets the Node object (its pods may still be reported by the informer). */
  removeNode(): void {
    this.node = undefined;
    this.name = '';
    this.unschedulable = false;
    this.taints = undefined;
  }

  addPod(pi: PodInfo): void {
    this.pods.push(pi);
    if (pi.hasAffinity) this.podsWithAffinity.push(pi);
    if (pi.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(pi);
    this.requested.add(pi.requests);
    this.nonZeroRequested.add(pi.nonZeroRequests);
    for (const p of pi.hostPorts) this.usedPorts.add(p);
    for (const k of pi.pvcKeys) this.pvcRefCounts.set(k, (this.pvcRefCounts.get(k) ?? 0) + 1);
  }

  /** removePod removes the pod with this key; false when it was not there. */
  removePod(key: string): boolean {
    const i = this.pods.findIndex((p) => p.key === key);
    if (i < 0) return false;
    const [pi] = this.pods.splice(i, 1);
    if (pi!.hasAffinity) removeByKey(this.podsWithAffinity, key);
    if (pi!.hasRequiredAntiAffinity) removeByKey(this.podsWithRequiredAntiAffinity, key);
    this.requested.add(pi!.requests, -1);
    this.nonZeroRequested.add(pi!.nonZeroRequests, -1);
    for (const p of pi!.hostPorts) this.usedPorts.remove(p);
    for (const k of pi!.pvcKeys) {
      const n = (this.pvcRefCounts.get(k) ?? 0) - 1;
      if (n > 0) this.pvcRefCounts.set(k, n);
      else this.pvcRefCounts.delete(k);
    }
    return true;
  }

  /**
   * copyFrom makes this NodeInfo equal to o in place, reusing its objects: the snapshot keeps
   * one NodeInfo per node across cycles (upstream's `*existing = *clone`), so the hundreds
   * of nodes each cycle walks stay where they were allocated and nothing new is made.
   */
  copyFrom(o: NodeInfo): void {
    this.node = o.node;
    this.name = o.name;
    this.unschedulable = o.unschedulable;
    this.taints = o.taints;
    copyList(this.pods, o.pods);
    copyList(this.podsWithAffinity, o.podsWithAffinity);
    copyList(this.podsWithRequiredAntiAffinity, o.podsWithRequiredAntiAffinity);
    this.requested.copyFrom(o.requested);
    this.nonZeroRequested.copyFrom(o.nonZeroRequested);
    this.allocatable.copyFrom(o.allocatable);
    if (this.usedPorts.size > 0 || o.usedPorts.size > 0) this.usedPorts = o.usedPorts.clone();
    this.imageStates = o.imageStates;
    if (this.pvcRefCounts.size > 0 || o.pvcRefCounts.size > 0) this.pvcRefCounts = new Map(o.pvcRefCounts);
    this.generation = o.generation;
  }

  clone(): NodeInfo {
    const c = new NodeInfo();
    c.node = this.node;
    c.name = this.name;
    c.unschedulable = this.unschedulable;
    c.taints = this.taints;
    c.pods = this.pods.slice();
    c.requested = this.requested.clone();
    c.nonZeroRequested = this.nonZeroRequested.clone();
    c.allocatable = this.allocatable.clone();
    c.usedPorts = this.usedPorts.clone();
    c.pvcRefCounts = new Map(this.pvcRefCounts);
    c.podsWithAffinity = this.podsWithAffinity.slice();
    c.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.slice();
    c.imageStates = this.imageStates;
    c.generation = this.generation;
    return c;
  }
}
