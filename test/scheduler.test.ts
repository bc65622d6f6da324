import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import type { KubeObject } from '../src/api/meta.js';
import { startScheduler, type RunningScheduler } from '../src/scheduler/scheduler.js';
import { waitFor } from './helpers/wait.js';

const PODS = { version: 'v1', resource: 'pods', namespace: 'default' };
const NODES = { version: 'v1', resource: 'nodes' };
const EVENTS = { version: 'v1', resource: 'events', namespace: 'default' };

interface NodeOpts {
  taints?: Array<{ key: string; value?: string; effect: string }>;
  gpu?: number;
  cpu?: string;
}

function node(name: string, o: NodeOpts = {}): KubeObject {
  const allocatable: Record<string, string> = { cpu: o.cpu ?? '4', memory: '8Gi', pods: '110' };
  if (o.gpu) allocatable['nvidia.com/gpu'] = String(o.gpu);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: { taints: o.taints ?? [] },
    status: { allocatable, capacity: allocatable, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function pod(name: string, o: { tolerations?: unknown[]; limits?: Record<string, string>; requests?: Record<string, string> } = {}): KubeObject {
  const resources: Record<string, unknown> = {};
  if (o.limits) resources.limits = o.limits;
  if (o.requests) resources.requests = o.requests;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { tolerations: o.tolerations ?? [], containers: [{ name: 'c', image: 'img', resources }] },
  };
}


describe('scheduler: seed examples through a real in-process cluster', () => {
  let cluster: Cluster;
  let sched: RunningScheduler;

  before(async () => {
    cluster = await startCluster({ storage: 'memory', http: false, featureGates: 'TaintTolerationComparisonOperators=true' });
    const c = cluster.client;
    await c.create(NODES, node('spot-node-1', { taints: [{ key: 'failure-probability', value: '15', effect: 'NoExecute' }] }));
    await c.create(NODES, node('ondemand-node-1', { taints: [{ key: 'failure-probability', value: '2', effect: 'NoExecute' }] }));
    await c.create(NODES, node('gpu-node-a100', { gpu: 4, taints: [{ key: 'gpu-compute-score', value: '1000', effect: 'NoSchedule' }] }));
    await c.create(NODES, node('gpu-node-t4', { gpu: 4, taints: [{ key: 'gpu-compute-score', value: '500', effect: 'NoSchedule' }] }));
    sched = startScheduler({ client: c, gates: cluster.gates });
    await sched.synced;
  });

  after(async () => {
    await sched?.stop();
    await cluster?.stop();
  });

  const nodeOf = (name: string) =>
    waitFor(`${name} to be bound`, async () => {
      const p = await cluster.client.get<KubeObject & { spec: { nodeName?: string } }>(PODS, name);
      return p.spec.nodeName || undefined;
    });

  it('payment-processor (Lt 5) lands only on ondemand-node-1', async () => {
    const tol = [{ key: 'failure-probability', operator: 'Lt', value: '5', effect: 'NoExecute', tolerationSeconds: 30 }];
    for (let i = 0; i < 4; i++) await cluster.client.create(PODS, pod(`payment-processor-${i}`, { tolerations: tol }));
    for (let i = 0; i < 4; i++) assert.equal(await nodeOf(`payment-processor-${i}`), 'ondemand-node-1');
  });

  it('batch-job (Lt 20) lands on either spot or on-demand', async () => {
    const tol = [{ key: 'failure-probability', operator: 'Lt', value: '20', effect: 'NoExecute' }];
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) await cluster.client.create(PODS, pod(`batch-job-${i}`, { tolerations: tol }));
    for (let i = 0; i < 6; i++) seen.add(await nodeOf(`batch-job-${i}`));
    for (const n of seen) assert.ok(n === 'spot-node-1' || n === 'ondemand-node-1', n);
  });

  it('model-training (Gt 800) lands only on gpu-node-a100', async () => {
    const tol = [{ key: 'gpu-compute-score', operator: 'Gt', value: '800', effect: 'NoSchedule' }];
    for (let i = 0; i < 3; i++) await cluster.client.create(PODS, pod(`model-training-${i}`, { tolerations: tol, limits: { 'nvidia.com/gpu': '1' } }));
    for (let i = 0; i < 3; i++) assert.equal(await nodeOf(`model-training-${i}`), 'gpu-node-a100');
  });

  it('model-inference (Gt 400) lands on either GPU node', async () => {
    const tol = [{ key: 'gpu-compute-score', operator: 'Gt', value: '400', effect: 'NoSchedule' }];
    for (let i = 0; i < 4; i++) await cluster.client.create(PODS, pod(`model-inference-${i}`, { tolerations: tol, limits: { 'nvidia.com/gpu': '1' } }));
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) seen.add(await nodeOf(`model-inference-${i}`));
    for (const n of seen) assert.ok(n === 'gpu-node-a100' || n === 'gpu-node-t4', n);
  });

  it('writes a Scheduled event for a bound pod', async () => {
    const ev = await waitFor('Scheduled event', async () => {
      const list = await cluster.client.list<KubeObject & { reason?: string; message?: string; involvedObject?: { name?: string } }>(EVENTS);
      return list.items.find((e) => e.reason === 'Scheduled' && e.involvedObject?.name === 'payment-processor-0');
    });
    assert.equal(ev.message, 'Successfully assigned default/payment-processor-0 to ondemand-node-1');
  });

  it('a pod that fits nowhere gets PodScheduled=False with the aggregated message', async () => {
    // An untainted node too small for the pod adds a resource reason to the taint reasons.
    await cluster.client.create(NODES, node('small-node', { cpu: '1' }));
    await waitFor('the scheduler to see small-node', async () => (sched.cache.nodeCount() === 5 ? true : undefined));
    await cluster.client.create(PODS, pod('too-big', { requests: { cpu: '3' } }));
    type P = KubeObject & { status?: { conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> } };
    const cond = await waitFor('PodScheduled=False', async () => {
      const p = await cluster.client.get<P>(PODS, 'too-big');
      return p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    });
    assert.equal(cond.reason, 'Unschedulable');
    assert.equal(
      cond.message,
      // DefaultPreemption adds why evicting pods would not help: the pod asks more cpu than
      // small-node has, and taints are beyond preemption's reach.
      '0/5 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {failure-probability: 15}, 1 node(s) had untolerated taint {failure-probability: 2}, 1 node(s) had untolerated taint {gpu-compute-score: 1000}, 1 node(s) had untolerated taint {gpu-compute-score: 500}. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.',
    );
    const ev = await waitFor('FailedScheduling event', async () => {
      const list = await cluster.client.list<KubeObject & { reason?: string; type?: string; message?: string; involvedObject?: { name?: string } }>(EVENTS);
      return list.items.find((e) => e.reason === 'FailedScheduling' && e.involvedObject?.name === 'too-big');
    });
    assert.equal(ev.type, 'Warning');
    assert.equal(ev.message, cond.message);
  });
});
