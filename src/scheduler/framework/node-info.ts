import { Resource, podRequests } from './resource.js';
import type { ContainerPort, Node, Pod } from './types.js';
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
}

/** newPodInfo precomputes a pod's requests, host ports and claim keys. */
export function newPodInfo(pod: Pod): PodInfo {
  return { pod, key: podKey(pod), requests: podRequests(pod), nonZeroRequests: podRequests(pod, true), hostPorts: hostPortsOf(pod), pvcKeys: pvcKeysOf(pod) };
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

/** hostPortsOf lists the container ports with a hostPort (sidecar ports included). */
export function hostPortsOf(pod: Pod): ContainerPort[] {
  const out: ContainerPort[] = [];
  const all = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const c of all) for (const p of c.ports ?? []) if (p.hostPort && p.hostPort > 0) out.push(p);
  return out;
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
 * assumed), their summed requests, and used host ports. The cache mutates NodeInfos; each
 * scheduling cycle reads clones in the snapshot.
 */
export class NodeInfo {
  node?: Node;
  pods: PodInfo[] = [];
  requested = new Resource();
  nonZeroRequested = new Resource();
  allocatable = new Resource();
  usedPorts = new HostPortInfo();
  /** pvcRefCounts counts, per claim key, the pods on this node that use the claim. */
  pvcRefCounts = new Map<string, number>();
  /** generation moves on every change, so snapshots copy only what changed. */
  generation = 0;

  constructor(node?: Node) {
    if (node) this.setNode(node);
  }

  get name(): string {
    return this.node?.metadata.name ?? '';
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = Resource.fromList(node.status?.allocatable);
  }

  addPod(pi: PodInfo): void {
    this.pods.push(pi);
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

  clone(): NodeInfo {
    const c = new NodeInfo();
    c.node = this.node;
    c.pods = this.pods.slice();
    c.requested = this.requested.clone();
    c.nonZeroRequested = this.nonZeroRequested.clone();
    c.allocatable = this.allocatable.clone();
    c.usedPorts = this.usedPorts.clone();
    c.pvcRefCounts = new Map(this.pvcRefCounts);
    c.generation = this.generation;
    return c;
  }
}
