import { stateKey, type CycleState, type StateData } from '../../framework/cycle-state.js';
import {
  ActionType, type EnqueueExtensions, type FilterPlugin, type NodeScore, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type QueueingHint, type ScorePlugin, type SignFragments,
  type SignPlugin,
} from '../../framework/interface.js';
import { nodeAffinitySigner, SIGNER } from '../../framework/signers.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Code, Status } from '../../framework/status.js';
import type { Node, NodeAffinity as NodeAffinitySpec, NodeSelectorTerm, Pod } from '../../framework/types.js';
import { defaultNormalizeScore } from '../helper/normalize-score.js';
import { Names } from '../names.js';
import { anyTermMatches, termMatches } from './node-selector.js';

export const NAME = Names.NodeAffinity;
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";

/** NodeAffinityArgs.addedAffinity is ANDed with every pod's own affinity (per profile). */
export interface NodeAffinityArgs {
  addedAffinity?: NodeAffinitySpec;
}
const PRE_FILTER_KEY = stateKey<PreFilterState>('PreFilter' + NAME);
const PRE_SCORE_KEY = stateKey<PreScoreState>('PreScore' + NAME);

/**
 * NodeAffinity enforces spec.nodeSelector and required node affinity (Filter), narrows the
 * node set when terms pin metadata.name (PreFilter), and scores preferred terms by weight.
 */
export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, SignPlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly addedTerms?: NodeSelectorTerm[];
  private readonly addedPreferred?: Array<{ weight: number; preference: NodeSelectorTerm }>;

  constructor(args: NodeAffinityArgs = {}) {
    this.addedTerms = args.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    const preferred = args.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.filter((p) => p.weight !== 0);
    this.addedPreferred = preferred?.length ? preferred : undefined;
  }

  signPod(pod: Pod): SignFragments {
    return { [SIGNER.NodeAffinity]: nodeAffinitySigner(pod), [SIGNER.NodeSelector]: pod.spec.nodeSelector };
  }

  eventsToRegister() {
    return [{ event: { resource: 'Node' as const, actionType: ActionType.Add | ActionType.UpdateNodeLabel }, hint: (pod: Pod, o: unknown, n: unknown) => this.isSchedulableAfterNodeChange(pod, o, n) }];
  }

  private addedMatches(node: Node | undefined): boolean {
    return !this.addedTerms || (!!node && anyTermMatches(this.addedTerms, node.metadata.labels ?? {}, node.metadata.name ?? ''));
  }

  private isSchedulableAfterNodeChange(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
    if (!this.addedMatches(newObj as Node)) return 'QueueSkip';
    return isSchedulableAfterNodeChange(pod, oldObj, newObj);
  }

  preFilter(state: CycleState, pod: Pod): { result?: PreFilterResult; status?: Status } {
    const terms = requiredTerms(pod);
    if (!pod.spec.nodeSelector && terms === undefined && !this.addedTerms) {
      state.write(PRE_FILTER_KEY, new PreFilterState(false));
      return { status: new Status(Code.Skip) };
    }
    state.write(PRE_FILTER_KEY, new PreFilterState(true));
    if (!terms) return {};
    // Only when every term pins metadata.name can the node set be narrowed.
    const names = new Set<string>();
    for (const t of terms) {
      const pinned = (t.matchFields ?? []).find((f) => f.key === 'metadata.name' && f.operator === 'In' && (f.values ?? []).length > 0);
      if (!pinned) return {};
      const vals = new Set(pinned.values);
      for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In') for (const v of [...vals]) if (!f.values?.includes(v)) vals.delete(v);
      for (const v of vals) names.add(v);
    }
    if (names.size === 0) return { status: Status.unresolvable(ERR_REASON_CONFLICT) };
    return { result: { nodeNames: names } };
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    if (!this.addedMatches(nodeInfo.node)) return Status.unresolvable(ERR_REASON_ENFORCED);
    return podMatchesNode(pod, nodeInfo.node) ? undefined : Status.unresolvable(ERR_REASON_POD);
  }

  preScore(state: CycleState, pod: Pod): Status | undefined {
    const preferred = pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (preferred.length === 0 && !this.addedPreferred) return new Status(Code.Skip);
    state.write(PRE_SCORE_KEY, new PreScoreState(preferred.filter((p) => p.weight !== 0)));
    return undefined;
  }

  /** score sums the weights of the matching preferred terms. */
  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number | Status {
    const s = state.read(PRE_SCORE_KEY);
    if (!s) return Status.error(`reading "${PRE_SCORE_KEY}" from cycleState: not found`);
    const labels = nodeInfo.node?.metadata.labels ?? {};
    let total = 0;
    for (const p of [...(this.addedPreferred ?? []), ...s.preferred]) if (termMatches(p.preference, labels, nodeInfo.name)) total += p.weight;
    return total;
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): Status | undefined {
    return defaultNormalizeScore(scores, false);
  }
}

function requiredTerms(pod: Pod): NodeSelectorTerm[] | undefined {
  return pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
}

/** podMatchesNode is the required part: nodeSelector AND (any required term). */
export function podMatchesNode(pod: Pod, node: Node | undefined): boolean {
  if (!node) return false;
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = requiredTerms(pod);
  return terms === undefined || anyTermMatches(terms, labels, node.metadata.name ?? '');
}

function isSchedulableAfterNodeChange(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  if (!podMatchesNode(pod, newObj as Node)) return 'QueueSkip';
  return oldObj === undefined || !podMatchesNode(pod, oldObj as Node) ? 'Queue' : 'QueueSkip';
}

class PreFilterState implements StateData {
  constructor(readonly active: boolean) {}
  clone(): StateData {
    return this;
  }
}

class PreScoreState implements StateData {
  constructor(readonly preferred: Array<{ weight: number; preference: NodeSelectorTerm }>) {}
  clone(): StateData {
    return this;
  }
}

export const create = (args: unknown): NodeAffinity => new NodeAffinity((args ?? {}) as NodeAffinityArgs);
