import type { NodeInfo } from '../framework/node-info.js';

/**
 * Snapshot is the immutable-per-cycle copy of the cache that plugins read: node infos in a
 * stable order (the order nodes were added) and by name.
 */
export class Snapshot {
  nodeInfoList: NodeInfo[] = [];
  nodeInfoMap = new Map<string, NodeInfo>();
  /** generation is the cache generation this snapshot reflects. */
  generation = 0;
  /** usedPVCs is every claim key used by a pod on a node; undefined until asked after a change. */
  private usedPVCs?: Set<string>;

  get(name: string): NodeInfo | undefined {
    return this.nodeInfoMap.get(name);
  }

  get numNodes(): number {
    return this.nodeInfoList.length;
  }

  /** isPVCUsedByPods is upstream's StorageInfos().IsPVCUsedByPods over the snapshot's nodes. */
  isPVCUsedByPods(key: string): boolean {
    if (!this.usedPVCs) {
      this.usedPVCs = new Set();
      for (const ni of this.nodeInfoList) for (const k of ni.pvcRefCounts.keys()) this.usedPVCs.add(k);
    }
    return this.usedPVCs.has(key);
  }

  /** invalidateUsedPVCs is called by the cache when a node's claims or the node set changed. */
  invalidateUsedPVCs(): void {
    this.usedPVCs = undefined;
  }
}
