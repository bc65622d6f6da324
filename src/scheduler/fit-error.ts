import type { NodeToStatus } from './framework/interface.js';

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
 * counted over nodes and sorted as strings, then the PostFilter (preemption) message.
 */
export function fitErrorMessage(numAllNodes: number, nodeToStatus: NodeToStatus, preFilterMsg = '', postFilterMsg = ''): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (preFilterMsg) msg += ` ${preFilterMsg}.`;
  const histogram = new Map<string, number>();
  for (const s of nodeToStatus.values()) for (const r of s.reasons) histogram.set(r, (histogram.get(r) ?? 0) + 1);
  const reasons = [...histogram].map(([r, n]) => `${n} ${r}`).sort();
  if (reasons.length > 0) msg += ` ${reasons.join(', ')}.`;
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
