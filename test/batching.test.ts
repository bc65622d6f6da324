import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import type { KubeObject } from '../src/api/meta.js';
import { startCluster } from '../src/cluster/cluster.js';
import { startScheduler, type SchedulerOptions } from '../src/scheduler/scheduler.js';
import { FakeClock } from '../src/util/clock.js';

const PODS = { version: 'v1', resource: 'pods', namespace: 'default' };
const NODES = { version: 'v1', resource: 'nodes' };
const ALLOCATABLE = { cpu: '2', memory: '4Gi', pods: '110' };
/** The admin setting that makes pods signable: PodTopologySpread without default constraints. */
const PROFILE = { pluginConfig: { PodTopologySpread: { defaultingType: 'List', defaultConstraints: [] } } };

const node = (name: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  status: { allocatable: ALLOCATABLE, capacity: ALLOCATABLE, conditions: [{ type: 'Ready', status: 'True' }] },
});

/** Each pod asks for a whole node, so every placement fills its node. */
const pod = (name: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, labels: { app: 'batch' } },
  spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '2', memory: '4Gi' } } }] },
});

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * run creates N nodes and N identical pods, then starts a scheduler (on a FakeClock, so the
 * 500ms batch age cannot pass mid-run) and waits until every pod is bound.
 */
async function run(n: number, featureGates?: string, profile: SchedulerOptions['profile'] = PROFILE): Promise<{ nodes: string[]; metrics: string }> {
  const cluster = await startCluster({ storage: 'memory', http: false, featureGates });
  const c = cluster.client;
  const registry = new Registry();
  let sched: ReturnType<typeof startScheduler> | undefined;
  try {
    for (let i = 0; i < n; i++) await c.create(NODES, node(`node-${i}`));
    // Created before the scheduler starts, the pods are popped back to back.
    for (let i = 0; i < n; i++) await c.create(PODS, pod(`job-${i}`));
    sched = startScheduler({ client: c, gates: cluster.gates, clock: new FakeClock(), profile, metricsRegistry: registry });
    const end = Date.now() + 20_000;
    for (;;) {
      const list = await c.list<KubeObject & { spec: { nodeName?: string } }>(PODS);
      const nodes = list.items.map((p) => p.spec.nodeName).filter((x): x is string => !!x);
      if (nodes.length === n) return { nodes, metrics: await registry.metrics() };
      if (Date.now() > end) throw new Error(`only ${nodes.length}/${n} pods bound`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await sched?.stop();
    await cluster.stop();
  }
}

describe('opportunistic batching through the API', () => {
  it('binds N identical node-filling pods to N distinct nodes, all but the first by hint', async () => {
    const n = 8;
    const { nodes, metrics } = await run(n);
    assert.equal(new Set(nodes).size, n);
    assert.equal(sample(metrics, 'scheduler_batch_attempts_total{profile="default-scheduler",result="hint_used"}'), n - 1);
    assert.equal(sample(metrics, 'scheduler_batch_attempts_total{profile="default-scheduler",result="no_hint"}'), 1);
    assert.equal(sample(metrics, 'scheduler_get_node_hint_duration_seconds_count{hinted="hint",profile="default-scheduler"}'), n - 1);
    assert.equal(sample(metrics, 'scheduler_store_schedule_results_duration_seconds_count{profile="default-scheduler"}'), n);
  });

  it('with the gate off the same pods bind without batching', async () => {
    const n = 4;
    const { nodes, metrics } = await run(n, 'OpportunisticBatching=false');
    assert.equal(new Set(nodes).size, n);
    assert.equal(sample(metrics, 'scheduler_batch_attempts_total{profile="default-scheduler",result="hint_used"}'), undefined);
    assert.equal(sample(metrics, 'scheduler_batch_attempts_total{profile="default-scheduler",result="no_hint"}'), undefined);
  });

  it('with the stock profile (System default spreading) no pod is signable', async () => {
    const n = 4;
    const { nodes, metrics } = await run(n, undefined, {});
    assert.equal(new Set(nodes).size, n);
    assert.equal(sample(metrics, 'scheduler_batch_attempts_total{profile="default-scheduler",result="hint_used"}'), undefined);
    assert.equal(sample(metrics, 'scheduler_batch_attempts_total{profile="default-scheduler",result="no_hint"}'), n);
    assert.equal(sample(metrics, 'scheduler_batch_cache_flushed_total{profile="default-scheduler",reason="pod_not_batchable"}'), n - 1);
  });
});
