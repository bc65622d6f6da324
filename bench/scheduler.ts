/**
 * Scheduler throughput, modelled on scheduler_perf's SchedulingBasic (scaled down):
 * N nodes, then M pods created while the scheduler runs; prints pods/s from the first pod
 * create to the last observed binding. Run: npx tsx bench/scheduler.ts [nodes] [pods]
 */
import { startCluster } from '../src/cluster/cluster.js';
import { listerWatcherFor, SharedInformer } from '../src/client/informers/index.js';
import type { KubeObject } from '../src/api/meta.js';
import { startScheduler } from '../src/scheduler/scheduler.js';

const NODES = Number(process.argv[2] ?? 500);
const PODS = Number(process.argv[3] ?? 2000);
const podsRef = { version: 'v1', resource: 'pods', namespace: 'default' };

const cluster = await startCluster({ storage: 'memory', http: false });
const c = cluster.client;
for (let i = 0; i < NODES; i++) {
  const alloc = { cpu: '4', memory: '32Gi', pods: '110' };
  await c.create({ version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}` } }, status: { allocatable: alloc, capacity: alloc, conditions: [{ type: 'Ready', status: 'True' }] } });
}
// Pods are created before the scheduler starts, so the figure is scheduling + binding only.
const PRECREATE = !process.argv.includes('--live');
let sched: Awaited<ReturnType<typeof startScheduler>> | undefined = PRECREATE ? undefined : startScheduler({ client: c });
await sched?.synced;

let bound = 0;
let done!: () => void;
const allBound = new Promise<void>((r) => (done = r));
const watcher = new SharedInformer<KubeObject & { spec?: { nodeName?: string } }>(listerWatcherFor(c, { version: 'v1', resource: 'pods' }));
watcher.addEventHandler({
  onUpdate: (o, n) => {
    if (!o.spec?.nodeName && n.spec?.nodeName && ++bound === PODS) done();
  },
});
watcher.start();
await watcher.waitForSync();

const start = performance.now();
for (let i = 0; i < PODS; i++) {
  await c.create(podsRef, { apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}` }, spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } }] } });
}
const created = performance.now();
const t0 = PRECREATE ? performance.now() : start;
sched ??= startScheduler({ client: c });
await allBound;
const end = performance.now();
const mode = PRECREATE ? 'pre-created pods' : 'pods created while scheduling';
console.log(`SchedulingBasic ${NODES} nodes / ${PODS} pods (${mode}): created in ${((created - start) / 1000).toFixed(2)}s, all bound ${((end - t0) / 1000).toFixed(2)}s after start -> ${(PODS / ((end - t0) / 1000)).toFixed(0)} pods/s`);
await watcher.stop();
await sched.stop();
await cluster.stop();
