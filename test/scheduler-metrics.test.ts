import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';

// Inline (the library default) and in a worker thread (k8ts up): the same metrics.
for (const schedulerThread of [false, true]) describe(schedulerThread ? 'scheduler thread' : 'scheduler inline', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ storage: 'memory', scheduler: true, schedulerThread });
  });
  after(async () => {
    await cluster.stop();
  });

  it("serves kube-scheduler's metrics on the shared component server's /metrics", async () => {
    const c = cluster.client;
    const allocatable = { cpu: '2', memory: '4Gi', pods: '10' };
    await c.create({ version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { allocatable, capacity: allocatable, conditions: [{ type: 'Ready', status: 'True' }] } });
    const pods = { version: 'v1', resource: 'pods', namespace: 'default' };
    await c.create(pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fits' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    await c.create(pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'too-big' }, spec: { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '64' } } }] } });
    const http = cluster.httpClient();
    let text = '';
    for (let i = 0; i < 200; i++) {
      text = String(await http.raw('/metrics'));
      if (/result="unschedulable"/.test(text) && /result="scheduled"/.test(text) && /^scheduler_pod_scheduling_attempts_count 1$/m.test(text)) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.match(text, /^scheduler_schedule_attempts_total\{result="scheduled",profile="default-scheduler"\} 1$/m);
    assert.match(text, /^scheduler_schedule_attempts_total\{result="unschedulable",profile="default-scheduler"\} [1-9]\d*$/m);
    assert.match(text, /^scheduler_scheduling_attempt_duration_seconds_count\{result="scheduled",profile="default-scheduler"\} 1$/m);
    // The bound pod: one attempt, and its time from first attempt to binding.
    assert.match(text, /^scheduler_pod_scheduling_attempts_bucket\{le="1"\} 1$/m);
    assert.match(text, /^scheduler_pod_scheduling_attempts_count 1$/m);
    assert.match(text, /^scheduler_pod_scheduling_sli_duration_seconds_count\{attempts="1"\} 1$/m);
    // The pod that does not fit waits in backoff or among the unschedulable pods, depending on events.
    const pending = (q: string) => Number(new RegExp(`^scheduler_pending_pods\\{queue="${q}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
    assert.equal(pending('active'), 0);
    assert.equal(pending('backoff') + pending('unschedulable'), 1);
  });
});
