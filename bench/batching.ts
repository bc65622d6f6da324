/**
 * Opportunistic batching (KEP-5598): N nodes and N identical pods that each fill a node,
 * with OpportunisticBatching off and on (PodTopologySpread defaultingType List, so the pods
 * are signable). Prints two figures per setting:
 *  - scheduling cycles alone (snapshot + schedulePod + assume, no API), CPU ms per pod;
 *  - end to end through the API (pre-created pods, scheduler started, all bound), pods/s.
 * Run: npx tsx bench/batching.ts [nodes]
 */
import { Registry } from 'prom-client';
import type { KubeObject } from '../src/api/meta.js';
import { startCluster } from '../src/cluster/cluster.js';
import { FeatureGates } from '../src/machinery/features/index.js';
import { Cache } from '../src/scheduler/cache/cache.js';
import { Snapshot } from '../src/scheduler/cache/snapshot.js';
import { CycleState } from '../src/scheduler/framework/cycle-state.js';
import { Framework } from '../src/scheduler/framework/runtime/framework.js';
import { defaultPlugins, inTreeRegistry } from '../src/scheduler/plugins/registry.js';
import { fakeHandle, NO_FEATURES } from '../src/scheduler/testing/handle.js';
import type { SchedulingQueue } from '../src/scheduler/queue/scheduling-queue.js';
import type { Reporter } from '../src/scheduler/reporter.js';
import { schedulePod, type SchedulerContext } from '../src/scheduler/schedule-one.js';
import { startScheduler } from '../src/scheduler/scheduler.js';
import { makeNode, makePod } from '../src/scheduler/testing/builders.js';
import { FakeClock } from '../src/util/clock.js';

const N = Number(process.argv[2] ?? 500);
const PROFILE = { pluginConfig: { PodTopologySpread: { defaultingType: 'List', defaultConstraints: [] } } };
const podsRef = { version: 'v1', resource: 'pods', namespace: 'default' };

function cyclesOnly(batching: boolean): void {
  const clock = new FakeClock();
  const cache = new Cache();
  const snapshot = new Snapshot();
  for (let i = 0; i < N; i++) cache.addNode(makeNode().name(`n${i}`).label('kubernetes.io/hostname', `n${i}`).obj());
  const handle = fakeHandle({
    clock, nodeInfos: () => snapshot.nodeInfoList, getNodeInfo: (n) => snapshot.get(n),
    runFilterPluginsWithNominatedPods: (st, p, ni) => fwk.runFilterPluginsWithNominatedPods(st, p, ni),
  });
  const features = { ...NO_FEATURES, podLevelResources: true, opportunisticBatching: batching };
  const fwk = new Framework({ schedulerName: 'default-scheduler', plugins: defaultPlugins(), ...PROFILE }, inTreeRegistry(), handle, features);
  const queue = { cycle: 0 };
  const ctx: SchedulerContext = {
    clock, cache, snapshot, queue: queue as unknown as SchedulingQueue, reporter: undefined as unknown as Reporter, profiles: new Map(),
    nextStartNodeIndex: 0, random: Math.random, bindings: new Set(), onError: () => undefined,
  };
  // CPU time, not wall time: the figure should not move with other processes' load.
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const pod = makePod().name(`p${i}`).req({ cpu: '4', memory: '1Gi' }).obj();
    queue.cycle++;
    cache.updateSnapshot(snapshot);
    const r = schedulePod(ctx, fwk, new CycleState(), pod);
    cache.assumePod({ ...pod, spec: { ...pod.spec, nodeName: r.suggestedHost } });
  }
  const used = process.cpuUsage(cpu0);
  const ms = (used.user + used.system) / 1000 / N;
  console.log(`cycles only, ${N} nodes / ${N} pods, OpportunisticBatching=${batching}: ${ms.toFixed(2)}ms CPU per pod, ${fwk.batch?.batchedPods ?? 0} placed by hint`);
}

async function endToEnd(batching: boolean): Promise<void> {
  const cluster = await startCluster({ storage: 'memory', http: false });
  const c = cluster.client;
  const alloc = { cpu: '4', memory: '16Gi', pods: '110' };
  for (let i = 0; i < N; i++) {
    await c.create({ version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}` } }, status: { allocatable: alloc, capacity: alloc, conditions: [{ type: 'Ready', status: 'True' }] } });
  }
  for (let i = 0; i < N; i++) {
    await c.create(podsRef, { apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}` }, spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '4', memory: '16Gi' } } }] } });
  }
  const registry = new Registry();
  const t0 = performance.now();
  const sched = startScheduler({ client: c, gates: FeatureGates.parse(`OpportunisticBatching=${batching}`), metricsRegistry: registry, profile: PROFILE });
  for (;;) {
    const list = await c.list<KubeObject & { spec: { nodeName?: string } }>(podsRef);
    if (list.items.every((p) => p.spec.nodeName)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const secs = (performance.now() - t0) / 1000;
  const hints = /scheduler_batch_attempts_total\{profile="default-scheduler",result="hint_used"\} (\d+)/.exec(await registry.metrics())?.[1] ?? '0';
  console.log(`end to end, ${N} nodes / ${N} pods, OpportunisticBatching=${batching}: all bound in ${secs.toFixed(2)}s -> ${(N / secs).toFixed(0)} pods/s, ${hints} placed by hint`);
  await sched.stop();
  await cluster.stop();
}

cyclesOnly(false);
cyclesOnly(true);
await endToEnd(false);
await endToEnd(true);
