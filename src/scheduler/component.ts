import { Gauge } from 'prom-client';
import { ComponentServer } from '../component/index.js';
import type { FeatureGates } from '../machinery/features/index.js';
import { realClock, type Clock } from '../util/clock.js';

/** LEADER_HEALTH_TOLERANCE_MS is kube-scheduler's NewLeaderHealthzAdaptor(20s). */
export const LEADER_HEALTH_TOLERANCE_MS = 20_000;

export interface SchedulerComponentOptions {
  gates: FeatureGates;
  /** Every flag with its value, for /flagz. */
  flags: Record<string, string>;
  clock?: Clock;
  /** True once the informers' initial lists reached the handlers (readyz sched-handler-sync). */
  handlersSynced: () => boolean;
  /** The leader elector's health check, when leader election is on. */
  leaderElection?: { check(maxTolerableExpiredMs: number): void; isLeader(): boolean };
}

/**
 * schedulerComponent is kube-scheduler's use of the shared component server: /healthz
 * with the leader-election watchdog, /readyz adding sched-handler-sync, /livez, /metrics
 * (plus leader_election_master_status when electing) and, behind their gates, /statusz and
 * /flagz named kube-scheduler.
 */
export function schedulerComponent(o: SchedulerComponentOptions): ComponentServer {
  const clock = o.clock ?? realClock;
  const server = new ComponentServer({ name: 'kube-scheduler', startTime: clock.now(), binaryVersion: '1.35.0', emulationVersion: '1.35', flags: o.flags, gates: o.gates }, { clock });
  const le = o.leaderElection;
  if (le) {
    const watchdog = { name: 'leaderElection', check: () => le.check(LEADER_HEALTH_TOLERANCE_MS) };
    server.addHealthCheck('healthz', watchdog);
    server.addHealthCheck('readyz', watchdog);
    new Gauge({
      name: 'leader_election_master_status',
      help: '[ALPHA] Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. \'name\' is the string used to identify the lease. Please make sure to group by name.',
      labelNames: ['name'],
      registers: [server.metrics],
      collect() {
        this.set({ name: 'kube-scheduler' }, le.isLeader() ? 1 : 0);
      },
    });
  }
  server.addHealthCheck('readyz', {
    name: 'sched-handler-sync',
    check: () => {
      if (!o.handlersSynced()) throw new Error('handlers are not fully synchronized');
    },
  });
  return server;
}
