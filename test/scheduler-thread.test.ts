/**
 * The scheduler's worker thread against a real API server: it schedules, reports metrics,
 * stops cleanly, and a worker that dies is reported as exited (what the supervisor in
 * startCluster restarts).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import { startSchedulerThread } from '../src/cluster/scheduler-thread.js';
import { waitFor } from './helpers/wait.js';

const USER = { name: 'system:kube-scheduler', groups: ['system:authenticated'] };
let cluster: Cluster;
before(async () => {
  cluster = await startCluster({ storage: 'memory', http: false });
});
after(async () => {
  await cluster.stop();
});

it('schedules through the MessagePort, serves its metrics and stops without exiting on its own', async () => {
  const c = cluster.client;
  const alloc = { cpu: '2', memory: '4Gi', pods: '10' };
  await c.create({ version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: alloc, capacity: alloc, conditions: [{ type: 'Ready', status: 'True' }] } });
  const warnings: string[] = [];
  const thread = await startSchedulerThread({ api: cluster.api, user: USER, featureGates: '', onWarning: (m) => warnings.push(m) });
  await thread.synced;
  const pods = { version: 'v1', resource: 'pods', namespace: 'default' };
  await c.create(pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
  const node = await waitFor('p to be bound', async () => (await c.get<{ spec: { nodeName?: string } } & Record<string, never>>(pods, 'p')).spec.nodeName);
  assert.equal(node, 'n1');
  // The Scheduled event is written by the worker as system:kube-scheduler.
  await waitFor('the Scheduled event', async () => (await c.list<{ reason?: string }>({ version: 'v1', resource: 'events', namespace: 'default' })).items.find((e) => e.reason === 'Scheduled'));
  assert.match(await thread.metrics(), /^scheduler_schedule_attempts_total\{result="scheduled",profile="default-scheduler"\} 1$/m);
  await thread.stop();
  const exited = await Promise.race([thread.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 100))]);
  assert.equal(exited, false, 'a stopped worker did not exit on its own');
  assert.equal(await thread.metrics(), '', 'a stopped worker has no metrics');
  assert.deepEqual(warnings, []);
});

it('a worker that dies is reported: exited resolves and the failure is a warning', async () => {
  const warnings: string[] = [];
  // Bad gates make the worker throw while starting, as any crash would.
  const thread = await startSchedulerThread({ api: cluster.api, user: USER, featureGates: 'NoSuchGate=true', onWarning: (m) => warnings.push(m) });
  await thread.exited;
  assert.match(warnings.join('\n'), /worker failed: .*NoSuchGate/);
  await thread.stop();
});
