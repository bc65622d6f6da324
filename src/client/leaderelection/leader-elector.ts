import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { isNotFound } from '../../machinery/errors.js';
import { realClock, type Clock } from '../../util/clock.js';
import type { LeaderElectionRecord, LeaseLock } from './lease-lock.js';

/** JITTER_FACTOR spreads acquire retries over [retryPeriod, 2.2 x retryPeriod], as client-go. */
export const JITTER_FACTOR = 1.2;

export type StopReason = 'stopped' | 'lost';

export interface LeaderCallbacks {
  onStartedLeading(): void;
  /** Always called once run() ends: 'stopped' after stop(), 'lost' when renewal failed. */
  onStoppedLeading(reason: StopReason): void;
  /** Called when a different holder is observed, including the first one seen. */
  onNewLeader?(identity: string): void;
}

export interface LeaderElectionConfig {
  lock: LeaseLock;
  /** How long a candidate waits, from the last change it saw, before taking the lock over. */
  leaseDurationMs: number;
  /** How long the leader keeps retrying a failing renewal before it gives up. */
  renewDeadlineMs: number;
  /** Pause between attempts. */
  retryPeriodMs: number;
  callbacks: LeaderCallbacks;
  /** Give the lock up (holder '', 1s lease) when stop() is called while leading. */
  releaseOnCancel?: boolean;
  name?: string;
  clock?: Clock;
  random?: () => number;
  onError?: (err: unknown) => void;
}

/** newIdentity is `<hostname>_<uuid>`, kube-scheduler's and kube-controller-manager's lock identity. */
export function newIdentity(): string {
  return `${hostname()}_${randomUUID()}`;
}

/**
 * LeaderElector is client-go's leaderelection.LeaderElector over a Lease: candidates retry
 * every retryPeriod (jittered) and take the lock once the holder's record has not changed
 * for leaseDuration of *their own* clock; the leader renews every retryPeriod and gives up
 * when renewals keep failing for renewDeadline. Only local observation times are trusted,
 * so clock skew between candidates does not matter.
 */
export class LeaderElector {
  private observed: LeaderElectionRecord = { holderIdentity: '', leaseDurationSeconds: 0, acquireTime: 0, renewTime: 0, leaderTransitions: 0 };
  private observedRaw = '';
  private observedTime = 0;
  private reportedLeader = '';
  private cancelled = false;
  private readonly wakers = new Set<() => void>();
  private readonly clock: Clock;
  private running?: Promise<void>;
  private resolveLeading!: () => void;
  /** Resolves when this candidate first acquires the lock (never, if it is stopped before). */
  readonly leading: Promise<void>;

  constructor(private readonly c: LeaderElectionConfig) {
    if (c.leaseDurationMs <= c.renewDeadlineMs) throw new Error('leaseDuration must be greater than renewDeadline');
    if (c.renewDeadlineMs <= JITTER_FACTOR * c.retryPeriodMs) throw new Error('renewDeadline must be greater than retryPeriod*JitterFactor');
    if (c.leaseDurationMs < 1) throw new Error('leaseDuration must be greater than zero');
    if (c.renewDeadlineMs < 1) throw new Error('renewDeadline must be greater than zero');
    if (c.retryPeriodMs < 1) throw new Error('retryPeriod must be greater than zero');
    if (!c.lock.identity) throw new Error('Lock identity is empty');
    this.clock = c.clock ?? realClock;
    this.leading = new Promise((r) => (this.resolveLeading = r));
  }

  /** run acquires, then renews until the lease is lost or stop() is called; it resolves then. */
  run(): Promise<void> {
    this.running ??= (async () => {
      let reason: StopReason = 'stopped';
      try {
        if (!(await this.acquire())) return;
        this.resolveLeading();
        this.c.callbacks.onStartedLeading();
        reason = await this.renew();
      } finally {
        this.c.callbacks.onStoppedLeading(this.cancelled ? 'stopped' : reason);
      }
    })();
    return this.running;
  }

  /** stop ends run(): a leader releases the lock first when releaseOnCancel is set. */
  async stop(): Promise<void> {
    this.cancelled = true;
    for (const w of [...this.wakers]) w();
    await this.running;
  }

  isLeader(): boolean {
    return this.observed.holderIdentity === this.c.lock.identity;
  }

  /** getLeader is the last observed holder ('' before any). */
  getLeader(): string {
    return this.observed.holderIdentity;
  }

