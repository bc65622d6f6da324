import type { NodeInfo } from '../framework/node-info.js';
import type { NodeToStatus } from '../framework/node-to-status.js';
import { Status } from '../framework/status.js';
import type { Pod } from '../framework/types.js';
import type { Extender, ExtenderVictims } from './http-extender.js';

/** EXTENDER_NAME is what a pod rejected by an extender lists as its rejector (framework.ExtenderName). */
export const EXTENDER_NAME = 'Extender';

/*
 * An ignorable extender that fails is passed over, here and below: upstream only logs it.
 */

/** Extender scores are 0–10 (MaxExtenderPriority); the framework's are 0–100. */
const SCORE_SCALE = 100 / 10;

/**
 * findNodesThatPassExtenders runs the interested extenders one after another on what the
 * previous left, recording why each rejected node was rejected. An extender error fails the
 * cycle unless the extender is ignorable.
 */
export async function findNodesThatPassExtenders(extenders: readonly Extender[], pod: Pod, feasible: NodeInfo[], statuses: NodeToStatus): Promise<NodeInfo[]> {
  for (const ext of extenders) {
    if (feasible.length === 0) break;
    if (!ext.isInterested(pod)) continue;
    let r: Awaited<ReturnType<Extender['filter']>>;
    try {
      r = await ext.filter(pod, feasible);
    } catch (err) {
      if (ext.ignorable) continue;
      throw err;
    }
    // UnschedulableAndUnresolvable wins where an extender names a node in both maps.
    for (const [node, msg] of Object.entries(r.failedAndUnresolvable)) statuses.set(node, Status.unresolvable(msg));
    for (const [node, msg] of Object.entries(r.failed)) if (!(node in r.failedAndUnresolvable)) statuses.set(node, Status.unschedulable(msg));
    feasible = r.nodes;
  }
  return feasible;
}

/**
 * addExtenderScores adds each interested extender's weighted, rescaled scores to the node
 * totals. A failing extender is skipped: the plugins and the other extenders still rank.
 */
export async function addExtenderScores(extenders: readonly Extender[], pod: Pod, nodes: readonly NodeInfo[], totals: number[]): Promise<void> {
  const index = new Map(nodes.map((n, i) => [n.name, i]));
  await Promise.all(
    extenders.filter((e) => e.isInterested(pod)).map(async (ext) => {
      const r = await ext.prioritize(pod, nodes).catch(() => undefined);
      if (!r) return;
      for (const { host, score } of r.scores) {
        const i = index.get(host);
        if (i !== undefined) totals[i] = totals[i]! + score * r.weight * SCORE_SCALE;
      }
    }),
  );
}

/**
 * extendersBinding lets the first interested binding extender bind the pod; true when one
 * did (its error, if any, is the binding's). An ignorable binder that fails is passed over.
 */
export async function extendersBinding(extenders: readonly Extender[], pod: Pod, node: string): Promise<{ bound: boolean; err?: unknown }> {
  for (const ext of extenders) {
    if (!ext.isBinder || !ext.isInterested(pod)) continue;
    try {
      await ext.bind(pod, node);
      return { bound: true };
    } catch (err) {
      if (ext.ignorable) continue;
      return { bound: true, err };
    }
  }
  return { bound: false };
}

/**
 * callExtendersForPreemption is upstream's Evaluator.callExtenders: each preemption-capable,
 * interested extender replaces the node -> victims map in turn. A node answered without
 * victims is an error (dropped, for an ignorable extender); an ignorable extender that
 * fails is passed over.
 */
export async function callExtendersForPreemption(
  extenders: readonly Extender[],
  pod: Pod,
  victims: Map<string, ExtenderVictims>,
  nodeInfo: (name: string) => NodeInfo | undefined,
): Promise<Map<string, ExtenderVictims>> {
  for (const ext of extenders) {
    if (victims.size === 0) break;
    if (!ext.supportsPreemption || !ext.isInterested(pod)) continue;
    let next: Map<string, ExtenderVictims>;
    try {
      next = await ext.processPreemption(pod, victims, nodeInfo);
    } catch (err) {
      if (ext.ignorable) continue;
      throw err;
    }
    for (const [node, v] of next) {
      if (v.pods.length > 0) continue;
      if (!ext.ignorable) throw new Error(`expected at least one victim pod on node ${JSON.stringify(node)}`);
      next.delete(node);
    }
    victims = next;
  }
  return victims;
}
