/**
 * Gang scheduling (KEP-4671) end to end: a real in-process cluster serving
 * scheduling.k8s.io/v1alpha1 Workloads, the scheduler with GenericWorkload + GangScheduling,
 * and one FakeClock for both, so the 5-minute Permit deadline passes without sleeping.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { KubeObject } from '../src/api/meta.js';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import { startScheduler, type RunningScheduler } from '../src/scheduler/scheduler.js';
import { FakeClock } from '../src/util/clock.js';
import { waitFor } from './helpers/wait.js';

const PODS = { version: 'v1', resource: 'pods', namespace: 'default' };
const NODES = { version: 'v1', resource: 'nodes' };
const WORKLOADS = { group: 'scheduling.k8s.io', version: 'v1alpha1', resource: 'workloads', namespace: 'default' };

type Cond = { type: string; status: string; reason?: string; message?: string };
type PodObj = KubeObject & { spec: { nodeName?: string }; status?: { conditions?: Cond[] } };

function node(name: string, cpu: string): KubeObject {
  const allocatable = { cpu, memory: '8Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: { allocatable, capacity: allocatable, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function workload(name: string, policy: Record<string, unknown>): KubeObject {
  return { apiVersion: 'scheduling.k8s.io/v1alpha1', kind: 'Workload', metadata: { name, namespace: 'default' }, spec: { podGroups: [{ name: 'pg', policy }] } };
}

function member(name: string, workloadName: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { workloadRef: { name: workloadName, podGroup: 'pg' }, containers: [{ name: 'c', image: 'img', resources: { requests: { cpu: '1' } } }] },
  };
}


/** settle gives the scheduler real time to act on what it has, for "nothing happens" checks. */
const settle = () => new Promise((r) => setTimeout(r, 100));

