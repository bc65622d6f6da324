import { findMatchingUntoleratedTaint, tolerationsTolerateTaint, type Taint, type Toleration } from '../../../machinery/tolerations.js';
import { stateKey, type CycleState, type StateData } from '../../framework/cycle-state.js';
import {
  ActionType, type EnqueueExtensions, type FeatureSet, type FilterPlugin, type NodeScore, type PreScorePlugin, type QueueingHint, type ScorePlugin, type SignFragments, type SignPlugin,
} from '../../framework/interface.js';
import { SIGNER, tolerationsSigner } from '../../framework/signers.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import type { Node, Pod } from '../../framework/types.js';
import { defaultNormalizeScore } from '../helper/normalize-score.js';
import { Names } from '../names.js';

export const NAME = Names.TaintToleration;
const PRE_SCORE_KEY = stateKey<PreScoreState>('PreScore' + NAME);

/** errReasonUntolerated is the Filter reason naming the first untolerated taint. */
export const errReasonUntolerated = (t: Taint): string => `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;

const scheduleEffects = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/**
 * TaintToleration filters out nodes with NoSchedule/NoExecute taints the pod does not
 * tolerate, and prefers nodes with fewer untolerated PreferNoSchedule taints. Gt/Lt
 * tolerations count only when TaintTolerationComparisonOperators is on.
 */
export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, SignPlugin, EnqueueExtensions {
  readonly name = NAME;

  constructor(private readonly comparisonOperators: boolean) {}

  signPod(pod: Pod): SignFragments {
    return { [SIGNER.Tolerations]: tolerationsSigner(pod) };
  }

  eventsToRegister() {
    return [
      { event: { resource: 'Node' as const, actionType: ActionType.Add | ActionType.UpdateNodeTaint }, hint: this.isSchedulableAfterNodeChange },
      { event: { resource: 'Pod' as const, actionType: ActionType.UpdatePodToleration }, hint: isSchedulableAfterPodTolerationChange },
    ];
  }

  /** A node change matters only if the node used to reject the pod and now does not. */
  private isSchedulableAfterNodeChange = (pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint => {
    const untolerated = (n: Node | undefined) => findMatchingUntoleratedTaint(n?.spec?.taints, pod.spec.tolerations, scheduleEffects, this.comparisonOperators) !== undefined;
    if (untolerated(newObj as Node)) return 'QueueSkip';
    return oldObj === undefined || untolerated(oldObj as Node) ? 'Queue' : 'QueueSkip';
  };

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    const taint = findMatchingUntoleratedTaint(nodeInfo.taints, pod.spec.tolerations, scheduleEffects, this.comparisonOperators);
    return taint ? Status.unresolvable(errReasonUntolerated(taint)) : undefined;
  }

  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status | undefined {
    if (nodes.length === 0) return undefined;
    const tolerations = (pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    state.write(PRE_SCORE_KEY, new PreScoreState(tolerations));
    return undefined;
  }

  /** score counts untolerated PreferNoSchedule taints (higher is worse; normalize reverses). */
  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number | Status {
    const s = state.read(PRE_SCORE_KEY);
    if (!s) return Status.error(`reading "${PRE_SCORE_KEY}" from cycleState: not found`);
    const taints = nodeInfo.taints;
    if (!taints) return 0;
    let n = 0;
    for (const taint of taints) {
      if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(s.tolerations, taint, this.comparisonOperators)) n++;
    }
    return n;
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): Status | undefined {
    return defaultNormalizeScore(scores, true);
  }
}

class PreScoreState implements StateData {
  constructor(readonly tolerations: Toleration[]) {}
  clone(): StateData {
    return this;
  }
}

function isSchedulableAfterPodTolerationChange(pod: Pod, _old: unknown, newObj: unknown): QueueingHint {
  return (newObj as Pod)?.metadata?.uid === pod.metadata.uid ? 'Queue' : 'QueueSkip';
}

export const create = (_args: unknown, _h: unknown, f: FeatureSet): TaintToleration => new TaintToleration(f.taintTolerationComparisonOperators);
