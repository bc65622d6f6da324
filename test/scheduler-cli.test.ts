import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, it } from 'node:test';
import { parse } from 'yaml';
import type { KubeObject } from '../src/api/meta.js';
import { Client } from '../src/client/client.js';
import { HttpTransport } from '../src/client/http-transport.js';
import { spawnServer, stopServer, type ServerProcess } from './helpers/spawn-server.js';
import { waitFor } from './helpers/wait.js';
/** Real processes under CI load: a longer deadline and a gentler poll. */
const waitLong = <T>(what: string, fn: () => Promise<T | undefined>) => waitFor(what, fn, 30_000, 50);

const here = dirname(fileURLToPath(import.meta.url));
const compiled = import.meta.url.endsWith('.js');
const root = compiled ? join(here, '..', '..') : join(here, '..');

interface Proc {
  child: ChildProcess;
  output: () => string;
}

/** spawnScheduler runs `k8ts scheduler` and resolves once it serves and leads. */
function spawnScheduler(args: string[]): Promise<Proc> {
  const cmd = compiled ? [join(root, 'bin', 'k8ts')] : ['--import', 'tsx', join(root, 'src', 'cli', 'run.ts')];
  const child = spawn(process.execPath, [...cmd, 'scheduler', ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: root });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`scheduler did not start: ${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/serving securely on/.test(out) && /became leader/.test(out)) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`scheduler exited with ${code}: ${out}`));
    });
  });
}

function stop(p: Proc): Promise<number | null> {
  return new Promise((resolve) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve(p.child.exitCode);
    p.child.removeAllListeners('exit');
    p.child.once('exit', (code) => resolve(code));
    process.kill(p.child.pid!, 'SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** get fetches from the scheduler's self-signed HTTPS port, optionally with a client certificate. */
function get(port: number, path: string, cred?: { cert: string; key: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, rejectUnauthorized: false, ...cred }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const CONFIG = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
leaderElection:
  leaderElect: true
profiles:
- schedulerName: default-scheduler
- schedulerName: ignores-cordon
  plugins:
    multiPoint:
      disabled:
      - name: NodeUnschedulable
`;

let dir = '';
let server: ServerProcess | undefined;
let sched: Proc | undefined;
let client: Client;
let cred: { cert: string; key: string };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'k8ts-sched-cli-'));
  server = await spawnServer(['--data-dir', dir, '--port', '0', '--storage', 'memory', '--disable-scheduler']);
  const kc = parse(await readFile(server.kubeconfig, 'utf8'));
  const b64 = (s: string) => Buffer.from(s, 'base64').toString();
  cred = { cert: b64(kc.users[0].user['client-certificate-data']), key: b64(kc.users[0].user['client-key-data']) };
  client = new Client(new HttpTransport({ server: server.url, ca: b64(kc.clusters[0].cluster['certificate-authority-data']), ...cred }));
});

after(async () => {
  if (sched) await stop(sched);
  client?.close();
  if (server) await stopServer(server);
  await rm(dir, { recursive: true, force: true });
});

