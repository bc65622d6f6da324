import { newPodInfo, type PodInfo } from '../framework/node-info.js';
import type { Pod } from '../framework/types.js';
import { podKey } from '../framework/types.js';

/**
 * Nominator is upstream's PodNominator: which pending pods are nominated to which node. A
 * pod is nominated by preemption (kept in memory at once, before the API write of
 * status.nominatedNodeName comes back through the informer) or by that field when the
 * pod is (re)queued. Filter counts a node's nominated pods of equal or higher priority.
 */
export class Nominator {
  private readonly byNode = new Map<string, PodInfo[]>();
  private readonly podToNode = new Map<string, string>();

  /** current, when given, is the informer's pod: deleted or bound pods are not nominated. */
  constructor(private readonly current?: (pod: Pod) => Pod | undefined) {}

  /**
   * add records pod's nomination: nodeName undefined uses status.nominatedNodeName (upstream
   * ModeNoop), a string overrides it ('' removes the nomination).
   */
  add(pod: Pod, nodeName?: string): void {
    this.delete(pod);
    const node = nodeName ?? pod.status?.nominatedNodeName ?? '';
    if (!node) return;
    if (this.current) {
      const live = this.current(pod);
      if (!live || live.spec.nodeName) return;
    }
    this.podToNode.set(id(pod), node);
    let list = this.byNode.get(node);
    if (!list) this.byNode.set(node, (list = []));
    list.push(newPodInfo(pod));
  }

  /**
   * update swaps in the new pod object. An update that neither had nor has the field keeps
   * the in-memory nomination: it can arrive right after preemption nominated the pod but
   * before the status write did.
   */
  update(old: Pod, pod: Pod): void {
    let nodeName: string | undefined;
    if (!old.status?.nominatedNodeName && !pod.status?.nominatedNodeName) nodeName = this.podToNode.get(id(old));
    this.delete(old);
    if (nodeName !== undefined || pod.status?.nominatedNodeName) this.add(pod, nodeName);
  }

  delete(pod: Pod): void {
    const key = id(pod);
    const node = this.podToNode.get(key);
    if (node === undefined) return;
    this.podToNode.delete(key);
    const rest = (this.byNode.get(node) ?? []).filter((pi) => id(pi.pod) !== key);
    if (rest.length) this.byNode.set(node, rest);
    else this.byNode.delete(node);
  }

  /** nominatedNodeFor is the node the pod is nominated to, if any. */
  nominatedNodeFor(pod: Pod): string | undefined {
    return this.podToNode.get(id(pod));
  }

  podsForNode(nodeName: string): readonly PodInfo[] {
    // Filter asks for every node it visits; usually nothing is nominated anywhere.
    if (this.byNode.size === 0) return NONE;
    return this.byNode.get(nodeName) ?? NONE;
  }
}

const NONE: readonly PodInfo[] = Object.freeze([]);

/** Pods are told apart by UID, as upstream does, so a recreated pod is a different pod. */
const id = (pod: Pod): string => pod.metadata.uid || podKey(pod);
