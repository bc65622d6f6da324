import type { KubeObject } from '../../../api/meta.js';
import { everything, nothing, selectorFromLabelSelector, type LabelSelector, type Selector } from '../../../machinery/labels/index.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { Handle } from '../../framework/interface.js';
import type { NodeInfo, PodInfo } from '../../framework/node-info.js';
import { isSuccess, Status } from '../../framework/status.js';
import type { Pod } from '../../framework/types.js';

export const MSG_NO_VICTIMS = 'No preemption victims found for incoming pod';

/** PodDisruptionBudget is the slice of policy/v1 PodDisruptionBudget preemption reads. */
export interface PodDisruptionBudget extends KubeObject {
  spec?: { selector?: LabelSelector | null };
  status?: { disruptionsAllowed?: number; disruptedPods?: Record<string, string> | null };
}

/** Victims are the pods to preempt on one node, most important first. */
export interface Victims {
  pods: Pod[];
  numPDBViolations: number;
}

/** Candidate is a node where preemption makes the pod fit, with its victims. */
export interface Candidate {
  name: string;
  victims: Victims;
}

export const podPriority = (p: Pod): number => p.spec.priority ?? 0;

/** podStartTime is status.startTime; a pod that has not started counts as starting now. */
export function podStartTime(p: Pod, now: number): number {
  const t = p.status?.startTime ? Date.parse(p.status.startTime) : NaN;
  return Number.isNaN(t) ? now : t;
}

/** moreImportantPod: higher priority first, then the one running longer (upstream util.MoreImportantPod). */
export function moreImportantPod(a: Pod, b: Pod, now: number): boolean {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pa > pb;
  return podStartTime(a, now) < podStartTime(b, now);
}

/** Runner is what victim selection needs from the framework. */
export type Runner = Pick<Handle, 'runFilterPluginsWithNominatedPods' | 'runPreFilterExtensionAddPod' | 'runPreFilterExtensionRemovePod'>;

export interface SelectOptions {
  now: number;
  /** isEligible filters victims beyond "lower priority than the preemptor" (default: all). */
  isEligible?: (ni: NodeInfo, victim: PodInfo, preemptor: Pod) => boolean;
  moreImportant?: (a: Pod, b: Pod) => boolean;
}

/**
 * selectVictimsOnNode is upstream's SelectVictimsOnNode on a node copy and a state copy:
 * remove every lower-priority pod, check the pod fits, then put victims back (reprieve),
 * most important first and PDB-violating ones before the others, keeping out only those
 * without which the pod would not fit. The status is Success with at least one victim, or
 * why the node cannot be made to fit.
 */
export function selectVictimsOnNode(h: Runner, state: CycleState, pod: Pod, ni: NodeInfo, pdbs: readonly PodDisruptionBudget[], o: SelectOptions): { victims: Pod[]; numPDBViolations: number; status?: Status } {
  const fail = (status: Status) => ({ victims: [], numPDBViolations: 0, status });
  const remove = (pi: PodInfo): Status | undefined => {
    ni.removePod(pi.key);
    return h.runPreFilterExtensionRemovePod(state, pod, pi, ni);
  };
  const add = (pi: PodInfo): Status | undefined => {
    ni.addPod(pi);
    return h.runPreFilterExtensionAddPod(state, pod, pi, ni);
  };
  const prio = podPriority(pod);
  const potential = ni.pods.filter((pi) => podPriority(pi.pod) < prio && (o.isEligible?.(ni, pi, pod) ?? true));
  for (const pi of potential) {
    const s = remove(pi);
    if (!isSuccess(s)) return fail(s!);
  }
  if (potential.length === 0) return fail(Status.unresolvable(MSG_NO_VICTIMS));
  // Without every possible victim the pod must fit; preemption does not chase affinity to victims.
  const s = h.runFilterPluginsWithNominatedPods(state, pod, ni);
  if (!isSuccess(s)) return fail(s!);

  const more = o.moreImportant ?? ((a: Pod, b: Pod) => moreImportantPod(a, b, o.now));
  const byImportance = (a: PodInfo, b: PodInfo) => (more(a.pod, b.pod) ? -1 : more(b.pod, a.pod) ? 1 : 0);
  potential.sort(byImportance);
  const { violating, nonViolating } = filterPodsWithPDBViolation(potential, pdbs);
  const victims: PodInfo[] = [];
  const reprieve = (pi: PodInfo): { fits: boolean; status?: Status } => {
    let st = add(pi);
    if (!isSuccess(st)) return { fits: false, status: st };
    const fits = isSuccess(h.runFilterPluginsWithNominatedPods(state, pod, ni));
    if (!fits) {
      st = remove(pi);
      if (!isSuccess(st)) return { fits, status: st };
      victims.push(pi);
    }
    return { fits };
  };
  let numPDBViolations = 0;
  for (const pi of violating) {
    const r = reprieve(pi);
    if (r.status) return fail(r.status);
    if (!r.fits) numPDBViolations++;
  }
  for (const pi of nonViolating) {
    const r = reprieve(pi);
    if (r.status) return fail(r.status);
  }
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(byImportance);
  return { victims: victims.map((pi) => pi.pod), numPDBViolations };
}

/**
 * filterPodsWithPDBViolation splits pods (keeping their order) into those whose eviction
 * would take a matching PodDisruptionBudget below zero allowed disruptions, counting the
 * earlier pods of the list against the budget, and the rest. Pods already recorded in a
 * budget's disruptedPods were counted by the API server and do not count again.
 */
export function filterPodsWithPDBViolation<T extends { pod: Pod }>(pods: readonly T[], pdbs: readonly PodDisruptionBudget[]): { violating: T[]; nonViolating: T[] } {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map(pdbSelector);
  const violating: T[] = [];
  const nonViolating: T[] = [];
  for (const item of pods) {
    const pod = item.pod;
    let violated = false;
    // A pod without labels matches no budget.
    if (pod.metadata.labels && Object.keys(pod.metadata.labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        const sel = selectors[i]!;
        if (pdb.metadata?.namespace !== pod.metadata.namespace || sel === nothing || sel.empty() || !sel.matches(pod.metadata.labels)) return;
        if (pdb.status?.disruptedPods && Object.prototype.hasOwnProperty.call(pdb.status.disruptedPods, pod.metadata.name!)) return;
        allowed[i]!--;
        if (allowed[i]! < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(item);
  }
  return { violating, nonViolating };
}

/** pdbSelector: a nil or empty selector matches nothing here, and an invalid one is skipped. */
function pdbSelector(pdb: PodDisruptionBudget): Selector {
  try {
    const sel = selectorFromLabelSelector(pdb.spec?.selector);
    return sel === everything ? nothing : sel;
  } catch {
    return nothing;
  }
}
