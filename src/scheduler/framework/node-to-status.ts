import type { NodeInfo } from './node-info.js';
import { Status, type Code } from './status.js';

/**
 * NodeToStatus is a cycle's verdict per node: the status Filter gave each node it ran on,
 * and one shared status for every node it did not (nodes a PreFilter result left out, or
 * all of them when PreFilter rejected the pod). Preemption reads it to find the nodes where
 * removing pods could help.
 */
export class NodeToStatus {
  private readonly nodes: Map<string, Status>;

  constructor(
    entries: Iterable<[string, Status]> = [],
    /** absent is upstream's default: a node never filtered cannot be helped. */
    private absent: Status = Status.unresolvable(),
  ) {
    this.nodes = new Map(entries);
  }

  /** get is the node's own status, else the absent nodes' one. */
  get(name: string): Status {
    return this.nodes.get(name) ?? this.absent;
  }

  set(name: string, s: Status): void {
    this.nodes.set(name, s);
  }

  /** size counts nodes with their own status. */
  get size(): number {
    return this.nodes.size;
  }

  get absentStatus(): Status {
    return this.absent;
  }

  setAbsentStatus(s: Status): void {
    this.absent = s;
  }

  /** explicit iterates the nodes with their own status. */
  explicit(): IterableIterator<[string, Status]> {
    return this.nodes.entries();
  }

  /** nodesForStatusCode lists, in snapshot order, the nodes whose status has this code. */
  nodesForStatusCode(all: readonly NodeInfo[], code: Code): NodeInfo[] {
    if (this.absent.code !== code && this.nodes.size === 0) return [];
    return all.filter((ni) => this.get(ni.name).code === code);
  }
}
