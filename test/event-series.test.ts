/**
 * kube-scheduler's events go through client-go's events broadcaster, which turns repeats
 * into a series: a pod that keeps failing the same way does not get a new event per attempt.
 */
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { Registry } from 'prom-client';
import type { KubeObject } from '../src/api/meta.js';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import { startScheduler, type RunningScheduler } from '../src/scheduler/scheduler.js';
import { FakeClock } from '../src/util/clock.js';
import { waitFor } from './helpers/wait.js';

type EventObj = KubeObject & { reason?: string; message?: string; series?: { count: number; lastObservedTime: string }; involvedObject?: { name?: string; resourceVersion?: string } };
let cluster: Cluster | undefined;
let sched: RunningScheduler | undefined;
after(async () => {
  await sched?.stop();
  await cluster?.stop();
});

it('repeated FailedScheduling for an unchanged pod becomes one event with a series', async () => {
  const clock = new FakeClock();
  cluster = await startCluster({ storage: 'memory', http: false, clock });
  const c = cluster.client;
  const alloc = { cpu: '1', memory: '1Gi', pods: '10' };
  await c.create({ version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: alloc, capacity: alloc, conditions: [{ type: 'Ready', status: 'True' }] } });
  const metrics = new Registry();
  sched = startScheduler({ client: c, clock, gates: cluster.gates, metricsRegistry: metrics });
  await sched.synced;
  await c.create({ version: 'v1', resource: 'pods', namespace: 'default' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big' }, spec: { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '4' } } }] } });
  const failed = async () => (await c.list<EventObj>({ version: 'v1', resource: 'events', namespace: 'default' })).items.filter((e) => e.reason === 'FailedScheduling');
  const attempts = async () => Number(/^scheduler_schedule_attempts_total\{result="unschedulable",profile="default-scheduler"\} (\d+)$/m.exec(await metrics.metrics())?.[1] ?? 0);
  // Unschedulable pods are retried after 5 minutes in the pool (and 1 s, 2 s ... of backoff).
  for (let attempt = 1; attempt <= 4; attempt++) {
    await waitFor(`attempt ${attempt}`, async () => {
      if ((await attempts()) >= attempt) return true;
      clock.advance('30s');
      return undefined;
    });
  }
  await waitFor('the series to be written', async () => ((await failed()).some((e) => e.series) ? true : undefined));
  const events = await failed();
  // The first attempt changes the pod (PodScheduled=False), so the second regards a newer
  // resourceVersion; from then on the pod and the message stay the same.
  assert.equal(events.length, 2, JSON.stringify(events.map((e) => [e.involvedObject?.resourceVersion, e.series])));
  assert.equal(events[0]!.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
  const withSeries = events.find((e) => e.series)!;
  assert.ok(withSeries.series!.count >= 2);
  assert.match(withSeries.series!.lastObservedTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
});
