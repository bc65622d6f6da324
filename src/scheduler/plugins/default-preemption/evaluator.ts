import type { CycleState } from '../../framework/cycle-state.js';
import type { Handle, PostFilterResult } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { NodeToStatus } from '../../framework/node-to-status.js';
import { Code, isSuccess, Status } from '../../framework/status.js';
import type { Pod } from '../../framework/types.js';
import { fitErrorMessage } from '../../fit-error.js';
import { callExtendersForPreemption } from '../../extender/run.js';
import { pickOneNodeForPreemption } from './pick-node.js';
import { selectVictimsOnNode, type Candidate, type PodDisruptionBudget, type Runner, type SelectOptions, type Victims } from './victims.js';

export const MSG_NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/** PreemptionPolicy is what Preempt asks of the plugin (upstream preemption.Interface). */
export interface PreemptionPolicy {
  /** podEligibleToPreemptOthers returns why the pod may not preempt, or undefined. */
  podEligibleToPreemptOthers(pod: Pod, nominatedNodeStatus: Status): string | undefined;
  /** offsetAndNumCandidates: where the dry run starts and how many candidates it wants. */
  offsetAndNumCandidates(numNodes: number): { offset: number; num: number };
  selectOptions(): SelectOptions;
  /** prepare evicts the chosen candidate's victims (sync or in the background). */
  prepare(c: Candidate, pod: Pod): Promise<Status | undefined>;
}

type EvaluatorHandle = Runner & Pick<Handle, 'nodeInfos' | 'podLister' | 'lister' | 'extenders' | 'getNodeInfo'>;

export const PDB_LISTER = 'poddisruptionbudgets';

/**
 * preempt is upstream's Evaluator.Preempt: with the latest copy of the pod, check it may
 * preempt, dry-run preemption on the nodes Filter found Unschedulable (not Unresolvable),
 * pick the best candidate and evict its victims. The result nominates that node; with no
 * candidate it clears the nomination and explains why per node.
 */
export async function preempt(h: EvaluatorHandle, policy: PreemptionPolicy, state: CycleState, podIn: Pod, m: NodeToStatus): Promise<PostFilterResult> {
  const pod = h.podLister().get(podIn.metadata.namespace, podIn.metadata.name!);
  if (!pod) return { status: Status.error(new Error(`pods "${podIn.metadata.name}" not found`)) };

  const why = policy.podEligibleToPreemptOthers(pod, m.get(pod.status?.nominatedNodeName ?? ''));
  if (why) return { status: Status.unschedulable(why) };

  const all = h.nodeInfos();
  if (all.length === 0) return { status: Status.error(new Error('no nodes available')) };
  const { candidates, statuses, errors } = findCandidates(h, policy, state, pod, all, m);
  if (errors.length > 0 && candidates.length === 0) return { status: Status.error(errors[0]!) };
  if (candidates.length === 0) {
    statuses.setAbsentStatus(Status.unresolvable(MSG_NOT_HELPFUL));
    return { nominatedNodeName: '', status: Status.unschedulable(fitErrorMessage(all.length, statuses)) };
  }

  let chosen = candidates;
  if (h.extenders?.length) {
    try {
      const byNode = await callExtendersForPreemption(h.extenders, pod, new Map(candidates.map((c) => [c.name, c.victims])), (n) => h.getNodeInfo(n));
      chosen = [...byNode].map(([name, victims]) => ({ name, victims }));
    } catch (err) {
      return { status: Status.error(err) };
    }
  }
  const best = selectCandidate(chosen, policy.selectOptions().now);
  if (!best?.name) return { status: Status.unschedulable('no candidate node for preemption') };
  const s = await policy.prepare(best, pod);
  if (!isSuccess(s)) return { status: s };
  return { nominatedNodeName: best.name };
}

/** findCandidates dry-runs preemption on the nodes where removing pods could help. */
function findCandidates(h: EvaluatorHandle, policy: PreemptionPolicy, state: CycleState, pod: Pod, all: readonly NodeInfo[], m: NodeToStatus) {
  const potential = m.nodesForStatusCode(all, Code.Unschedulable);
  if (potential.length === 0) return { candidates: [], statuses: new NodeToStatus(), errors: [] };
  const pdbs = h.lister<PodDisruptionBudget>(PDB_LISTER)?.list() ?? [];
  const { offset, num } = policy.offsetAndNumCandidates(potential.length);
  return dryRunPreemption(h, state, pod, potential, pdbs, offset, num, policy.selectOptions());
}

/**
 * dryRunPreemption tries nodes from offset (wrapping) on copies of the node and the state,
 * until it has num candidates of which at least one violates no PDB. Candidates that
 * violate none come first.
 */
export function dryRunPreemption(h: Runner, state: CycleState, pod: Pod, potential: readonly NodeInfo[], pdbs: readonly PodDisruptionBudget[], offset: number, num: number, o: SelectOptions) {
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  const statuses = new NodeToStatus();
  const errors: Error[] = [];
  for (let i = 0; i < potential.length; i++) {
    const ni = potential[(offset + i) % potential.length]!.clone();
    const r = selectVictimsOnNode(h, state.clone(), pod, ni, pdbs, o);
    let status = r.status;
    if (isSuccess(status) && r.victims.length > 0) {
      const list = r.numPDBViolations === 0 ? nonViolating : violating;
      if (list.length < num) list.push({ name: ni.name, victims: { pods: r.victims, numPDBViolations: r.numPDBViolations } });
      if (nonViolating.length > 0 && nonViolating.length + violating.length >= num) break;
      continue;
    }
    if (isSuccess(status)) status = Status.error(new Error(`expected at least one victim pod on node "${ni.name}"`));
    if (status!.code === Code.Error) errors.push(status!.err ?? new Error(status!.message()));
    statuses.set(ni.name, status!);
  }
  return { candidates: [...nonViolating, ...violating], statuses, errors };
}

/** selectCandidate picks one candidate by pickOneNodeForPreemption's criteria. */
export function selectCandidate(candidates: readonly Candidate[], now: number): Candidate | undefined {
  if (candidates.length <= 1) return candidates[0];
  const byNode = new Map<string, Victims>(candidates.map((c) => [c.name, c.victims]));
  const name = pickOneNodeForPreemption(byNode, now);
  return candidates.find((c) => c.name === name) ?? candidates[0];
}
