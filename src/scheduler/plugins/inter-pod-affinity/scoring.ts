import type { Labels } from '../../../machinery/labels/index.js';
import type { StateData } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type NodeScore } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { Pod } from '../../framework/types.js';
import { parseAffinity, termMatches, type AffinityTerm } from './terms.js';

/** PreScoreState maps topology key -> value -> summed weight. */
export class PreScoreState implements StateData {
  constructor(readonly topologyScore: Map<string, Map<string, number>>) {}
  clone(): StateData {
    return this;
  }
}

export interface ScoreOptions {
  hardPodAffinityWeight: number;
  ignorePreferredTermsOfExistingPods: boolean;
}

function processTerm(m: Map<string, Map<string, number>>, t: AffinityTerm, weight: number, pod: Pod, nsLabels: Labels, nodeLabels: Record<string, string>, mult: number): void {
  if (!termMatches(t, pod, nsLabels)) return;
  const v = nodeLabels[t.topologyKey];
  if (v === undefined) return;
  let byValue = m.get(t.topologyKey);
  if (!byValue) m.set(t.topologyKey, (byValue = new Map()));
  byValue.set(v, (byValue.get(v) ?? 0) + weight * mult);
}

/**
 * calPreScoreState adds, for each existing pod, the weights of: the incoming pod's preferred
 * terms it matches (+/-), its required affinity terms the incoming pod matches
 * (hardPodAffinityWeight) and its preferred terms the incoming pod matches (+/-), all on the
 * existing pod's topology domain. Without preferred terms of its own, only pods that have
 * affinity are visited (`nodes` is then the nodes holding such pods).
 */
export function calPreScoreState(pod: Pod, preferredAffinity: AffinityTerm[], preferredAnti: AffinityTerm[], nodes: readonly NodeInfo[], nsLabels: Labels, o: ScoreOptions): PreScoreState {
  const m = new Map<string, Map<string, number>>();
  const hasConstraints = preferredAffinity.length > 0 || preferredAnti.length > 0;
  for (const ni of nodes) {
    const labels = ni.node?.metadata.labels;
    if (!labels || Object.keys(labels).length === 0) continue;
    for (const { pod: ep } of hasConstraints ? ni.pods : ni.podsWithAffinity) {
      for (const t of preferredAffinity) processTerm(m, t, t.weight, ep, undefined, labels, 1);
      for (const t of preferredAnti) processTerm(m, t, t.weight, ep, undefined, labels, -1);
      const e = parseAffinity(ep);
      if (o.hardPodAffinityWeight > 0) for (const t of e.requiredAffinity) processTerm(m, t, o.hardPodAffinityWeight, pod, nsLabels, labels, 1);
      if (o.ignorePreferredTermsOfExistingPods) continue;
      for (const t of e.preferredAffinity) processTerm(m, t, t.weight, pod, nsLabels, labels, 1);
      for (const t of e.preferredAntiAffinity) processTerm(m, t, t.weight, pod, nsLabels, labels, -1);
    }
  }
  return new PreScoreState(m);
}

/** scoreNode sums the scores of the node's topology domains (may be negative). */
export function scoreNode(s: PreScoreState, ni: NodeInfo): number {
  const labels = ni.node?.metadata.labels ?? {};
  let score = 0;
  for (const [key, byValue] of s.topologyScore) {
    const v = labels[key];
    if (v !== undefined) score += byValue.get(v) ?? 0;
  }
  return score;
}

/** normalize maps min..max linearly onto 0..100 (all equal -> 0). */
export function normalize(s: PreScoreState, scores: NodeScore[]): void {
  if (s.topologyScore.size === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (const sc of scores) {
    if (sc.score > max) max = sc.score;
    if (sc.score < min) min = sc.score;
  }
  const diff = max - min;
  for (const sc of scores) sc.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((sc.score - min) / diff)) : 0;
}
