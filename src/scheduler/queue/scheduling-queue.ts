import type { Clock } from '../../util/clock.js';
import type { ClusterEvent, QueuedPodInfo } from '../framework/interface.js';
import type { RegisteredEvent } from '../framework/runtime/framework.js';
import { isSuccess, type Status } from '../framework/status.js';
import type { Pod } from '../framework/types.js';
import { podKey } from '../framework/types.js';
import { eventMatches, isPodWorthRequeuing } from './events.js';
import { Heap } from './heap.js';
import { Nominator } from './nominator.js';

export interface SchedulingQueueOptions {
  clock: Clock;
  less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  preEnqueue: (pod: Pod) => Status | undefined;
  /** The events plugins registered; a function when profiles differ (the pod's profile's events). */
  events: readonly RegisteredEvent[] | ((pod: Pod) => readonly RegisteredEvent[]);
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Pods unschedulable for longer than this are retried without an event (default 5m). */
  maxInUnschedulableMs?: number;
  /** current returns the informer's copy of a pod; the nominator skips deleted or bound pods. */
  current?: (pod: Pod) => Pod | undefined;
}

/**
 * SchedulingQueue holds pending pods in three places: activeQ (ready, ordered by
 * QueueSort), backoffQ (failed recently, released on the clock after 1s..10s doubling per
 * attempt) and the unschedulable pool (waiting for a cluster event a rejecting plugin
 * registered, or PreEnqueue-gated). Every 30s pods older than maxInUnschedulableMs leave
 * the pool anyway.
 */
export class SchedulingQueue {
  private active: Heap<QueuedPodInfo>;
  private backoff = new Map<string, { info: QueuedPodInfo; cancel: () => void }>();
  private unschedulable = new Map<string, QueuedPodInfo>();
  private inFlight = new Map<string, QueuedPodInfo>();
  private waiters: Array<(x: QueuedPodInfo | undefined) => void> = [];
  private schedulingCycle = 0;
  /** moveRequestCycle is the cycle of the last activate(): a pod in flight then is retried soon. */
  private moveRequestCycle = -1;
  /**
   * Cluster events that happened while pods were being scheduled, each after the popping
   * of the pods whose seq is below it: a pod that fails is judged against the events of its
   * own flight, as upstream's in-flight events (with queueing hints) are.
   */
  private inFlightEvents: Array<{ seq: number; event: ClusterEvent; oldObj: unknown; newObj: unknown }> = [];
  private eventSeq = 0;
  /** eventsHead: inFlightEvents before it are needed by no flight any more. */
  private eventsHead = 0;
  private inFlightSince = new Map<string, number>();
  private closed = false;
  private cancelFlush: () => void;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  /** nominator tracks which queued pods preemption nominated to which node. */
  readonly nominator: Nominator;

  constructor(private readonly o: SchedulingQueueOptions) {
    this.active = new Heap((x) => x.key, o.less);
    this.initialBackoff = o.initialBackoffMs ?? 1000;
    this.maxBackoff = o.maxBackoffMs ?? 10_000;
    this.nominator = new Nominator(o.current);
    this.cancelFlush = this.scheduleFlush();
  }

  /** add enqueues a new pending pod (gated if a PreEnqueue plugin says so). */
  add(pod: Pod): void {
    const key = podKey(pod);
    if (this.has(key)) return this.update(pod);
    const info: QueuedPodInfo = { pod, key, timestamp: this.o.clock.now(), attempts: 0, unschedulablePlugins: new Set(), pendingPlugins: new Set() };
    this.nominator.add(pod);
    this.moveToActiveIfAllowed(info);
  }

  /**
   * update replaces a queued pod; with requeue (a spec change) a gated or unschedulable pod
   * gets another chance, without it (status-only change) only the stored object changes.
   * old is the informer's previous object, for the nominator.
   */
  update(pod: Pod, requeue = true, old?: Pod): void {
    const key = podKey(pod);
    if (old) this.nominator.update(old, pod);
    const a = this.active.get(key);
    if (a) return this.active.addOrUpdate({ ...a, pod });
    const f = this.inFlight.get(key);
    if (f) f.pod = pod;
    const b = this.backoff.get(key);
    if (b) b.info.pod = pod;
    const u = this.unschedulable.get(key);
    if (u) u.pod = pod;
    if (u && requeue) {
      this.unschedulable.delete(key);
      this.moveToActiveOrBackoff(u);
    }
    if (!a && !f && !b && !u) this.add(pod);
  }

