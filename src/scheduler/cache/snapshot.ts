import type { NodeInfo } from '../framework/node-info.js';

/**
 * Snapshot is the per-cycle copy of the cache that plugins read: node infos in a stable
 * order (the order nodes were added) and by name, plus the nodes holding pods with pod
 * (anti-)affinity, which InterPodAffinity walks instead of every pod. As upstream, a node's
 * NodeInfo is updated in place between cycles: plugins must not keep one across cycles.
 */
export class Snapshot {
  nodeInfoList: NodeInfo[] = [];
  nodeInfoMap = new Map<string, NodeInfo>();
  /** generation is the cache generation this snapshot reflects. */
  generation = 0;
  /** usedPVCs is every claim key used by a pod on a node; undefined until asked after a change. */
  private usedPVCs?: Set<string>;
  /** position of each node in nodeInfoList, so an update replaces one entry in place. */
  private position = new Map<string, number>();
  /** Names of nodes with such pods; the lists are rebuilt from them when asked after a change. */
  private withAffinity = new Set<string>();
  private withRequiredAntiAffinity = new Set<string>();
  private affinityList?: NodeInfo[];
  private requiredAntiAffinityList?: NodeInfo[];

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

  /** havePodsWithAffinityList lists the nodes with at least one pod with pod (anti-)affinity. */
  havePodsWithAffinityList(): readonly NodeInfo[] {
    return (this.affinityList ??= this.listOf(this.withAffinity));
  }

  /** havePodsWithRequiredAntiAffinityList lists the nodes with a pod with required anti-affinity. */
  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[] {
    return (this.requiredAntiAffinityList ??= this.listOf(this.withRequiredAntiAffinity));
  }

  /** set stores a node's (new or updated) NodeInfo; the cache calls it for nodes that changed. */
  set(ni: NodeInfo): void {
    const name = ni.name;
    this.nodeInfoMap.set(name, ni);
    const i = this.position.get(name);
    if (i !== undefined) this.nodeInfoList[i] = ni;
    this.track(this.withAffinity, name, ni.podsWithAffinity.length > 0, 'affinityList');
    this.track(this.withRequiredAntiAffinity, name, ni.podsWithRequiredAntiAffinity.length > 0, 'requiredAntiAffinityList');
  }

  /** delete drops a node that is gone (or lost its Node object). */
  delete(name: string): void {
    this.nodeInfoMap.delete(name);
    this.track(this.withAffinity, name, false, 'affinityList');
    this.track(this.withRequiredAntiAffinity, name, false, 'requiredAntiAffinityList');
  }

  /** setOrder rebuilds the list in the given order after nodes were added or removed. */
  setOrder(names: Iterable<string>): void {
    this.nodeInfoList = [];
    this.position.clear();
    for (const name of names) {
      const ni = this.nodeInfoMap.get(name);
      if (!ni) continue;
      this.position.set(name, this.nodeInfoList.length);
      this.nodeInfoList.push(ni);
    }
    for (const name of [...this.nodeInfoMap.keys()]) if (!this.position.has(name)) this.delete(name);
  }

  /** track keeps a membership set current; a member's new copy also invalidates the list. */
  private track(set: Set<string>, name: string, member: boolean, list: 'affinityList' | 'requiredAntiAffinityList'): void {
    if (!member && !set.has(name)) return;
    if (member) set.add(name);
    else set.delete(name);
    this[list] = undefined;
  }

  private listOf(names: ReadonlySet<string>): NodeInfo[] {
    const out: NodeInfo[] = [];
    for (const name of names) {
      const ni = this.nodeInfoMap.get(name);
      if (ni) out.push(ni);
    }
    return out;
  }
}
