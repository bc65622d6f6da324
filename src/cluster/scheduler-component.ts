import type { Registry } from 'prom-client';
import type { Client } from '../client/client.js';
import { startSecureComponentServer, type SecureServingOptions } from '../component/index.js';
import type { FeatureGates } from '../machinery/features/index.js';
import { schedulerComponent } from '../scheduler/component.js';
import type { Profile } from '../scheduler/framework/runtime/framework.js';
import { startScheduler } from '../scheduler/scheduler.js';
import type { Clock } from '../util/clock.js';

export interface EmbeddedSchedulerOptions {
  client: Client;
  gates: FeatureGates;
  clock?: Clock;
  profile?: Partial<Profile>;
  /** kube-scheduler's flags, for /flagz. */
  flags: Record<string, string>;
  /** Serve kube-scheduler's own endpoints here; unset = not served. */
  serving?: SecureServingOptions;
  /** Where the metrics go besides the component server's own registry. */
  metrics: Registry;
  onError: (e: unknown) => void;
}

export interface EmbeddedScheduler {
  synced: Promise<void>;
  /** The bound port of the component endpoints, once listening (see listening). */
  componentPort?: number;
  /** Resolves once the component endpoints listen (at once when not served). */
  listening: Promise<void>;
  stop(): Promise<void>;
}

/**
 * startEmbeddedScheduler is kube-scheduler as `k8ts up` embeds it, on this thread or in
 * the scheduler's worker: no leader election (the API server has exactly one scheduler),
 * metrics on the given registry too, and its own component endpoints when asked.
 */
export function startEmbeddedScheduler(o: EmbeddedSchedulerOptions): EmbeddedScheduler {
  let synced = false;
  const component = o.serving ? schedulerComponent({ gates: o.gates, clock: o.clock, flags: o.flags, handlersSynced: () => synced }) : undefined;
  const scheduler = startScheduler({
    client: o.client,
    clock: o.clock,
    gates: o.gates,
    profile: o.profile,
    onError: o.onError,
    metricsRegistry: component ? [o.metrics, component.metrics] : o.metrics,
  });
  void scheduler.synced.then(() => (synced = true));
  const listener = component && o.serving ? startSecureComponentServer(component, o.serving) : undefined;
  const out: EmbeddedScheduler = {
    synced: scheduler.synced,
    listening: listener ? listener.then((l) => void (out.componentPort = l.port)) : Promise.resolve(),
    async stop() {
      component?.markShuttingDown();
      await scheduler.stop();
      await (await listener?.catch(() => undefined))?.close();
    },
  };
  return out;
}
