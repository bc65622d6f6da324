import { NO_IMAGES, NodeInfo, newPodInfo, type ImageStateSummary } from '../framework/node-info.js';
import type { Node, Pod } from '../framework/types.js';
import { podKey } from '../framework/types.js';
import type { Snapshot } from './snapshot.js';

/** ImageNode is the slice of node.status.images the cache indexes. */
type ImageNode = Node & { status?: Node['status'] & { images?: Array<{ names?: string[] | null; sizeBytes?: number }> | null } };

/** NodeItem links a node's info into the cache's most-recently-changed-first list. */
interface NodeItem {
  name: string;
  info: NodeInfo;
  prev?: NodeItem;
  next?: NodeItem;
}

interface PodState {
  pod: Pod;
  nodeName: string;
  assumed: boolean;
  bindingFinished: boolean;
}

/**
 * Cache is the scheduler's model of where pods run: bound pods from the informer plus
 * assumed pods (reserved in a scheduling cycle, binding not yet observed). Assumed pods
 * count against node resources until the informer confirms or the scheduler forgets them.
 */
export class Cache {
  /** nodes in the order they were added (the snapshot's list order). */
  private nodes = new Map<string, NodeItem>();
  /** head is the most recently changed node; generations fall along the list, as upstream's. */
  private head?: NodeItem;
  private pods = new Map<string, PodState>();
  /** imageStates: image name -> nodes holding it, shared with the NodeInfos' summaries. */
  private images = new Map<string, Set<string>>();
  private generation = 0;
  /** nodeSetVersion moves when nodes are added or removed, forcing a list rebuild. */
  private nodeSetVersion = 0;
  private snapshotNodeSetVersion = new WeakMap<Snapshot, number>();

  addNode(node: Node): void {
    const name = node.metadata.name!;
    let item = this.nodes.get(name);
    if (!item) {
      item = { name, info: new NodeInfo() };
      this.nodes.set(name, item);
      this.nodeSetVersion++;
    } else if (!item.info.node) this.nodeSetVersion++;
    this.removeImages(name, item.info.node);
    item.info.setNode(node);
    item.info.imageStates = this.addImages(name, node);
    this.touch(item);
  }

  updateNode(node: Node): void {
    this.addNode(node);
  }

  /** removeNode drops the node; pods still bound to it keep a node-less entry until they go. */
  removeNode(node: Node): void {
    const name = node.metadata.name!;
    const item = this.nodes.get(name);
    if (!item) return;
    this.removeImages(name, item.info.node);
    item.info.imageStates = NO_IMAGES;
    item.info.removeNode();
    this.touch(item);
    if (item.info.pods.length === 0) this.unlink(item);
    this.nodeSetVersion++;
  }

  isAssumed(key: string): boolean {
    return this.pods.get(key)?.assumed ?? false;
  }

  /** assumePod counts the pod (spec.nodeName set) on its node before the binding lands. */
  assumePod(pod: Pod): void {
    const key = podKey(pod);
    if (this.pods.has(key)) throw new Error(`pod ${key} is in the cache, so can't be assumed`);
    this.addToNode(pod);
    this.pods.set(key, { pod, nodeName: pod.spec.nodeName!, assumed: true, bindingFinished: false });
  }

  finishBinding(pod: Pod): void {
    const st = this.pods.get(podKey(pod));
    if (st?.assumed) st.bindingFinished = true;
  }

  /** forgetPod undoes assumePod after a failed reserve, permit or bind. */
  forgetPod(pod: Pod): void {
    const key = podKey(pod);
    const st = this.pods.get(key);
    if (!st || !st.assumed) return;
    this.removeFromNode(key, st.nodeName);
    this.pods.delete(key);
  }

  /** addPod records a bound pod seen by the informer, confirming an assumed one. */
  addPod(pod: Pod): void {
    const key = podKey(pod);
    const st = this.pods.get(key);
    if (st) this.removeFromNode(key, st.nodeName);
    this.addToNode(pod);
    this.pods.set(key, { pod, nodeName: pod.spec.nodeName!, assumed: false, bindingFinished: true });
  }

  updatePod(_old: Pod, pod: Pod): void {
    this.addPod(pod);
  }

  removePod(pod: Pod): void {
    const key = podKey(pod);
    const st = this.pods.get(key);
    if (!st) return;
    this.removeFromNode(key, st.nodeName);
    this.pods.delete(key);
  }

