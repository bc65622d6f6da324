import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { PluginMetrics } from './framework/interface.js';
import type { BatchMetrics } from './framework/runtime/batch.js';

export type AttemptResult = 'scheduled' | 'unschedulable' | 'error';

/** SchedulerMetrics records what kube-scheduler's metrics package does per attempt. */
export interface SchedulerMetrics extends BatchMetrics, PluginMetrics {
  attempt(result: AttemptResult, profile: string, seconds: number): void;
  /** podScheduled records a bound pod: its attempts, and the time since its first one. */
  podScheduled(attempts: number, sinceFirstAttemptSeconds: number | undefined): void;
}

/**
 * registerSchedulerMetrics adds kube-scheduler's core metrics to a component registry:
 * attempts by result, attempt duration, pending pods per queue (read at scrape time), and
 * the opportunistic batching series. Several registries get the same metrics (the
 * in-process scheduler shows them on both `k8ts up`'s API server and its own kube-scheduler port).
 */
export function registerSchedulerMetrics(registry: Registry | Registry[], pending: () => { active: number; backoff: number; unschedulable: number; gated: number }): SchedulerMetrics {
  const registers = Array.isArray(registry) ? registry : [registry];
  const attempts = new Counter({ name: 'scheduler_schedule_attempts_total', help: 'Number of attempts to schedule pods, by the result.', labelNames: ['result', 'profile'], registers });
  const duration = new Histogram({
    name: 'scheduler_scheduling_attempt_duration_seconds',
    help: 'Scheduling attempt latency in seconds (scheduling algorithm + binding)',
    labelNames: ['result', 'profile'],
    buckets: Array.from({ length: 15 }, (_, i) => 0.001 * 2 ** i),
    registers,
  });
  new Gauge({
    name: 'scheduler_pending_pods',
    help: "Number of pending pods, by the queue type. 'active' means number of pods in activeQ; 'backoff' means number of pods in backoffQ; 'unschedulable' means number of pods in unschedulablePods; 'gated' means number of pods blocked by PreEnqueue plugins.",
    labelNames: ['queue'],
    registers,
    collect() {
      const p = pending();
      for (const [queue, n] of Object.entries(p)) this.set({ queue }, n);
    },
  });
  // Opportunistic batching (KEP-5598); 0.01ms doubling to ~20ms, as upstream.
  const batchBuckets = Array.from({ length: 12 }, (_, i) => 0.00001 * 2 ** i);
  const batchAttempts = new Counter({ name: 'scheduler_batch_attempts_total', help: 'Counts of results when we attempt to use batching.', labelNames: ['profile', 'result'], registers });
  const batchFlushed = new Counter({ name: 'scheduler_batch_cache_flushed_total', help: 'Counts of cache flushes by reason.', labelNames: ['profile', 'reason'], registers });
  const hintDuration = new Histogram({ name: 'scheduler_get_node_hint_duration_seconds', help: 'Latency for getting a node hint.', labelNames: ['hinted', 'profile'], buckets: batchBuckets, registers });
  const storeDuration = new Histogram({ name: 'scheduler_store_schedule_results_duration_seconds', help: 'Latency for storing scheduling results.', labelNames: ['profile'], buckets: batchBuckets, registers });
  const preemptionAttempts = new Counter({ name: 'scheduler_preemption_attempts_total', help: 'Total preemption attempts in the cluster till now', registers });
  // #victims > 64 is rare: [64, +Inf) is one bucket, as upstream's ExponentialBuckets(1, 2, 7).
  const preemptionVictims = new Histogram({ name: 'scheduler_preemption_victims', help: 'Number of selected preemption victims', buckets: [1, 2, 4, 8, 16, 32, 64], registers });
  const podAttempts = new Histogram({ name: 'scheduler_pod_scheduling_attempts', help: 'Number of attempts to successfully schedule a pod.', buckets: [1, 2, 4, 8, 16], registers });
  // 10 ms doubling: the last bucket is [~88m, Inf), as upstream's ExponentialBuckets(0.01, 2, 20).
  const sli = new Histogram({
    name: 'scheduler_pod_scheduling_sli_duration_seconds',
    help: 'E2e latency for a pod being scheduled, from the time the pod enters the scheduling queue and might involve multiple scheduling attempts.',
    labelNames: ['attempts'],
    buckets: Array.from({ length: 20 }, (_, i) => 0.01 * 2 ** i),
    registers,
  });
  return {
    podScheduled(attempts, since) {
      podAttempts.observe(attempts);
      // Upstream's getAttemptsLabel: 15 and more share one label.
      if (since !== undefined) sli.observe({ attempts: attempts >= 15 ? '15+' : String(attempts) }, since);
    },
    preemptionAttempt: () => preemptionAttempts.inc(),
    preemptionVictims: (n) => preemptionVictims.observe(n),
    attempt(result, profile, seconds) {
      attempts.inc({ result, profile });
      duration.observe({ result, profile }, seconds);
    },
    batchAttempt: (profile, result) => batchAttempts.inc({ profile, result }),
    batchFlushed: (profile, reason) => batchFlushed.inc({ profile, reason }),
    getNodeHintDuration: (hinted, profile, seconds) => hintDuration.observe({ hinted, profile }, seconds),
    storeScheduleResultsDuration: (profile, seconds) => storeDuration.observe({ profile }, seconds),
  };
}
