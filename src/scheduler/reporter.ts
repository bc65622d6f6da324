import { hostname } from 'node:os';
import type { KubeObject } from '../api/meta.js';
import type { Client } from '../client/client.js';
import { isNotFound } from '../machinery/errors.js';
import { microTime, rfc3339 } from '../util/time.js';
import { EventSeries } from './event-series.js';
import type { Clock } from '../util/clock.js';
import type { EventOptions } from './framework/interface.js';
import type { Pod, PodCondition } from './framework/types.js';

/** Reporter is the scheduler's user-visible output: events and the PodScheduled condition. */
export interface Reporter {
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, opts?: EventOptions): void;
  /**
   * podScheduledFalse writes PodScheduled=False (reason Unschedulable or SchedulerError)
   * and, when nominatedNodeName is a string, status.nominatedNodeName ('' clears it); it
   * writes nothing when neither would change.
   */
  podScheduledFalse(pod: Pod, reason: string, message: string, nominatedNodeName?: string): Promise<void>;
  /** stop ends background work (the event series timers). */
  stop?(): void;
}


/** apiReporter writes core/v1 Events and patches pods/status through the client. */
export function apiReporter(client: Client, clock: Clock, component = 'default-scheduler', onError: (e: unknown) => void = () => {}): Reporter {
  let seq = 0;
  const eventsIn = (namespace: string) => ({ group: 'events.k8s.io', version: 'v1', resource: 'events', namespace });
  // client-go's NewRecorder: the controller name and this host's.
  const instance = `${component}-${hostname()}`;
  const series = new EventSeries(
    {
      create: (ns, ev) => client.create(eventsIn(ns), ev as KubeObject),
      patchSeries: async (ns, name, s) => {
        try {
          await client.patch(eventsIn(ns), name, 'strategic', { series: s });
          return true;
        } catch (e) {
          if (isNotFound(e)) return false;
          throw e;
        }
      },
    },
    clock,
    onError,
  );
  return {
    stop: () => series.stop(),
    event(pod, type, reason, message, opts = {}) {
      const now = clock.now();
      const ns = pod.metadata.namespace ?? 'default';
      // Upstream names events <object>.<unix nanos in hex>; the sequence keeps names unique
      // within one clock reading (in BigInt: nanos are beyond float precision).
      const name = `${pod.metadata.name}.${(BigInt(now) * 1_000_000n + BigInt(seq++)).toString(16)}`;
      // As kube-scheduler's recorder (client-go tools/events): an events.k8s.io/v1 Event, read
      // through core/v1 with its deprecated fields (firstTimestamp, count, source) unset.
      const ev = {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name, namespace: ns },
        eventTime: microTime(now),
        reportingController: component,
        reportingInstance: instance,
        action: opts.action ?? (reason === 'Scheduled' ? 'Binding' : 'Scheduling'),
        reason,
        regarding: { apiVersion: 'v1', kind: 'Pod', namespace: ns, name: pod.metadata.name, uid: pod.metadata.uid, resourceVersion: pod.metadata.resourceVersion },
        ...(opts.related ? { related: { apiVersion: 'v1', kind: 'Pod', namespace: opts.related.metadata.namespace, name: opts.related.metadata.name, uid: opts.related.metadata.uid } } : {}),
        note: message,
        type,
      };
      // Isomorphic events (client-go's getKey) become one event with a series.
      const key = JSON.stringify([ev.action, reason, component, ev.regarding, message, ev.related ?? null]);
      series.record(key, ns, name, ev);
    },
    async podScheduledFalse(pod, reason, message, nominatedNodeName) {
      const existing = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
      const condChanged = !(existing && existing.status === 'False' && existing.reason === reason && existing.message === message);
      const nnnChanged = nominatedNodeName !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominatedNodeName;
      if (!condChanged && !nnnChanged) return;
      const status: Record<string, unknown> = {};
      if (condChanged) {
        const cond: PodCondition = {
          type: 'PodScheduled',
          status: 'False',
          reason,
          message,
          lastProbeTime: null,
          lastTransitionTime: existing?.status === 'False' && existing.lastTransitionTime ? existing.lastTransitionTime : rfc3339(clock.now()),
        };
        status.conditions = [cond];
      }
      if (nnnChanged) status.nominatedNodeName = nominatedNodeName || null;
      const ref = { version: 'v1', resource: 'pods', namespace: pod.metadata.namespace };
      await client.patch(ref, pod.metadata.name!, 'strategic', { status }, { subresource: 'status' });
    },
  };
}
