/**
 * Scheduler throughput, modelled on scheduler_perf's SchedulingBasic
 * (test/integration/scheduler_perf/misc/performance-config.yaml): createNodes, createPods
 * (initial, waited for), createPods (measured, collectMetrics). Pods are created by an
 * async producer while the scheduler runs; API server, memory storage and scheduler share
 * this process over the in-process transport, as `k8ts up` runs them.
 *
 *   npx tsx bench/scheduler.ts [nodes] [initPods] [measuredPods] [options]
 *   defaults: 5000 1000 10000 (upstream's 5000Nodes_10000Pods workload)
 *   --gangs N              GenericWorkload + GangScheduling: one Workload (minCount N) per N pods
 *   --profile batching     PodTopologySpread with no default constraints (what batching needs)
 *   --pod-cpu Q            each pod's cpu request (default 100m); 4 fills a node, where batching
 *                          hints apply (e.g. 5000 1000 4000 --pod-cpu 4 --profile batching)
 *   --concurrency N        pod creates in flight (default 16)
 *   --inline               run the scheduler on the API server's thread (k8ts up gives it a worker thread)
 *   --cpu-profile FILE     write a .cpuprofile of the measured phase only (main thread: the API server)
 *
 * Throughput = measured pods / (last binding - first measured create); the per-second
 * samples give upstream's SchedulingThroughput Average/Perc50/Perc90/Perc99. Profile the
 * compiled bench (tsx's keep-names helpers show up in profiles), e.g. after `npm run build`:
 * `node dist/bench/scheduler.js 5000 1000 10000 --cpu-profile /tmp/measured.cpuprofile`.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { Client } from '../src/client/client.js';
import { startCluster } from '../src/cluster/cluster.js';
import { InProcessTransport } from '../src/cluster/in-process-transport.js';
import type { Profile } from '../src/scheduler/framework/runtime/framework.js';
import { startScheduler } from '../src/scheduler/scheduler.js';
import { startSchedulerThread } from '../src/cluster/scheduler-thread.js';
import { namespace, node, NAMESPACES, NODES, pod, podsIn, workload, workloadsIn } from './scheduler/templates.js';
import { BindingCounter, Sampler, summary } from './scheduler/throughput.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]!.startsWith('--')));
const NUM_NODES = Number(positional[0] ?? 5000);
const GANG = Number(flag('--gangs') ?? 0);
const roundToGang = (n: number) => (GANG > 0 ? Math.ceil(n / GANG) * GANG : n);
const INIT_PODS = roundToGang(Number(positional[1] ?? 1000));
const MEASURED_PODS = roundToGang(Number(positional[2] ?? 10000));
const CONCURRENCY = Number(flag('--concurrency') ?? 16);
const PROFILE = flag('--profile') ?? 'default';
const CPU_PROFILE = flag('--cpu-profile');
const POD_CPU = flag('--pod-cpu') ?? '100m';
const INLINE = args.includes('--inline');
if (PROFILE !== 'default' && PROFILE !== 'batching') throw new Error(`--profile: unknown profile ${PROFILE} (default, batching)`);

// Opportunistic batching needs PodTopologySpread without system default constraints.
const profile: Partial<Profile> | undefined = PROFILE === 'batching' ? { pluginConfig: { PodTopologySpread: { defaultingType: 'List', defaultConstraints: [] } } } : undefined;
const FEATURE_GATES = GANG > 0 ? 'GenericWorkload=true,GangScheduling=true' : '';
const cluster = await startCluster({
  storage: 'memory',
  http: false,
  featureGates: FEATURE_GATES,
  ...(GANG > 0 ? { runtimeConfig: 'scheduling.k8s.io/v1alpha1=true' } : {}),
});
const c = cluster.client;

let t = performance.now();
await parallel(NUM_NODES, CONCURRENCY, (i) => c.create(NODES, node(i)));
for (const ns of ['sched-init', 'sched-measured']) await c.create(NAMESPACES, namespace(ns));
console.log(`createNodes ${NUM_NODES}: ${secs(t)}s`);

// The scheduler authenticates as system:kube-scheduler, as in `k8ts up`; its transport counts bindings.
const SCHEDULER_USER = { name: 'system:kube-scheduler', groups: ['system:authenticated'] };
const tSync = performance.now();
const counter = new BindingCounter(new InProcessTransport(cluster.api, SCHEDULER_USER, { serializedJson: !INLINE }));
const sched = INLINE
  ? startScheduler({ client: new Client(counter), gates: cluster.gates, profile, onError: (e) => console.error('scheduler:', e) })
  : await startSchedulerThread({ api: cluster.api, user: SCHEDULER_USER, featureGates: FEATURE_GATES, profile, requests: counter, onWarning: (m) => console.error(m) });
await sched.synced;
console.log(`scheduler started and synced (${NUM_NODES} nodes listed): ${secs(tSync)}s`);

t = performance.now();
await createPods('sched-init', INIT_PODS);
await counter.waitFor('sched-init', INIT_PODS);
console.log(`createPods ${INIT_PODS} (initial): all bound after ${secs(t)}s`);

const inspector = CPU_PROFILE ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}
const sampler = new Sampler(() => counter.count('sched-measured'));
const cpu0 = process.cpuUsage();
const start = performance.now();
sampler.start();
let created = 0;
const producer = createPods('sched-measured', MEASURED_PODS).then(() => (created = performance.now()));
await counter.waitFor('sched-measured', MEASURED_PODS);
const cpu = process.cpuUsage(cpu0);
sampler.stop();
if (inspector) {
  const { profile } = await inspector.post('Profiler.stop');
  await writeFile(CPU_PROFILE!, JSON.stringify(profile));
  inspector.disconnect();
}
await producer;
// Every pod gets a Scheduled event, which the API server may still be writing (a
// FailedScheduling event would count too, making this a lower bound).
while (counter.events < INIT_PODS + MEASURED_PODS) await new Promise((r) => setTimeout(r, 10));
const eventsElapsed = (counter.lastEvent - start) / 1000;
const elapsed = (counter.lastBinding - start) / 1000;
const s = summary(sampler.samples);
const mode = [GANG > 0 ? `gangs of ${GANG}` : 'no gangs', `profile ${PROFILE}`, `pod cpu ${POD_CPU}`, INLINE ? 'scheduler inline' : 'scheduler thread'].join(', ');
console.log(`createPods ${MEASURED_PODS} (measured, ${mode}): created in ${((created - start) / 1000).toFixed(2)}s, all bound after ${elapsed.toFixed(2)}s`);
console.log(`Scheduled events of the measured pods: all written after ${eventsElapsed.toFixed(2)}s (${(MEASURED_PODS / eventsElapsed).toFixed(0)}/s)`);
console.log(`SchedulingBasic ${NUM_NODES} nodes / ${INIT_PODS} init / ${MEASURED_PODS} measured: ${(MEASURED_PODS / elapsed).toFixed(0)} pods/s`);
// On a shared machine wall time depends on the neighbours; CPU time much less so.
const cpuSecs = (cpu.user + cpu.system) / 1e6;
console.log(`CPU ${cpuSecs.toFixed(2)}s for ${elapsed.toFixed(2)}s wall (${((100 * cpuSecs) / elapsed).toFixed(0)}%): ${(MEASURED_PODS / cpuSecs).toFixed(0)} pods per CPU-second`);
console.log(`SchedulingThroughput (${sampler.samples.length} samples): Average ${s.average.toFixed(0)}  Perc50 ${s.perc50.toFixed(0)}  Perc90 ${s.perc90.toFixed(0)}  Perc99 ${s.perc99.toFixed(0)} pods/s`);

await verify();
await sched.stop();
await cluster.stop();

/** createPods is the createPods op: a Workload per gang first, then its pods, CONCURRENCY at a time. */
async function createPods(ns: string, n: number): Promise<void> {
  const gangOf = (i: number) => (GANG > 0 ? `gang-${Math.floor(i / GANG)}` : undefined);
  await parallel(n, CONCURRENCY, async (i) => {
    const gang = gangOf(i);
    if (gang && i % GANG === 0) await c.create(workloadsIn(ns), workload(gang, GANG));
    await c.create(podsIn(ns), pod(`pod-${i}`, gang, POD_CPU));
  }, GANG > 0 ? GANG : 1);
}

