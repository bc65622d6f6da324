import type { StateData } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type NodeScore } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { Pod } from '../../framework/types.js';
import { countPodsMatchSelector, LABEL_HOSTNAME, matchNodeInclusionPolicies, nodeHasAllKeys, type Constraint } from './common.js';

/**
 * PreScoreState holds the soft constraints, per constraint the matching-pod count of each
 * domain seen among the feasible nodes (hostname domains are counted in Score), a
 * log-based weight that evens out domains of different sizes, and the nodes left unscored.
 */
export class PreScoreState implements StateData {
  constructor(
    readonly constraints: Constraint[],
    readonly tpValueToPodCounts: Array<Map<string, number>>,
    readonly weights: number[],
    readonly ignoredNodes: Set<string>,
  ) {}
  clone(): StateData {
    return this;
  }
}

/** topologyNormalizingWeight is log(size + 2), so bigger topologies weigh a little more. */
const topologyNormalizingWeight = (size: number) => Math.log(size + 2);

/**
 * calPreScoreState registers the domains of the feasible nodes, then adds the matching pods
 * of every snapshot node in those domains. requireAllTopologies is false only for the system
 * defaults, which also score nodes missing the zone label.
 */
export function calPreScoreState(pod: Pod, constraints: Constraint[], filtered: readonly NodeInfo[], allNodes: readonly NodeInfo[], requireAllTopologies: boolean, comparisonOperators: boolean): PreScoreState {
  const counts = constraints.map(() => new Map<string, number>());
  const ignored = new Set<string>();
  const sizes = constraints.map(() => 0);
  for (const ni of filtered) {
    const labels = ni.node?.metadata.labels ?? {};
    if (requireAllTopologies && !nodeHasAllKeys(labels, constraints)) {
      ignored.add(ni.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return;
      const v = labels[c.topologyKey] ?? '';
      if (!counts[i]!.has(v)) {
        counts[i]!.set(v, 0);
        sizes[i]!++;
      }
    });
  }
  const weights = constraints.map((c, i) => topologyNormalizingWeight(c.topologyKey === LABEL_HOSTNAME ? filtered.length - ignored.size : sizes[i]!));
  for (const ni of allNodes) {
    const node = ni.node;
    if (!node) continue;
    if (requireAllTopologies && !nodeHasAllKeys(node.metadata.labels, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!matchNodeInclusionPolicies(c, pod, node, comparisonOperators)) return;
      const v = node.metadata.labels?.[c.topologyKey] ?? '';
      const cur = counts[i]!.get(v);
      if (cur === undefined) return;
      counts[i]!.set(v, cur + countPodsMatchSelector(ni.pods, c.selector, pod.metadata.namespace));
    });
  }
  return new PreScoreState(constraints, counts, weights, ignored);
}

/** scoreNode sums, per constraint, count x weight + (maxSkew - 1): lower is better. */
export function scoreNode(s: PreScoreState, pod: Pod, ni: NodeInfo): number {
  if (s.ignoredNodes.has(ni.name)) return 0;
  const labels = ni.node?.metadata.labels ?? {};
  let score = 0;
  s.constraints.forEach((c, i) => {
    if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return;
    const cnt = c.topologyKey === LABEL_HOSTNAME ? countPodsMatchSelector(ni.pods, c.selector, pod.metadata.namespace) : (s.tpValueToPodCounts[i]!.get(labels[c.topologyKey]!) ?? 0);
    score += cnt * s.weights[i]! + (c.maxSkew - 1);
  });
  return roundHalfAway(score);
}

/** roundHalfAway is Go's math.Round (halves away from zero; scores are never negative). */
const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

/** normalize flips scores to 0..100 (fewest matching pods wins); ignored nodes get 0. */
export function normalize(s: PreScoreState, scores: NodeScore[]): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (const sc of scores) {
    if (s.ignoredNodes.has(sc.name)) continue;
    if (sc.score < min) min = sc.score;
    if (sc.score > max) max = sc.score;
  }
  for (const sc of scores) {
    if (s.ignoredNodes.has(sc.name)) sc.score = 0;
    else if (max === 0) sc.score = MAX_NODE_SCORE;
    else sc.score = Math.trunc((MAX_NODE_SCORE * (max + min - sc.score)) / max);
  }
}