  /**
   * check is the leader-election health check: a leader that has not renewed for
   * leaseDuration + maxTolerableExpired is unhealthy (it should have stepped down).
   */
  check(maxTolerableExpiredMs: number): void {
    if (!this.isLeader()) return;
    if (this.clock.now() - this.observedTime > this.c.leaseDurationMs + maxTolerableExpiredMs) {
      throw new Error(`failed election to renew leadership on lease ${this.c.name ?? this.c.lock.describe()}`);
    }
  }

  private async acquire(): Promise<boolean> {
    while (!this.cancelled) {
      const ok = await this.tryAcquireOrRenew();
      this.maybeReportTransition();
      if (ok) {
        this.c.lock.recordEvent('became leader');
        return true;
      }
      const jitter = (this.c.random ?? Math.random)() * JITTER_FACTOR * this.c.retryPeriodMs;
      await this.sleep(this.c.retryPeriodMs + jitter);
    }
    return false;
  }

  /** renew runs rounds every retryPeriod; a round retries until it succeeds or renewDeadline passes. */
  private async renew(): Promise<StopReason> {
    try {
      while (!this.cancelled) {
        const deadline = this.clock.now() + this.c.renewDeadlineMs;
        let ok = false;
        while (!this.cancelled) {
          ok = await this.tryAcquireOrRenew();
          if (ok || this.clock.now() >= deadline) break;
          await this.sleep(Math.min(this.c.retryPeriodMs, deadline - this.clock.now()));
          if (this.clock.now() >= deadline) break;
        }
        this.maybeReportTransition();
        if (this.cancelled) break;
        if (!ok) return 'lost';
        await this.sleep(this.c.retryPeriodMs);
      }
      return 'stopped';
    } finally {
      this.c.lock.recordEvent('stopped leading');
      if (this.c.releaseOnCancel) await this.release();
    }
  }

  /** release hands the lock back: empty holder and a one-second lease, so others need not wait. */
  private async release(): Promise<void> {
    if (!this.isLeader()) return;
    const now = this.clock.now();
    const record: LeaderElectionRecord = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaderTransitions: this.observed.leaderTransitions };
    try {
      await this.c.lock.update(record);
      this.setObserved(record);
    } catch (err) {
      this.c.onError?.(err);
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.clock.now();
    const record: LeaderElectionRecord = {
      holderIdentity: this.c.lock.identity,
      leaseDurationSeconds: Math.floor(this.c.leaseDurationMs / 1000),
      acquireTime: now,
      renewTime: now,
      leaderTransitions: 0,
    };
    // Fast path: the leader assumes its last write is current and updates optimistically.
    if (this.isLeader() && this.isLeaseValid(now)) {
      record.acquireTime = this.observed.acquireTime;
      record.leaderTransitions = this.observed.leaderTransitions;
      try {
        await this.c.lock.update(record);
        this.setObserved(record);
        return true;
      } catch (err) {
        this.c.onError?.(err);
      }
    }
    let current: { record: LeaderElectionRecord; raw: string };
    try {
      current = await this.c.lock.get();
    } catch (err) {
      if (!isNotFound(err)) {
        this.c.onError?.(err);
        return false;
      }
      try {
        await this.c.lock.create(record);
      } catch (e) {
        this.c.onError?.(e);
        return false;
      }
      this.setObserved(record);
      return true;
    }
    // Only a change of the record restarts the expiry countdown, measured on our clock.
    if (current.raw !== this.observedRaw) {
      this.setObserved(current.record);
      this.observedRaw = current.raw;
    }
    if (current.record.holderIdentity && this.isLeaseValid(now) && !this.isLeader()) return false;
    if (this.isLeader()) {
      record.acquireTime = current.record.acquireTime;
      record.leaderTransitions = current.record.leaderTransitions;
    } else record.leaderTransitions = current.record.leaderTransitions + 1;
    try {
      await this.c.lock.update(record);
    } catch (err) {
      this.c.onError?.(err);
      return false;
    }
    this.setObserved(record);
    return true;
  }

  private isLeaseValid(now: number): boolean {
    return this.observedTime + this.observed.leaseDurationSeconds * 1000 > now;
  }

  private setObserved(r: LeaderElectionRecord): void {
    this.observed = r;
    this.observedTime = this.clock.now();
  }

  private maybeReportTransition(): void {
    if (this.observed.holderIdentity === this.reportedLeader) return;
    this.reportedLeader = this.observed.holderIdentity;
    this.c.callbacks.onNewLeader?.(this.reportedLeader);
  }

  /** sleep waits on the injected clock; stop() cuts it short. */
  private sleep(ms: number): Promise<void> {
    if (this.cancelled) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        cancel();
        this.wakers.delete(done);
        resolve();
      };
      const cancel = this.clock.setTimeout(done, ms);
      this.wakers.add(done);
    });
  }
}
