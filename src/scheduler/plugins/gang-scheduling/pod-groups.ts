/**
 * PodGroups is the scheduler's "workload manager" for gangs: per pod group replica it knows
 * which pods exist (from the pod lister), which passed Reserve here (assumed), which are
 * bound, and the group's shared scheduling deadline.
 *
 * Membership is read from the pod lister on each call, so it cannot drift from the cache:
 * through the informer's pod-group index when the scheduler registered it (a gang's pods
 * only), else by scanning every pod. Assumed pods are the only state of our own.
 */
import type { Clock } from '../../../util/clock.js';
import type { Lister } from '../../framework/interface.js';
import { podKey, type Pod } from '../../framework/types.js';
import { POD_GROUP_INDEX, podGroupKey } from './workload.js';

/** DEFAULT_SCHEDULING_TIMEOUT_MS is upstream's DefaultSchedulingTimeoutDuration (5m, fixed in 1.35). */
export const DEFAULT_SCHEDULING_TIMEOUT_MS = 5 * 60_000;

interface GroupState {
  /** assumed holds keys of pods that passed Reserve and are not yet seen bound. */
  assumed: Set<string>;
  /** deadline is the clock time at which every pod of the group waiting on Permit times out. */
  deadline?: number;
}

const schedulerOf = (p: Pod) => p.spec.schedulerName ?? 'default-scheduler';

export class PodGroups {
  private groups = new Map<string, GroupState>();

  constructor(
    private readonly pods: () => Lister<Pod>,
    private readonly clock: Clock,
    private readonly timeoutMs = DEFAULT_SCHEDULING_TIMEOUT_MS,
  ) {}

  /**
   * members lists every pod of pod's group replica handled by the same scheduler, bound or
   * not (pods of one gang under different schedulerNames are counted per scheduler).
   */
  members(pod: Pod): Pod[] {
    const key = podGroupKey(pod);
    if (key === undefined) return [];
    const scheduler = schedulerOf(pod);
    const lister = this.pods();
    const candidates = lister.byIndex?.(POD_GROUP_INDEX, key) ?? lister.list();
    return candidates.filter((p) => podGroupKey(p) === key && schedulerOf(p) === scheduler);
  }

  /** assume records that pod passed Reserve. */
  assume(pod: Pod): void {
    const key = podGroupKey(pod);
    if (key === undefined) return;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { assumed: new Set() }));
    g.assumed.add(podKey(pod));
  }

  /** forget undoes assume (Unreserve); idempotent. */
  forget(pod: Pod): void {
    const key = podGroupKey(pod);
    const g = key === undefined ? undefined : this.groups.get(key);
    if (!g) return;
    g.assumed.delete(podKey(pod));
    this.gc(key!, g);
  }

  /**
   * quorum is |assumed ∪ bound| for pod's group. Assumed entries whose pod is gone or now
   * bound are dropped first, so the set only ever holds pods still in flight.
   */
  quorum(pod: Pod): number {
    const key = podGroupKey(pod);
    if (key === undefined) return 0;
    const g = this.groups.get(key);
    if (g) this.prune(g);
    let bound = 0;
    for (const p of this.members(pod)) if (p.spec.nodeName) bound++;
    return bound + (g?.assumed.size ?? 0);
  }

  /** assumedKeys lists the pods of pod's group that are assumed (tests, activation). */
  assumedKeys(pod: Pod): ReadonlySet<string> {
    const key = podGroupKey(pod);
    return (key !== undefined && this.groups.get(key)?.assumed) || new Set();
  }

  /**
   * remainingMs returns the time left until the group's deadline, creating it as now + 5m on
   * the first call or when the previous one has passed. All waiting members share it, so
   * they time out together.
   */
  remainingMs(pod: Pod): number {
    const key = podGroupKey(pod);
    if (key === undefined) return this.timeoutMs;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { assumed: new Set() }));
    const now = this.clock.now();
    if (g.deadline === undefined || g.deadline <= now) {
      g.deadline = now + this.timeoutMs;
      // A new deadline means a new gang attempt: a good moment to drop state of finished ones.
      this.sweep();
    }
    return g.deadline - now;
  }

  /** size is the number of groups with state (tests: no leaks). */
  get size(): number {
    return this.groups.size;
  }

  /**
   * sweep prunes the groups that could go and drops idle ones. Successful members are never
   * unreserved, so without it a placed gang's entry would stay until the group is used again.
   * A group whose deadline is still ahead cannot go yet (and prunes itself in quorum), so it
   * is passed over: with one attempt per gang, pruning every group each time is quadratic.
   */
  sweep(): void {
    const now = this.clock.now();
    // Deleting the entry being visited is safe while iterating a Map.
    for (const [key, g] of this.groups) {
      if (g.deadline !== undefined && g.deadline > now) continue;
      this.prune(g);
      this.gc(key, g);
    }
  }

  /** prune forgets assumed pods the informer now shows bound, or no longer has. */
  private prune(g: GroupState): void {
    const lister = this.pods();
    for (const k of [...g.assumed]) {
      const i = k.indexOf('/');
      const p = lister.get(k.slice(0, i) || undefined, k.slice(i + 1));
      if (!p || p.spec.nodeName) g.assumed.delete(k);
    }
  }

  /** gc drops a group with nothing assumed and no live deadline. */
  private gc(key: string, g: GroupState): void {
    if (g.assumed.size === 0 && (g.deadline === undefined || g.deadline <= this.clock.now())) this.groups.delete(key);
  }
}