  delete(pod: Pod): void {
    const key = podKey(pod);
    this.nominator.delete(pod);
    this.active.delete(key);
    this.backoff.get(key)?.cancel();
    this.backoff.delete(key);
    this.unschedulable.delete(key);
    this.endFlight(key);
  }

  has(key: string): boolean {
    return this.active.has(key) || this.backoff.has(key) || this.unschedulable.has(key) || this.inFlight.has(key);
  }

  /** pop waits for the next pod in activeQ; undefined once the queue is closed. */
  pop(): Promise<QueuedPodInfo | undefined> {
    const next = this.active.pop();
    if (next) return Promise.resolve(this.popped(next));
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private popped(info: QueuedPodInfo): QueuedPodInfo {
    this.schedulingCycle++;
    info.attempts++;
    info.initialAttemptTimestamp ??= this.o.clock.now();
    this.inFlight.set(info.key, info);
    this.inFlightSince.set(info.key, this.eventSeq);
    return info;
  }

  /** endFlight forgets the pod's flight and the events no flight still needs. */
  private endFlight(key: string): void {
    this.inFlight.delete(key);
    if (!this.inFlightSince.delete(key)) return;
    if (this.inFlightSince.size === 0) {
      this.inFlightEvents = [];
      this.eventsHead = 0;
      return;
    }
    // Pods wait in Permit for long (gangs): drop from the front in amortized O(1), not by copying.
    let oldest = Infinity;
    for (const seq of this.inFlightSince.values()) if (seq < oldest) oldest = seq;
    while (this.eventsHead < this.inFlightEvents.length && this.inFlightEvents[this.eventsHead]!.seq <= oldest) this.eventsHead++;
    if (this.eventsHead > 1024 && this.eventsHead * 2 > this.inFlightEvents.length) {
      this.inFlightEvents = this.inFlightEvents.slice(this.eventsHead);
      this.eventsHead = 0;
    }
  }

  /** eventsFor is the cluster events the pod's profile registered. */
  private eventsFor(pod: Pod): readonly RegisteredEvent[] {
    return typeof this.o.events === 'function' ? this.o.events(pod) : this.o.events;
  }

  /** happenedDuringFlight: some event of the pod's flight may make it schedulable. */
  private happenedDuringFlight(info: QueuedPodInfo): boolean {
    const since = this.inFlightSince.get(info.key);
    if (since === undefined) return false;
    const events = this.eventsFor(info.pod);
    const rejectors = rejectorsOf(info);
    for (let i = this.eventsHead; i < this.inFlightEvents.length; i++) {
      const e = this.inFlightEvents[i]!;
      if (e.seq > since && isPodWorthRequeuing(info.pod, rejectors, events, e.event, e.oldObj, e.newObj)) return true;
    }
    return false;
  }

  /** cycle is the number of pods popped so far; failures compare it with moveRequestCycle. */
  get cycle(): number {
    return this.schedulingCycle;
  }

  /** done ends a pod's in-flight period (scheduled, or requeued by the failure handler). */
  done(key: string): void {
    this.endFlight(key);
  }

  /**
   * addUnschedulable requeues a pod that failed in cycle `podCycle`. If a move request came
   * in while it was being scheduled it goes to backoffQ (the event may have fixed it);
   * otherwise to the unschedulable pool, or to backoffQ after an error.
   */
  addUnschedulable(info: QueuedPodInfo, podCycle: number): void {
    const duringFlight = this.inFlight.has(info.key) && this.happenedDuringFlight(info);
    this.endFlight(info.key);
    if (this.closed || this.has(info.key)) return;
    info.timestamp = this.o.clock.now();
    const noRejector = info.unschedulablePlugins.size === 0 && info.pendingPlugins.size === 0;
    if (this.moveRequestCycle >= podCycle || noRejector || duringFlight) this.toBackoff(info);
    else this.unschedulable.set(info.key, info);
  }

  /**
   * moveAllOnEvent moves pool pods that a rejecting plugin says the event may help. A gated
   * pod moves only on an event its gating plugin registered; then, as for the others, the
   * hints of every plugin that rejected it (the gating one included) decide.
   */
  moveAllOnEvent(event: ClusterEvent, oldObj: unknown, newObj: unknown): void {
    for (const info of [...this.unschedulable.values()]) {
      const events = this.eventsFor(info.pod);
      // A gated pod moves only on its gating plugin's events; then its rejectors decide, as upstream.
      if (info.gatingPlugin && !events.some((e) => e.plugin === info.gatingPlugin && eventMatches(e.event, event))) continue;
      if (!isPodWorthRequeuing(info.pod, rejectorsOf(info), events, event, oldObj, newObj)) continue;
      this.unschedulable.delete(info.key);
      this.moveToActiveOrBackoff(info);
    }
    if (this.inFlight.size > 0) this.inFlightEvents.push({ seq: ++this.eventSeq, event, oldObj, newObj });
  }

  /** activate moves the given pods from backoffQ or the pool straight to activeQ. */
  activate(pods: readonly Pod[]): void {
    for (const pod of pods) {
      const key = podKey(pod);
      const info = this.unschedulable.get(key) ?? this.backoff.get(key)?.info;
      if (!info) continue;
      this.unschedulable.delete(key);
      this.backoff.get(key)?.cancel();
      this.backoff.delete(key);
      this.moveToActiveIfAllowed(info);
    }
    this.moveRequestCycle = this.schedulingCycle;
  }

  /** pending counts pods per queue, as scheduler_pending_pods does. */
  pending(): { active: number; backoff: number; unschedulable: number; gated: number } {
    const gated = [...this.unschedulable.values()].filter((i) => i.gatingPlugin).length;
    return { active: this.active.size, backoff: this.backoff.size, unschedulable: this.unschedulable.size - gated, gated };
  }

  /** unschedulableInfo returns a pooled pod's bookkeeping (tests, debugging). */
  pooled(key: string): QueuedPodInfo | undefined {
    return this.unschedulable.get(key);
  }

  close(): void {
    this.closed = true;
    this.cancelFlush();
    for (const b of this.backoff.values()) b.cancel();
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  /** backoffDuration is 1s doubled per extra attempt, capped at 10s. */
  backoffDuration(info: QueuedPodInfo): number {
    return Math.min(this.maxBackoff, this.initialBackoff * 2 ** Math.max(0, Math.min(info.attempts - 1, 30)));
  }

  private moveToActiveIfAllowed(info: QueuedPodInfo): void {
    const s = this.o.preEnqueue(info.pod);
    if (!isSuccess(s)) {
      info.gatingPlugin = s!.plugin;
      // The gating plugin counts as a rejector, next to those of the last attempt.
      if (s!.plugin) info.unschedulablePlugins = new Set([...info.unschedulablePlugins, s!.plugin]);
      this.unschedulable.set(info.key, info);
      return;
    }
    info.gatingPlugin = undefined;
    const w = this.waiters.shift();
    if (w) w(this.popped(info));
    else this.active.addOrUpdate(info);
  }

  private moveToActiveOrBackoff(info: QueuedPodInfo): void {
    if (info.gatingPlugin || info.attempts === 0) return this.moveToActiveIfAllowed(info);
    const remaining = info.timestamp + this.backoffDuration(info) - this.o.clock.now();
    if (remaining > 0) this.toBackoff(info);
    else this.moveToActiveIfAllowed(info);
  }

  private toBackoff(info: QueuedPodInfo): void {
    const ms = Math.max(0, info.timestamp + this.backoffDuration(info) - this.o.clock.now());
    const cancel = this.o.clock.setTimeout(() => {
      if (this.backoff.get(info.key)?.info !== info) return;
      this.backoff.delete(info.key);
      this.moveToActiveIfAllowed(info);
    }, ms);
    this.backoff.set(info.key, { info, cancel });
  }

  private scheduleFlush(): () => void {
    const max = this.o.maxInUnschedulableMs ?? 5 * 60_000;
    return this.o.clock.setTimeout(() => {
      if (this.closed) return;
      const now = this.o.clock.now();
      for (const info of [...this.unschedulable.values()]) {
        if (info.gatingPlugin || now - info.timestamp < max) continue;
        this.unschedulable.delete(info.key);
        this.moveToActiveOrBackoff(info);
      }
      this.cancelFlush = this.scheduleFlush();
    }, 30_000);
  }
}

/**
 * rejectorsOf names the plugins whose events may help a pooled pod. Every cluster event asks
 * this for every pooled pod, so the common cases reuse sets instead of building one.
 */
function rejectorsOf(info: QueuedPodInfo): ReadonlySet<string> {
  if (info.pendingPlugins.size === 0) return info.unschedulablePlugins;
  if (info.unschedulablePlugins.size === 0) return info.pendingPlugins;
  return new Set([...info.unschedulablePlugins, ...info.pendingPlugins]);
}
