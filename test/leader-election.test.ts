import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { KubeObject } from '../src/api/meta.js';
import { LeaderElector, LeaseLock, type StopReason } from '../src/client/leaderelection/index.js';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import type { Reporter } from '../src/scheduler/reporter.js';
import { startScheduler, type RunningScheduler } from '../src/scheduler/scheduler.js';
import { FakeClock } from '../src/util/clock.js';

const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-system' };
type Lease = KubeObject & { spec: { holderIdentity: string; leaseDurationSeconds: number; acquireTime: string; renewTime: string; leaseTransitions: number } };

/** settle lets in-flight API calls and the callbacks they trigger finish; no real time passes on the FakeClock. */
async function settle(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

async function until(what: string, cond: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (await cond()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never happened: ${what}`);
}

describe('LeaderElector on a coordination.k8s.io/v1 Lease (FakeClock)', () => {
  let cluster: Cluster;
  let clock: FakeClock;
  const electors: LeaderElector[] = [];
  let leaseName = '';
  let n = 0;

  before(async () => {
    clock = new FakeClock(Date.UTC(2026, 0, 1));
    cluster = await startCluster({ storage: 'memory', http: false, clock });
  });
  afterEach(async () => {
    for (const e of electors.splice(0)) await e.stop();
  });
  after(async () => {
    await cluster.stop();
  });

  function candidate(identity: string, o: { release?: boolean; stopped?: StopReason[]; leaders?: string[] } = {}): LeaderElector {
    const lock = new LeaseLock({ client: cluster.client, namespace: 'kube-system', name: leaseName, identity, clock, eventSource: 'default-scheduler' });
    const e = new LeaderElector({
      lock,
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
      clock,
      random: () => 0,
      releaseOnCancel: o.release,
      callbacks: { onStartedLeading: () => undefined, onStoppedLeading: (r) => o.stopped?.push(r), onNewLeader: (id) => o.leaders?.push(id) },
    });
    electors.push(e);
    void e.run();
    return e;
  }
  const lease = () => cluster.client.get<Lease>(LEASES, leaseName);
  const step = async (ms: number, times = 1) => {
    for (let i = 0; i < times; i++) {
      clock.advance(ms);
      await settle();
    }
  };
  const fresh = () => (leaseName = `sched-${++n}`);

  it('creates the Lease when none exists and renews it every retryPeriod', async () => {
    fresh();
    const start = clock.now();
    const a = candidate('host-a_1');
    await until('a leads', () => a.isLeader());
    const l = await lease();
    assert.equal(l.spec.holderIdentity, 'host-a_1');
    assert.equal(l.spec.leaseDurationSeconds, 15);
    assert.equal(l.spec.leaseTransitions, 0);
    assert.equal(l.spec.acquireTime, new Date(start).toISOString().replace('Z', '000Z'));
    assert.equal(l.spec.renewTime, l.spec.acquireTime);
    await step(2000);
    const renewed = await lease();
    assert.equal(renewed.spec.renewTime, new Date(start + 2000).toISOString().replace('Z', '000Z'));
    assert.equal(renewed.spec.acquireTime, l.spec.acquireTime, 'renewal keeps the acquire time');
    const events = await cluster.client.list({ version: 'v1', resource: 'events', namespace: 'kube-system' });
    assert.ok(events.items.some((e) => (e as { message?: string }).message === 'host-a_1 became leader' && (e as { reason?: string }).reason === 'LeaderElection'));
  });

  it('a second candidate waits while the holder renews, then takes over leaseDuration after the last renewal it saw', async () => {
    fresh();
    const a = candidate('host-a_1');
    await until('a leads', () => a.isLeader());
    const leaders: string[] = [];
    const b = candidate('host-b_2', { leaders });
    await step(2000, 10);
    assert.equal(b.isLeader(), false, 'b never leads while a renews');
    assert.deepEqual(leaders, ['host-a_1']);
    // a crashes: it stops renewing without releasing the Lease.
    (a as unknown as { cancelled: boolean }).cancelled = true;
    const lastRenew = Date.parse((await lease()).spec.renewTime);
    while (!b.isLeader() && clock.now() - lastRenew < 60_000) await step(2000);
    const waited = clock.now() - lastRenew;
    // b counts leaseDuration from when it saw the last change, at most one retryPeriod late (+ its retry tick).
    assert.ok(waited >= 15_000 && waited <= 15_000 + 2 * 2000, `b took over ${waited} ms after the last renewal`);
    const l = await lease();
    assert.equal(l.spec.holderIdentity, 'host-b_2');
    assert.equal(l.spec.leaseTransitions, 1);
    assert.deepEqual(leaders, ['host-a_1', 'host-b_2']);
  });

  it('releases the Lease on stop so the next candidate takes it without waiting out the lease', async () => {
    fresh();
    const stopped: StopReason[] = [];
    const a = candidate('host-a_1', { release: true, stopped });
    await until('a leads', () => a.isLeader());
    const b = candidate('host-b_2');
    await step(2000);
    await a.stop();
    assert.deepEqual(stopped, ['stopped']);
    const released = await lease();
    assert.equal(released.spec.holderIdentity, '');
    assert.equal(released.spec.leaseDurationSeconds, 1);
    await step(2000, 2);
    await until('b leads', () => b.isLeader());
    assert.equal((await lease()).spec.leaseTransitions, 1);
  });

  it('gives up leadership when renewals fail for renewDeadline', async () => {
    fresh();
    const stopped: StopReason[] = [];
    const a = candidate('host-a_1', { stopped });
    await until('a leads', () => a.isLeader());
    // Another writer takes the Lease over: a's optimistic update conflicts and the record says it is not the holder.
    const l = await lease();
    await cluster.client.update(LEASES, { ...l, spec: { ...l.spec, holderIdentity: 'intruder' } });
    await step(2000, 4);
    assert.deepEqual(stopped, [], 'still within renewDeadline');
    await step(2000, 2);
    await until('a stops', () => stopped.length === 1);
    assert.deepEqual(stopped, ['lost']);
  });

  it('refuses inconsistent durations as client-go does', () => {
    const lock = new LeaseLock({ client: cluster.client, namespace: 'kube-system', name: 'x', identity: 'me' });
    const cb = { onStartedLeading: () => undefined, onStoppedLeading: () => undefined };
    assert.throws(() => new LeaderElector({ lock, leaseDurationMs: 10_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000, callbacks: cb }), /leaseDuration must be greater than renewDeadline/);
    assert.throws(() => new LeaderElector({ lock, leaseDurationMs: 15_000, renewDeadlineMs: 2_000, retryPeriodMs: 2_000, callbacks: cb }), /renewDeadline must be greater than retryPeriod\*JitterFactor/);
  });

  it('reports an unhealthy leader that stopped renewing past leaseDuration plus the tolerance', async () => {
    fresh();
    const a = candidate('host-a_1');
    await until('a leads', () => a.isLeader());
    (a as unknown as { cancelled: boolean }).cancelled = true;
    a.check(20_000);
    clock.advance(36_000);
    assert.throws(() => a.check(20_000), /failed election to renew leadership on lease kube-system\/sched-/);
  });
});

describe('two schedulers behind one Lease: only the leader schedules', () => {
  let cluster: Cluster;
  let clock: FakeClock;
  const scheds: RunningScheduler[] = [];
  const electors: LeaderElector[] = [];

  before(async () => {
    clock = new FakeClock(Date.UTC(2026, 0, 1));
    cluster = await startCluster({ storage: 'memory', http: false, clock });
    const allocatable = { cpu: '4', memory: '8Gi', pods: '110' };
    await cluster.client.create({ version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { allocatable, capacity: allocatable, conditions: [{ type: 'Ready', status: 'True' }] } });
  });
  after(async () => {
    for (const e of electors) await e.stop();
    for (const s of scheds) await s.stop();
    await cluster.stop();
  });

  function replica(identity: string, scheduled: string[]): { elector: LeaderElector; sched: RunningScheduler } {
    const lock = new LeaseLock({ client: cluster.client, namespace: 'kube-system', name: 'kube-scheduler', identity, clock });
    const elector = new LeaderElector({
      lock, leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000, clock, random: () => 0, releaseOnCancel: true,
      callbacks: { onStartedLeading: () => undefined, onStoppedLeading: () => undefined },
    });
    const reporter: Reporter = {
      event: (pod, _t, reason) => {
        if (reason === 'Scheduled') scheduled.push(pod.metadata.name!);
      },
      podScheduledFalse: async () => undefined,
    };
    const sched = startScheduler({ client: cluster.client, clock, gates: cluster.gates, reporter, leading: elector.leading });
    electors.push(elector);
    scheds.push(sched);
    void elector.run();
    return { elector, sched };
  }

  const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
  const nodeOf = async (name: string) => (await cluster.client.get<KubeObject & { spec: { nodeName?: string } }>({ version: 'v1', resource: 'pods', namespace: 'default' }, name)).spec.nodeName;

  it('binds through the leader only, and through the other replica after a handover', async () => {
    const byA: string[] = [];
    const byB: string[] = [];
    const a = replica('host-a_1', byA);
    await until('a leads', () => a.elector.isLeader());
    const b = replica('host-b_2', byB);
    await Promise.all([a.sched.synced, b.sched.synced]);
    await cluster.client.create({ version: 'v1', resource: 'pods', namespace: 'default' }, pod('first'));
    await until('first is bound', async () => (await nodeOf('first')) === 'n1');
    await settle();
    assert.deepEqual(byA, ['first']);
    assert.deepEqual(byB, []);
    assert.equal(b.elector.isLeader(), false);

    // a steps down (SIGTERM): it stops scheduling and releases the Lease; b takes over.
    await a.elector.stop();
    await a.sched.stop();
    clock.advance(2000);
    await settle();
    clock.advance(2000);
    await until('b leads', () => b.elector.isLeader());
    await cluster.client.create({ version: 'v1', resource: 'pods', namespace: 'default' }, pod('second'));
    await until('second is bound', async () => (await nodeOf('second')) === 'n1');
    assert.deepEqual(byA, ['first']);
    assert.deepEqual(byB, ['second']);
  });
});
