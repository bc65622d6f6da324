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

  get(name: string): NodeInfo | undefined {
    return this.nodeInfoMap.get(name);
  }

  get numNodes(): number {
    return this.nodeInfoList.length;
  }
}
