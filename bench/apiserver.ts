/**
 * API server benchmarks, run by hand: `npx tsx bench/apiserver.ts [--storage sqlite|memory]`.
 * Prints: start-to-ready, pod creates/s over HTTPS with 8 clients, a full LIST of 10,000
 * pods, and watch delivery latency with 100 watchers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { Client } from '../src/client/client.js';
import { HttpTransport } from '../src/client/http-transport.js';
import { startCluster } from '../src/cluster/cluster.js';
import { spawnServer, stopServer } from '../test/helpers/spawn-server.js';

const storage = (process.argv.includes('--storage') ? process.argv[process.argv.indexOf('--storage') + 1] : 'sqlite') as 'sqlite' | 'memory';
const TOTAL_PODS = 10_000;
const CLIENTS = 8;

function pod(i: number) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, labels: { app: 'bench', shard: String(i % 10) } },
    spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '64Mi' } } }], nodeName: `node-${i % 100}` },
  };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const dir = await mkdtemp(join(tmpdir(), 'k8ts-bench-'));
// The server runs in its own process, as users run it; this process is only the load.
let t = performance.now();
const server = await spawnServer(['--data-dir', dir, '--port', '0', '--storage', storage]);
const kc = parse(await readFile(server.kubeconfig, 'utf8'));
const b64 = (s: string) => Buffer.from(s, 'base64').toString();
const newClient = () =>
  new Client(new HttpTransport({ server: server.url, ca: b64(kc.clusters[0].cluster['certificate-authority-data']), cert: b64(kc.users[0].user['client-certificate-data']), key: b64(kc.users[0].user['client-key-data']) }));
const client = newClient();
await client.raw('/readyz');
console.log(`process start to /readyz: ${(performance.now() - t).toFixed(0)} ms (${storage}; node startup included)`);
const inproc = performance.now();
const c0 = await startCluster({ storage: 'memory' });
console.log(`startCluster({storage:'memory'}) in-process: ${(performance.now() - inproc).toFixed(0)} ms`);
t = performance.now();
await c0.stop();
console.log(`cluster.stop(): ${(performance.now() - t).toFixed(0)} ms`);

const ns = { version: 'v1', resource: 'pods', namespace: 'default' };
t = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    const c = newClient();
    for (let i = next++; i < TOTAL_PODS; i = next++) await c.create(ns, pod(i));
  }),
);
const secs = (performance.now() - t) / 1000;
console.log(`pod creates over HTTPS, ${CLIENTS} clients: ${(TOTAL_PODS / secs).toFixed(0)}/s (${TOTAL_PODS} in ${secs.toFixed(2)} s)`);

for (let run = 0; run < 3; run++) {
  t = performance.now();
  const list = await client.list(ns);
  console.log(`full LIST of ${list.items.length} pods over HTTPS: ${(performance.now() - t).toFixed(0)} ms`);
}

const watchFrom = (await client.list({ version: 'v1', resource: 'configmaps', namespace: 'default' })).metadata.resourceVersion;
const watchers = await Promise.all(Array.from({ length: 100 }, () => newClient().watch({ version: 'v1', resource: 'configmaps', namespace: 'default' }, { resourceVersion: watchFrom })));
const latencies: number[] = [];
const sentAt = new Map<string, number>();
const readers = watchers.map(async (w) => {
  let n = 0;
  for await (const ev of w) {
    const name = (ev.object as { metadata?: { name?: string } }).metadata?.name ?? '';
    const s = sentAt.get(name);
    if (s !== undefined) latencies.push(performance.now() - s);
    if (++n === 50) break;
  }
});
for (let i = 0; i < 50; i++) {
  const name = `w-${i}`;
  sentAt.set(name, performance.now());
  await client.create({ version: 'v1', resource: 'configmaps', namespace: 'default' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
  await new Promise((r) => setTimeout(r, 20));
}
await Promise.all(readers);
for (const w of watchers) w.close();
console.log(`watch delivery, 100 watchers x 50 events: p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`);

await stopServer(server);
await rm(dir, { recursive: true, force: true });
process.exit(0);