it('k8ts scheduler runs two profiles from --config against k8ts up --disable-scheduler', async () => {
  const configPath = join(dir, 'scheduler.yaml');
  await writeFile(configPath, CONFIG);
  const port = await freePort();
  sched = await spawnScheduler(['--kubeconfig', server!.kubeconfig, '--config', configPath, '--secure-port', String(port), '--bind-address', '127.0.0.1', '--feature-gates', 'ComponentStatusz=true']);
  assert.match(sched.output(), /profiles default-scheduler, ignores-cordon/);

  const allocatable = { cpu: '4', memory: '8Gi', pods: '110' };
  const node = (name: string, unschedulable: boolean): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: { unschedulable },
    status: { allocatable, capacity: allocatable, conditions: [{ type: 'Ready', status: 'True' }] },
  });
  await client.create({ version: 'v1', resource: 'nodes' }, node('open', false));
  await client.create({ version: 'v1', resource: 'nodes' }, node('cordoned', true));
  const PODS = { version: 'v1', resource: 'pods', namespace: 'default' };
  const pod = (name: string, schedulerName: string, host?: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { schedulerName, nodeSelector: host ? { 'kubernetes.io/hostname': host } : undefined, containers: [{ name: 'c', image: 'i' }] },
  });
  await client.create(PODS, pod('plain', 'default-scheduler'));
  await client.create(PODS, pod('to-cordoned', 'ignores-cordon', 'cordoned'));
  await client.create(PODS, pod('blocked', 'default-scheduler', 'cordoned'));
  const nodeOf = (name: string) => waitLong(`${name} bound`, async () => (await client.get<KubeObject & { spec: { nodeName?: string } }>(PODS, name)).spec.nodeName || undefined);
  assert.equal(await nodeOf('plain'), 'open');
  assert.equal(await nodeOf('to-cordoned'), 'cordoned', 'the profile without NodeUnschedulable binds to the cordoned node');
  const blocked = await waitLong('blocked to be reported unschedulable', async () => {
    const p = await client.get<KubeObject & { spec: { nodeName?: string }; status?: { conditions?: Array<{ type: string; reason?: string; message?: string }> } }>(PODS, 'blocked');
    return p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable') ? p : undefined;
  });
  assert.equal(blocked.spec.nodeName, undefined);
  assert.match(blocked.status!.conditions!.find((c) => c.type === 'PodScheduled')!.message!, /node\(s\) were unschedulable/);
  const events = await client.list({ version: 'v1', resource: 'events', namespace: 'default' });
  // Written through events.k8s.io/v1 as kube-scheduler does: the profile is the reporting controller.
  const scheduledBy = (name: string) => (events.items as Array<{ reason?: string; involvedObject: { name: string }; reportingComponent?: string }>).find((e) => e.reason === 'Scheduled' && e.involvedObject.name === name)?.reportingComponent;
  assert.equal(scheduledBy('plain'), 'default-scheduler');
  assert.equal(scheduledBy('to-cordoned'), 'ignores-cordon');

  // The scheduler's own secure port: health for anyone, metrics for the admin certificate only.
  assert.deepEqual(await get(port, '/healthz'), { status: 200, body: 'ok' });
  const ready = await get(port, '/readyz?verbose');
  assert.match(ready.body, /\[\+\]leaderElection ok\n/);
  assert.match(ready.body, /\[\+\]sched-handler-sync ok\n/);
  assert.equal((await get(port, '/metrics')).status, 403);
  const metrics = await get(port, '/metrics', cred);
  assert.equal(metrics.status, 200);
  assert.match(metrics.body, /^scheduler_schedule_attempts_total\{result="scheduled",profile="ignores-cordon"\} 1$/m);
  assert.match(metrics.body, /^scheduler_schedule_attempts_total\{result="scheduled",profile="default-scheduler"\} 1$/m);
  assert.match(metrics.body, /^leader_election_master_status\{name="kube-scheduler"\} 1$/m);
  assert.match(metrics.body, /^kubernetes_feature_enabled\{name="ComponentStatusz",stage="ALPHA"\} 1$/m);
  const statusz = await get(port, '/statusz', cred);
  assert.match(statusz.body, /^kube-scheduler statusz$/m);

  // SIGTERM: a clean exit that hands the Lease back.
  assert.equal(await stop(sched), 0);
  sched = undefined;
  const lease = await client.get<KubeObject & { spec: { holderIdentity?: string; leaseDurationSeconds?: number } }>({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-system' }, 'kube-scheduler');
  assert.equal(lease.spec.holderIdentity, '');
  assert.equal(lease.spec.leaseDurationSeconds, 1);
});

it('k8ts scheduler refuses a bad --config and exits non-zero', async () => {
  const bad = join(dir, 'bad.yaml');
  await writeFile(bad, 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- schedulerName: a\n- schedulerName: a\n');
  await assert.rejects(spawnScheduler(['--kubeconfig', server!.kubeconfig, '--config', bad, '--secure-port', '0']), (e: Error) => {
    assert.match(e.message, /scheduler exited with 1/);
    assert.match(e.message, /profiles\[1\]\.schedulerName: Duplicate value: \{\}/);
    return true;
  });
});