  nodeCount(): number {
    let n = 0;
    for (const item of this.nodes.values()) if (item.info.node) n++;
    return n;
  }

  podCount(): number {
    return this.pods.size;
  }

  /**
   * updateSnapshot brings the snapshot up to date: the NodeInfos whose generation moved since
   * its last update are copied into the snapshot's own (in place; new nodes are cloned), and
   * the list is rebuilt only when the node set changed. Unchanged nodes cost nothing.
   */
  updateSnapshot(snap: Snapshot): void {
    // Walk the recently-changed list only as far as this snapshot's generation.
    for (let item = this.head; item && item.info.generation > snap.generation; item = item.next) {
      const existing = snap.get(item.name);
      if (!item.info.node) {
        if (existing?.pvcRefCounts.size) snap.invalidateUsedPVCs();
        snap.delete(item.name);
        continue;
      }
      // Compared before the copy: the snapshot's NodeInfo is updated in place.
      if (!samePVCs(existing, item.info)) snap.invalidateUsedPVCs();
      if (existing) existing.copyFrom(item.info);
      snap.set(existing ?? item.info.clone());
    }
    if (this.snapshotNodeSetVersion.get(snap) !== this.nodeSetVersion) {
      snap.invalidateUsedPVCs();
      const names: string[] = [];
      for (const [name, item] of this.nodes) if (item.info.node) names.push(name);
      snap.setOrder(names);
      this.snapshotNodeSetVersion.set(snap, this.nodeSetVersion);
    }
    snap.generation = this.generation;
  }

  private addToNode(pod: Pod): void {
    const name = pod.spec.nodeName!;
    let item = this.nodes.get(name);
    if (!item) {
      item = { name, info: new NodeInfo() };
      this.nodes.set(name, item);
    }
    item.info.addPod(newPodInfo(pod));
    this.touch(item);
  }

  private removeFromNode(key: string, nodeName: string): void {
    const item = this.nodes.get(nodeName);
    if (!item) return;
    item.info.removePod(key);
    this.touch(item);
    if (!item.info.node && item.info.pods.length === 0) this.unlink(item);
  }

  /** touch bumps the node's generation and moves it to the head of the changed list. */
  private touch(item: NodeItem): void {
    item.info.generation = ++this.generation;
    if (this.head === item) return;
    if (item.prev) item.prev.next = item.next;
    if (item.next) item.next.prev = item.prev;
    item.prev = undefined;
    item.next = this.head;
    if (this.head) this.head.prev = item;
    this.head = item;
  }

  /** unlink forgets a node entirely (no Node object, no pods). */
  private unlink(item: NodeItem): void {
    if (item.prev) item.prev.next = item.next;
    if (item.next) item.next.prev = item.prev;
    if (this.head === item) this.head = item.next;
    item.prev = item.next = undefined;
    this.nodes.delete(item.name);
  }

  /** addImages indexes a node's images and returns its summaries (first size per name wins). */
  private addImages(name: string, node: Node): ReadonlyMap<string, ImageStateSummary> {
    const images = (node as ImageNode).status?.images;
    if (!images?.length) return NO_IMAGES;
    const sum = new Map<string, ImageStateSummary>();
    for (const img of images) {
      for (const n of img.names ?? []) {
        let nodes = this.images.get(n);
        if (!nodes) this.images.set(n, (nodes = new Set()));
        nodes.add(name);
        if (!sum.has(n)) sum.set(n, { size: img.sizeBytes ?? 0, nodes });
      }
    }
    return sum;
  }

  private removeImages(name: string, node: Node | undefined): void {
    for (const img of (node as ImageNode | undefined)?.status?.images ?? []) {
      for (const n of img.names ?? []) {
        const nodes = this.images.get(n);
        nodes?.delete(name);
        if (nodes?.size === 0) this.images.delete(n);
      }
    }
  }
}

/** samePVCs: the snapshot's copy of a node uses the same claims as the cache's node. */
function samePVCs(prev: NodeInfo | undefined, ni: NodeInfo): boolean {
  const a = prev?.pvcRefCounts;
  const b = ni.pvcRefCounts;
  if (!a) return b.size === 0;
  if (a.size !== b.size) return false;
  for (const k of b.keys()) if (!a.has(k)) return false;
  return true;
}