describe('gang scheduling through a real cluster (spec §2.4, §2.5)', () => {
  let cluster: Cluster | undefined;
  let sched: RunningScheduler | undefined;
  let clock: FakeClock;

  async function start(nodes: Array<[string, string]>): Promise<{ cluster: Cluster; sched: RunningScheduler }> {
    clock = new FakeClock();
    cluster = await startCluster({ storage: 'memory', http: false, featureGates: 'GenericWorkload=true,GangScheduling=true', runtimeConfig: 'scheduling.k8s.io/v1alpha1=true', clock });
    for (const [name, cpu] of nodes) await cluster.client.create(NODES, node(name, cpu));
    sched = startScheduler({ client: cluster.client, clock, gates: cluster.gates });
    await sched.synced;
    return { cluster, sched };
  }

  afterEach(async () => {
    await sched?.stop();
    await cluster?.stop();
    sched = cluster = undefined;
  });

  const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  const get = (c: Cluster, name: string) => c.client.get<PodObj>(PODS, name);
  const podScheduled = (p: PodObj) => p.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const allBound = (c: Cluster, pods: string[]) =>
    waitFor(`${pods.join(', ')} to be bound`, async () => {
      const got = await Promise.all(pods.map((n) => get(c, n)));
      return got.every((p) => p.spec.nodeName) ? got : undefined;
    });

  it('holds a partial gang at PreEnqueue and binds all four together once the fourth exists', async () => {
    const { cluster: c, sched: s } = await start([['n1', '2'], ['n2', '2']]);
    await c.client.create(WORKLOADS, workload('w', { gang: { minCount: 4 } }));
    const pods = names('gang', 4);
    for (const n of pods.slice(0, 3)) await c.client.create(PODS, member(n, 'w'));
    await waitFor('three gated pods', () => (s.queue.pending().gated === 3 ? true : undefined));
    await settle();
    for (const n of pods.slice(0, 3)) assert.equal((await get(c, n)).spec.nodeName, undefined, `${n} is not bound before the gang is complete`);
    // Gated pods get no FailedScheduling and no PodScheduled condition (spec §2.4, open question 8).
    for (const n of pods.slice(0, 3)) assert.equal(podScheduled(await get(c, n)), undefined);

    await c.client.create(PODS, member(pods[3]!, 'w'));
    const bound = await allBound(c, pods);
    const perNode = new Map<string, number>();
    for (const p of bound) perNode.set(p.spec.nodeName!, (perNode.get(p.spec.nodeName!) ?? 0) + 1);
    assert.deepEqual([...perNode.values()].sort(), [2, 2]);
  });

  it('binds none of a gang that does not fit, rejects them all at the 5-minute deadline, and retries when room appears', async () => {
    const { cluster: c, sched: s } = await start([['n1', '3']]);
    // Move off the queue's 30s flush grid so the 5-minute unschedulable flush cannot run in
    // the same instant as the Permit deadline (it would retry the unfit pod straight away).
    clock.advance('10s');
    await c.client.create(WORKLOADS, workload('w', { gang: { minCount: 4 } }));
    const pods = names('big', 4);
    for (const n of pods) await c.client.create(PODS, member(n, 'w'));

    // Three fit and wait on Permit; the fourth fails Filter.
    const unfit = await waitFor('three assumed pods and one unschedulable', async () => {
      const assumed = pods.filter((n) => s.cache.isAssumed(`default/${n}`));
      if (assumed.length !== 3) return undefined;
      const rest = pods.find((n) => !assumed.includes(n))!;
      const cond = podScheduled(await get(c, rest));
      return cond?.status === 'False' ? { name: rest, cond } : undefined;
    });
    assert.equal(unfit.cond.reason, 'Unschedulable');
    assert.match(unfit.cond.message ?? '', /^0\/1 nodes are available: 1 Insufficient cpu\./);
    clock.advance('4m59s');
    await settle();
    for (const n of pods) assert.equal((await get(c, n)).spec.nodeName, undefined, `${n} is not bound while the gang waits`);

    clock.advance('1s');
    const waiters = pods.filter((n) => n !== unfit.name);
    const conds = await waitFor('the waiting pods to be rejected', async () => {
      const got = await Promise.all(waiters.map(async (n) => podScheduled(await get(c, n))));
      return got.every((x) => x?.message?.startsWith('rejected due to timeout')) ? got : undefined;
    });
    for (const cond of conds) {
      assert.equal(cond!.status, 'False');
      assert.equal(cond!.reason, 'Unschedulable');
      assert.equal(cond!.message, 'rejected due to timeout after waiting 5m0s at plugin GangScheduling');
    }
    for (const n of pods) {
      const p = await get(c, n);
      assert.equal(p.spec.nodeName, undefined);
      assert.equal(podScheduled(p)?.status, 'False');
      assert.equal(s.cache.isAssumed(`default/${n}`), false, `${n}'s reservation is freed`);
    }
    // Every pod is back in the queue: the rejected ones in backoffQ (a Permit activation
    // happened during their cycle, so the queue retries them after backoff), the unfit one in
    // the unschedulable pool.
    const pending = s.queue.pending();
    assert.equal(pending.backoff + pending.unschedulable, 4, JSON.stringify(pending));
    for (const n of pods) assert.equal(s.queue.has(`default/${n}`), true);

    // Room for the fourth: Node/Add requeues the unfit pod and backoff releases the others;
    // the first to reach Permit activates any member still parked, and all four bind.
    await c.client.create(NODES, node('n2', '1'));
    await waitFor('the scheduler to see n2', () => (s.cache.nodeCount() === 2 ? true : undefined));
    clock.advance('10s');
    await allBound(c, pods);
  });

  it('releases pods created before their Workload when it is created', async () => {
    const { cluster: c, sched: s } = await start([['n1', '4']]);
    const pods = names('early', 3);
    for (const n of pods) await c.client.create(PODS, member(n, 'late'));
    await waitFor('three gated pods', () => (s.queue.pending().gated === 3 ? true : undefined));
    await settle();
    await c.client.create(WORKLOADS, workload('late', { gang: { minCount: 3 } }));
    await allBound(c, pods);
  });

  it('schedules basic-policy pods like ordinary pods', async () => {
    const { cluster: c } = await start([['n1', '4']]);
    await c.client.create(WORKLOADS, workload('b', { basic: {} }));
    await c.client.create(PODS, member('solo', 'b'));
    await allBound(c, ['solo']);
  });
});
