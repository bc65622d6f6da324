import type { Client } from '../client/client.js';
import type { Clock } from '../util/clock.js';
import type { Pod, PodCondition } from './framework/types.js';

/** Reporter is the scheduler's user-visible output: events and the PodScheduled condition. */
export interface Reporter {
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** podScheduledFalse writes PodScheduled=False (reason Unschedulable or SchedulerError). */
  podScheduledFalse(pod: Pod, reason: string, message: string): Promise<void>;
}

const rfc3339 = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const micro = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');

/** apiReporter writes core/v1 Events and patches pods/status through the client. */
export function apiReporter(client: Client, clock: Clock, component = 'default-scheduler', onError: (e: unknown) => void = () => {}): Reporter {
  let seq = 0;
  return {
    event(pod, type, reason, message) {
      const now = clock.now();
      const ns = pod.metadata.namespace ?? 'default';
      const name = `${pod.metadata.name}.${(now * 1_000_000 + seq++).toString(16)}`;
      const ev = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: ns },
        involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: ns, name: pod.metadata.name, uid: pod.metadata.uid, resourceVersion: pod.metadata.resourceVersion },
        reason,
        message,
        type,
        source: { component },
        firstTimestamp: rfc3339(now),
        lastTimestamp: rfc3339(now),
        eventTime: micro(now),
        count: 1,
        action: reason === 'Scheduled' ? 'Binding' : 'Scheduling',
        reportingComponent: component,
        reportingInstance: component,
      };
      client.create({ version: 'v1', resource: 'events', namespace: ns }, ev).catch(onError);
    },
    async podScheduledFalse(pod, reason, message) {
      const existing = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
      if (existing && existing.status === 'False' && existing.reason === reason && existing.message === message) return;
      const cond: PodCondition = {
        type: 'PodScheduled',
        status: 'False',
        reason,
        message,
        lastProbeTime: null,
        lastTransitionTime: existing?.status === 'False' && existing.lastTransitionTime ? existing.lastTransitionTime : rfc3339(clock.now()),
      };
      const ref = { version: 'v1', resource: 'pods', namespace: pod.metadata.namespace };
      await client.patch(ref, pod.metadata.name!, 'strategic', { status: { conditions: [cond] } }, { subresource: 'status' });
    },
  };
}
