import { NodeInfo, newPodInfo } from '../framework/node-info.js';
import type { Node, Pod } from '../framework/types.js';
import { podKey } from '../framework/types.js';
import type { Snapshot } from './snapshot.js';

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
  private nodes = new Map<string, NodeInfo>();
  private pods = new Map<string, PodState>();
  private generation = 0;
  /** nodeSetVersion moves when nodes are added or removed, forcing a list rebuild. */
  private nodeSetVersion = 0;
  private snapshotNodeSetVersion = new WeakMap<Snapshot, number>();

  addNode(node: Node): void {
    const name = node.metadata.name!;
    let ni = this.nodes.get(name);
    if (!ni) {
      ni = new NodeInfo();
      this.nodes.set(name, ni);
      this.nodeSetVersion++;
    } else if (!ni.node) this.nodeSetVersion++;
    ni.setNode(node);
    ni.generation = ++this.generation;
  }

  updateNode(node: Node): void {
    this.addNode(node);
  }

  /** removeNode drops the node; pods still bound to it keep a node-less entry until they go. */
  removeNode(node: Node): void {
    const name = node.metadata.name!;
    const ni = this.nodes.get(name);
    if (!ni) return;
    if (ni.pods.length === 0) this.nodes.delete(name);
    else ni.node = undefined;
    ni.generation = ++this.generation;
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
    for (const ni of this.nodes.values()) if (ni.node) n++;
    return n;
  }

  podCount(): number {
    return this.pods.size;
  }

  /**
   * updateSnapshot brings the snapshot up to date, cloning only NodeInfos whose generation
   * moved since the last update, and rebuilding the list when the node set changed.
   */
  updateSnapshot(snap: Snapshot): void {
    for (const [name, ni] of this.nodes) {
      if (ni.generation <= snap.generation) continue;
      const prev = snap.nodeInfoMap.get(name);
      if (!samePVCs(prev, ni)) snap.invalidateUsedPVCs();
      if (ni.node) snap.nodeInfoMap.set(name, ni.clone());
      else snap.nodeInfoMap.delete(name);
    }
    if (this.snapshotNodeSetVersion.get(snap) !== this.nodeSetVersion) {
      snap.invalidateUsedPVCs();
      for (const name of [...snap.nodeInfoMap.keys()]) if (!this.nodes.get(name)?.node) snap.nodeInfoMap.delete(name);
      snap.nodeInfoList = [];
      for (const [name, ni] of this.nodes) if (ni.node) snap.nodeInfoList.push(snap.nodeInfoMap.get(name)!);
      this.snapshotNodeSetVersion.set(snap, this.nodeSetVersion);
    } else {
      for (let i = 0; i < snap.nodeInfoList.length; i++) {
        const fresh = snap.nodeInfoMap.get(snap.nodeInfoList[i]!.name);
        if (fresh) snap.nodeInfoList[i] = fresh;
      }
    }
    snap.generation = this.generation;
  }

  private addToNode(pod: Pod): void {
    const name = pod.spec.nodeName!;
    let ni = this.nodes.get(name);
    if (!ni) {
      ni = new NodeInfo();
      this.nodes.set(name, ni);
    }
    ni.addPod(newPodInfo(pod));
    ni.generation = ++this.generation;
  }

  private removeFromNode(key: string, nodeName: string): void {
    const ni = this.nodes.get(nodeName);
    if (!ni) return;
    ni.removePod(key);
    ni.generation = ++this.generation;
    if (!ni.node && ni.pods.length === 0) {
      this.nodes.delete(nodeName);
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
