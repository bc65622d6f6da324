/**
 * Preemption end to end: PriorityClasses resolved by the Priority admission plugin, a node
 * full of low-priority pods, and a high-priority pod that the scheduler's DefaultPreemption
 * makes room for. There is no kubelet, so victims stay in graceful deletion until the test
 * finishes their deletion as a kubelet would; one FakeClock drives the scheduler's backoff.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import type { KubeObject } from '../src/api/meta.js';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import { startScheduler, type RunningScheduler } from '../src/scheduler/scheduler.js';
import { FakeClock } from '../src/util/clock.js';
import { findKubectl, kubectl } from './helpers/kubectl.js';
import { waitFor } from './helpers/wait.js';

const PODS = { version: 'v1', resource: 'pods', namespace: 'default' };
const NODES = { version: 'v1', resource: 'nodes' };
const EVENTS = { version: 'v1', resource: 'events', namespace: 'default' };
const CLASSES = { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' };

type Cond = { type: string; status: string; reason?: string; message?: string };
type PodObj = KubeObject & { spec: { nodeName?: string; priority?: number }; status?: { nominatedNodeName?: string; conditions?: Cond[] } };
type EventObj = KubeObject & { reason?: string; message?: string; action?: string; involvedObject?: { name?: string }; related?: { name?: string } };

function node(name: string, cpu: string): KubeObject {
  const allocatable = { cpu, memory: '8Gi', pods: '110' };
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { allocatable, capacity: allocatable, conditions: [{ type: 'Ready', status: 'True' }] } };
}

function pod(name: string, priorityClassName: string, cpu: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { priorityClassName, containers: [{ name: 'c', image: 'img', resources: { requests: { cpu } } }] } };
}

const priorityClass = (name: string, value: number, preemptionPolicy?: string): KubeObject => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...(preemptionPolicy ? { preemptionPolicy } : {}) });


describe('preemption through a real cluster', () => {
  let cluster: Cluster | undefined;
  let sched: RunningScheduler | undefined;
  let clock: FakeClock;
  let errors: unknown[] = [];
  let metrics: Registry;

  async function start(http = false) {
    metrics = new Registry();
    clock = new FakeClock();
    cluster = await startCluster({ storage: 'memory', http, clock });
    const c = cluster.client;
    await c.create(CLASSES, priorityClass('low', 100));
    await c.create(CLASSES, priorityClass('high', 1000));
    await c.create(CLASSES, priorityClass('high-polite', 1000, 'Never'));
    await c.create(NODES, node('n1', '2'));
    sched = startScheduler({ client: c, clock, gates: cluster.gates, onError: (e) => errors.push(e), metricsRegistry: metrics });
    await sched.synced;
    return { c, s: sched };
  }

  afterEach(async () => {
    await sched?.stop();
    await cluster?.stop();
    sched = cluster = undefined;
    const seen = errors;
    errors = [];
    assert.deepEqual(seen.map(String), [], 'the scheduler reported no errors');
  });

  const get = (name: string) => cluster!.client.get<PodObj>(PODS, name);
  const bound = (name: string) => waitFor(`${name} to be bound`, async () => (await get(name)).spec.nodeName);
  const scheduledCond = (p: PodObj) => p.status?.conditions?.find((x) => x.type === 'PodScheduled');
  const events = async (reason: string) => (await cluster!.client.list<EventObj>(EVENTS)).items.filter((e) => e.reason === reason);

  async function fillNode() {
    for (const n of ['low-1', 'low-2']) await cluster!.client.create(PODS, pod(n, 'low', '1'));
    assert.equal(await bound('low-1'), 'n1');
    assert.equal(await bound('low-2'), 'n1');
  }

  it('evicts the low-priority pods, nominates the node, then binds the preemptor there', async () => {
    const { c } = await start();
    await fillNode();
    const high = await c.create<PodObj>(PODS, pod('high', 'high', '2'));
    assert.equal(high.spec.priority, 1000, 'admission resolved the class');

    // The victims: DisruptionTarget, then graceful deletion (no kubelet finishes it).
    for (const n of ['low-1', 'low-2']) {
      const v = await waitFor(`${n} to be terminating`, async () => {
        const p = await get(n);
        return p.metadata?.deletionTimestamp ? p : undefined;
      });
      const dt = v.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
      assert.deepEqual([dt?.status, dt?.reason, dt?.message], ['True', 'PreemptionByScheduler', 'default-scheduler: preempting to accommodate a higher priority pod']);
    }
    const preempted = await waitFor('two Preempted events', async () => {
      const list = await events('Preempted');
      return list.length === 2 ? list : undefined;
    });
    for (const e of preempted) {
      assert.equal(e.message, `Preempted by pod ${high.metadata!.uid} on node n1`);
      assert.equal(e.action, 'Preempting');
      assert.equal(e.related?.name, 'high');
    }
    assert.deepEqual(preempted.map((e) => e.involvedObject?.name).sort(), ['low-1', 'low-2']);

    // The preemptor: nominated to n1 and unschedulable for now.
    const nominated = await waitFor('high to be nominated', async () => {
      const p = await get('high');
      return p.status?.nominatedNodeName && scheduledCond(p) ? p : undefined;
    });
    assert.equal(nominated.status?.nominatedNodeName, 'n1');
    assert.equal(scheduledCond(nominated)?.message, '0/1 nodes are available: 1 Insufficient cpu.');

    // Retried while the victims terminate: it waits instead of preempting again.
    const waiting = await waitFor('high to wait for the terminating victims', async () => {
      clock.advance('1s');
      const m = scheduledCond(await get('high'))?.message ?? '';
      return m.includes('preemption:') ? m : undefined;
    });
    assert.equal(waiting, '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.');
    assert.equal((await get('high')).status?.nominatedNodeName, 'n1', 'the nomination stays');

    // A kubelet would now finish the deletions.
    for (const n of ['low-1', 'low-2']) await c.delete(PODS, n, { gracePeriodSeconds: 0 });
    const node = await waitFor('high to be bound', async () => {
      clock.advance('1s');
      return (await get('high')).spec.nodeName;
    });
    assert.equal(node, 'n1');
    assert.equal((await get('high')).status?.nominatedNodeName, undefined, 'binding clears the nomination');

    // One preemption with two victims; the retry that waited was an attempt too.
    const text = await metrics.metrics();
    assert.match(text, /^scheduler_preemption_victims_count 1$/m);
    assert.match(text, /^scheduler_preemption_victims_sum 2$/m);
    assert.match(text, /^scheduler_preemption_victims_bucket\{le="1"\} 0$/m);
    assert.match(text, /^scheduler_preemption_victims_bucket\{le="2"\} 1$/m);
    const attempts = Number(/^scheduler_preemption_attempts_total (\d+)$/m.exec(text)?.[1]);
    assert.ok(attempts >= 2, `attempts ${attempts}`);
  });

  it('preemptionPolicy Never: the pod waits and nothing is evicted', async () => {
    const { c } = await start();
    await fillNode();
    await c.create(PODS, pod('polite', 'high-polite', '2'));
    const cond = await waitFor('polite to be unschedulable', async () => scheduledCond(await get('polite')));
    assert.equal(cond.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
    for (const n of ['low-1', 'low-2']) assert.equal((await get(n)).metadata?.deletionTimestamp, undefined);
    assert.equal((await events('Preempted')).length, 0);
  });

  it('no victims of lower priority: the message says so and nobody is nominated', async () => {
    const { c } = await start();
    await fillNode();
    await c.create(PODS, pod('peer', 'low', '1'));
    const cond = await waitFor('peer to be unschedulable', async () => scheduledCond(await get('peer')));
    assert.equal(cond.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
    assert.equal((await get('peer')).status?.nominatedNodeName, undefined);
  });

  const bin = findKubectl();
  it('kubectl shows the nomination and the Preempted events', { skip: bin ? false : 'kubectl not installed' }, async () => {
    const { c } = await start(true);
    await fillNode();
    await c.create(PODS, pod('high', 'high', '2'));
    await waitFor('high to be nominated', async () => (await get('high')).status?.nominatedNodeName);
    await waitFor('two Preempted events', async () => ((await events('Preempted')).length === 2 ? true : undefined));
    const dir = await mkdtemp(join(tmpdir(), 'k8ts-preempt-'));
    try {
      const k = async (args: string[]) => {
        const r = await kubectl(bin!, cluster!.kubeconfig.path, join(dir, 'cache'), args);
        assert.equal(r.code, 0, r.stderr);
        return r.stdout;
      };
      const wide = await k(['get', 'pod', 'high', '-o', 'wide']);
      assert.match(wide, /NOMINATED NODE/);
      assert.match(wide.split('\n')[1] ?? '', /^high\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+n1\s+<none>\s*$/);
      const ev = await k(['get', 'events', '--field-selector', 'reason=Preempted', '-o', 'custom-columns=OBJ:.involvedObject.name,MSG:.message', '--sort-by', '.involvedObject.name']);
      const uid = (await get('high')).metadata!.uid;
      assert.deepEqual(ev.trim().split('\n').slice(1).map((l) => l.split(/\s{2,}/)), [
        ['low-1', `Preempted by pod ${uid} on node n1`],
        ['low-2', `Preempted by pod ${uid} on node n1`],
      ]);
      const pc = await k(['get', 'priorityclasses']);
      assert.match(pc, /^system-node-critical\s+2000001000\s+false/m);
      assert.match(pc, /^system-cluster-critical\s+2000000000\s+false/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
