import { isStatusError } from '../../../machinery/errors.js';
import type { Handle } from '../../framework/interface.js';
import { Status } from '../../framework/status.js';
import type { Pod, PodCondition } from '../../framework/types.js';
import { podKey } from '../../framework/types.js';
import { podPriority, type Candidate } from './victims.js';
import { rfc3339 } from '../../../util/time.js';

const podsRef = (namespace: string | undefined) => ({ version: 'v1', resource: 'pods', namespace });
const notFound = (e: unknown) => isStatusError(e) && e.reason === 'NotFound';

/** DISRUPTION_TARGET: upstream's v1.DisruptionTarget condition with reason PreemptionByScheduler. */
export const DISRUPTION_TARGET = 'DisruptionTarget';
export const REASON_PREEMPTION = 'PreemptionByScheduler';

/** podTerminatingByPreemption: deleted, and the scheduler's preemption is why. */
export function podTerminatingByPreemption(p: Pod): boolean {
  if (!p.metadata.deletionTimestamp) return false;
  const c = p.status?.conditions?.find((x) => x.type === DISRUPTION_TARGET);
  return c?.status === 'True' && c.reason === REASON_PREEMPTION;
}

type ExecutorHandle = Pick<Handle, 'client' | 'clock' | 'getWaitingPod' | 'event' | 'nominatedPodsForNode' | 'podLister' | 'activate' | 'track' | 'metrics'>;

/**
 * Executor does what preemption decided, through the API: each victim gets the
 * DisruptionTarget condition, is deleted (a Permit-waiting victim is rejected instead) and
 * gets a Preempted event; lower-priority pods nominated to the node lose their nomination.
 * With async preemption this runs off the scheduling cycle, and the preemptor is held at
 * PreEnqueue (isPodRunningPreemption) until the deletions are under way.
 */
export class Executor {
  private readonly preempting = new Set<string>();
  /** lastVictim: the preemptor waits for this one victim's deletion to have started. */
  private readonly lastVictim = new Map<string, { namespace: string; name: string }>();

  constructor(
    private readonly h: ExecutorHandle,
    private readonly pluginName: string,
  ) {}

  /** isPodRunningPreemption is true while async preemption for the pod is still deleting victims. */
  isPodRunningPreemption(uid: string | undefined): boolean {
    if (!uid || !this.preempting.has(uid)) return false;
    const v = this.lastVictim.get(uid);
    if (!v) return true;
    const live = this.h.podLister().get(v.namespace, v.name);
    return !!live && !live.metadata.deletionTimestamp;
  }

  /** preemptPod evicts one victim for preemptor on node; a victim already gone is fine. */
  async preemptPod(node: string, preemptor: Pod, victim: Pod): Promise<void> {
    const waiting = this.h.getWaitingPod(podKey(victim));
    if (waiting) {
      waiting.reject(this.pluginName, 'preempted');
    } else {
      const existing = victim.status?.conditions?.find((c) => c.type === DISRUPTION_TARGET);
      const message = `${preemptor.spec.schedulerName ?? 'default-scheduler'}: preempting to accommodate a higher priority pod`;
      if (!existing || existing.status !== 'True' || existing.reason !== REASON_PREEMPTION || existing.message !== message) {
        const cond: PodCondition = {
          type: DISRUPTION_TARGET,
          status: 'True',
          reason: REASON_PREEMPTION,
          message,
          lastTransitionTime: existing?.status === 'True' && existing.lastTransitionTime ? existing.lastTransitionTime : rfc3339(this.h.clock.now()),
        };
        if (victim.metadata.generation) cond.observedGeneration = victim.metadata.generation;
        try {
          await this.h.client.patch(podsRef(victim.metadata.namespace), victim.metadata.name!, 'strategic', { status: { conditions: [cond] } }, { subresource: 'status' });
        } catch (e) {
          if (notFound(e)) return;
          throw e;
        }
      }
      try {
        await this.h.client.delete(podsRef(victim.metadata.namespace), victim.metadata.name!);
      } catch (e) {
        if (notFound(e)) return;
        throw e;
      }
    }
    this.h.event(victim, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${node}`, { action: 'Preempting', related: preemptor });
  }

  /**
   * clearLowerNominations drops the nomination of lower-priority pods nominated to node:
   * they may no longer fit there, and without it they look for another node at once.
   */
  async clearLowerNominations(pod: Pod, node: string): Promise<void> {
    const lower = this.h.nominatedPodsForNode(node).map((pi) => pi.pod).filter((p) => podPriority(p) < podPriority(pod) && p.status?.nominatedNodeName);
    const results = await Promise.allSettled(lower.map((p) => this.h.client.patch(podsRef(p.metadata.namespace), p.metadata.name!, 'strategic', { status: { nominatedNodeName: null } }, { subresource: 'status' })));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** prepareCandidate (synchronous preemption): every victim first, then the nominations. */
  async prepareCandidate(c: Candidate, pod: Pod, onError: (e: unknown) => void): Promise<Status | undefined> {
    const victims = c.victims.pods.filter((v) => !v.metadata.deletionTimestamp);
    const results = await Promise.allSettled(victims.map((v) => this.preemptPod(c.name, pod, v)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) return Status.error(failed.reason);
    // As v1.35: the synchronous path counts victims once they are all deleted.
    this.h.metrics?.preemptionVictims(c.victims.pods.length);
    // Not critical: a stale nomination only delays those pods.
    await this.clearLowerNominations(pod, c.name).catch(onError);
    return undefined;
  }

  /**
   * prepareCandidateAsync starts the same work in the background. The last victim is
   * deleted on its own, after the others, so PreEnqueue can tell "deletions still being
   * sent" from "sent, waiting for the pods to go". On any failure the preemptor is
   * activated rather than left waiting for deletions that will not come.
   */
  prepareCandidateAsync(c: Candidate, pod: Pod): void {
    const victims = c.victims.pods.filter((v) => !v.metadata.deletionTimestamp);
    if (victims.length === 0) return;
    this.h.metrics?.preemptionVictims(c.victims.pods.length);
    const uid = pod.metadata.uid ?? podKey(pod);
    this.preempting.add(uid);
    const run = async () => {
      const errors: unknown[] = [];
      await this.clearLowerNominations(pod, c.name).catch((e) => errors.push(e));
      let victimsFailed = false;
      if (victims.length > 1) {
        const results = await Promise.allSettled(victims.slice(0, -1).map((v) => this.preemptPod(c.name, pod, v)));
        for (const r of results) if (r.status === 'rejected') errors.push(r.reason);
        victimsFailed = results.some((r) => r.status === 'rejected');
      }
      // After a failed victim the last one is spared: the preemptor retries sooner.
      if (!victimsFailed) {
        const last = victims.at(-1)!;
        this.lastVictim.set(uid, { namespace: last.metadata.namespace ?? '', name: last.metadata.name! });
        await this.preemptPod(c.name, pod, last).catch((e) => errors.push(e));
      }
      this.preempting.delete(uid);
      this.lastVictim.delete(uid);
      if (errors.length > 0) {
        this.h.activate([pod]);
        throw new AggregateError(errors, `async preemption for pod ${podKey(pod)} on node ${c.name} failed: ${errors.map(String).join('; ')}`);
      }
    };
    this.h.track(run());
  }
}