/**
 * parallel runs fn(0..n-1) with `workers` calls in flight. With a group size g, indexes of
 * one group go to the same worker in order (a gang's Workload before its pods).
 */
async function parallel(n: number, workers: number, fn: (i: number) => Promise<unknown>, g = 1): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (;;) {
      const first = next;
      next += g;
      if (first >= n) return;
      for (let i = first; i < Math.min(first + g, n); i++) {
        await fn(i);
        // An in-process call is all microtasks; a client over the network comes back as a
        // new task. Without this the producer would hold the event loop until it is done,
        // and the scheduler's requests (bindings, events) would queue behind every create.
        await new Promise(setImmediate);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
}

/** verify checks the result, not just the count: every measured pod bound, no node over capacity. */
async function verify(): Promise<void> {
  const list = await c.list<{ metadata: { namespace?: string }; spec: { nodeName?: string } }>({ version: 'v1', resource: 'pods' });
  const perNode = new Map<string, number>();
  let unbound = 0;
  for (const p of list.items) {
    if (!p.spec.nodeName) unbound++;
    else perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  }
  const max = Math.max(0, ...perNode.values());
  if (unbound > 0 || max > 40) throw new Error(`verify: ${unbound} unbound pods, a node holds ${max} pods (4 cpu / 100m = 40)`);
  console.log(`verify: ${list.items.length} pods bound over ${perNode.size} nodes, at most ${max} per node`);
}

function secs(from: number): string {
  return ((performance.now() - from) / 1000).toFixed(2);
}
