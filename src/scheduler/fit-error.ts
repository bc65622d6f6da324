import type { NodeToStatus } from './framework/node-to-status.js';

/** FitError describes why no node fits: per-node statuses aggregated into upstream's message. */
export class FitError extends Error {
  constructor(
    readonly numAllNodes: number,
    readonly nodeToStatus: NodeToStatus,
    readonly unschedulablePlugins: Set<string>,
    readonly preFilterMsg = '',
    readonly postFilterMsg = '',
  ) {
    super(fitErrorMessage(numAllNodes, nodeToStatus, preFilterMsg, postFilterMsg));
  }
}

/**
 * fitErrorMessage renders `0/N nodes are available: <count> <reason>, ...` with reasons
 * counted over nodes (nodes without their own status count with the absent status) and
 * sorted as strings, then the PostFilter (preemption) message. A PreFilter rejection is
 * reported once instead of per node.
 */
export function fitErrorMessage(numAllNodes: number, nodeToStatus: NodeToStatus, preFilterMsg = '', postFilterMsg = ''): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (preFilterMsg) {
    msg += ` ${preFilterMsg}.`;
  } else {
    const histogram = new Map<string, number>();
    const bump = (r: string, n: number) => histogram.set(r, (histogram.get(r) ?? 0) + n);
    for (const [, s] of nodeToStatus.explicit()) for (const r of s.reasons) bump(r, 1);
    const absent = numAllNodes - nodeToStatus.size;
    if (absent > 0) for (const r of nodeToStatus.absentStatus.reasons) bump(r, absent);
    const reasons = [...histogram].map(([r, n]) => `${n} ${r}`).sort();
    if (reasons.length > 0) msg += ` ${reasons.join(', ')}.`;
  }
  if (postFilterMsg) msg += ` ${postFilterMsg}`;
  return msg;
}

/**
 * numFeasibleNodesToFind is how many feasible nodes a cycle looks for: every node below 100;
 * otherwise pct% of them (adaptive 50 - n/125, at least 5%), but never fewer than 100.
 */
export function numFeasibleNodesToFind(percentage: number | undefined, numAllNodes: number): number {
  if (numAllNodes < 100) return numAllNodes;
  let pct = percentage ?? 0;
  if (pct >= 100) return numAllNodes;
  if (pct <= 0) {
    pct = 50 - Math.trunc(numAllNodes / 125);
    if (pct < 5) pct = 5;
  }
  const n = Math.trunc((numAllNodes * pct) / 100);
  return n < 100 ? 100 : n;
}
