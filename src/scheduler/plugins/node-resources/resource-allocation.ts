import type { NodeInfo } from '../../framework/node-info.js';
import type { Resource } from '../../framework/resource.js';

/** ResourceSpec is one scored resource and its weight. */
export interface ResourceSpec {
  name: string;
  weight: number;
}

/** DEFAULT_RESOURCES is what NodeResourcesFit and BalancedAllocation score by default. */
export const DEFAULT_RESOURCES: ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** Scorer turns per-resource (requested, allocatable) pairs into a 0..100 score. */
export type Scorer = (requested: number[], allocatable: number[], resources: readonly ResourceSpec[]) => number;

/** Amounts holds, per scored resource, the requested and allocatable values (reused per call). */
export interface Amounts {
  requested: number[];
  allocatable: number[];
}

/** newAmounts makes a reusable buffer for allocatableAndRequested. */
export function newAmounts(n: number): Amounts {
  return { requested: new Array<number>(n).fill(0), allocatable: new Array<number>(n).fill(0) };
}

/**
 * allocatableAndRequested collects, per resource, the node's allocatable and what would be
 * requested with the pod placed there. cpu/memory use the non-zero request totals unless
 * useRequested; a scalar resource the pod does not request is left out (allocatable 0).
 * Score runs for every feasible node, so the result goes into `out` instead of new arrays.
 */
export function allocatableAndRequested(
  nodeInfo: NodeInfo,
  podReq: Resource,
  podNonZero: Resource,
  resources: readonly ResourceSpec[],
  useRequested: boolean,
  out: Amounts = newAmounts(resources.length),
): Amounts {
  const { requested, allocatable } = out;
  for (let i = 0; i < resources.length; i++) {
    const name = resources[i]!.name;
    const basic = name === 'cpu' || name === 'memory';
    if (!basic && name !== 'ephemeral-storage' && podReq.get(name) === 0) {
      requested[i] = 0;
      allocatable[i] = 0;
      continue;
    }
    const nonZero = basic && !useRequested;
    requested[i] = nonZero ? nodeInfo.nonZeroRequested.get(name) + podNonZero.get(name) : nodeInfo.requested.get(name) + podReq.get(name);
    allocatable[i] = nodeInfo.allocatable.get(name);
  }
  return out;
}

/** leastAllocated prefers emptier nodes: sum(w * (alloc - req) * 100 / alloc) / sum(w). */
export const leastAllocated: Scorer = (requested, allocatable, resources) => {
  let score = 0;
  let weights = 0;
  for (let i = 0; i < resources.length; i++) {
    const alloc = allocatable[i]!;
    if (alloc === 0) continue;
    const req = requested[i]!;
    score += (req > alloc ? 0 : Math.trunc(((alloc - req) * 100) / alloc)) * resources[i]!.weight;
    weights += resources[i]!.weight;
  }
  return weights === 0 ? 0 : Math.trunc(score / weights);
};

/** mostAllocated prefers fuller nodes (bin packing): sum(w * req * 100 / alloc) / sum(w). */
export const mostAllocated: Scorer = (requested, allocatable, resources) => {
  let score = 0;
  let weights = 0;
  for (let i = 0; i < resources.length; i++) {
    const alloc = allocatable[i]!;
    if (alloc === 0) continue;
    const req = Math.min(requested[i]!, alloc);
    score += Math.trunc((req * 100) / alloc) * resources[i]!.weight;
    weights += resources[i]!.weight;
  }
  return weights === 0 ? 0 : Math.trunc(score / weights);
};

/** ShapePoint maps utilization (0..100) to a score (0..10, scaled to 0..100). */
export interface ShapePoint {
  utilization: number;
  score: number;
}

/** requestedToCapacityRatio scores each resource on a piecewise-linear utilization shape. */
export function requestedToCapacityRatio(shape: readonly ShapePoint[]): Scorer {
  const pts = shape.map((p) => ({ x: p.utilization, y: p.score * 10 }));
  const f = (u: number): number => {
    if (u <= pts[0]!.x) return pts[0]!.y;
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1]!;
      const b = pts[i]!;
      if (u <= b.x) return a.y + Math.trunc(((b.y - a.y) * (u - a.x)) / (b.x - a.x));
    }
    return pts[pts.length - 1]!.y;
  };
  return (requested, allocatable, resources) => {
    let score = 0;
    let weights = 0;
    for (let i = 0; i < resources.length; i++) {
      const alloc = allocatable[i]!;
      if (alloc === 0) continue;
      const util = requested[i]! > alloc ? 100 : Math.trunc((requested[i]! * 100) / alloc);
      score += f(util) * resources[i]!.weight;
      weights += resources[i]!.weight;
    }
    return weights === 0 ? 0 : Math.round(score / weights);
  };
}
