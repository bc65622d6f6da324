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
import http2 from 'node:http2';
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
// Run `npm run build` first to measure the compiled server rather than tsx's on-the-fly compile.
// The API server alone: the in-process scheduler would add a watcher decoding every pod.
const server = await spawnServer(['--data-dir', dir, '--port', '0', '--storage', storage, '--disable-scheduler'], { preferCompiled: true });
const kc = parse(await readFile(server.kubeconfig, 'utf8'));
const b64 = (s: string) => Buffer.from(s, 'base64').toString();
const newClient = () =>
  new Client(new HttpTransport({ server: server.url, ca: b64(kc.clusters[0].cluster['certificate-authority-data']), cert: b64(kc.users[0].user['client-certificate-data']), key: b64(kc.users[0].user['client-key-data']) }));
const client = newClient();
await client.raw('/readyz');
console.log(`process start to /readyz: ${(performance.now() - t).toFixed(0)} ms (${storage}; node startup included)`);
for (const which of ['first', 'second']) {
  const inproc = performance.now();
  const c0 = await startCluster({ storage: 'memory' });
  const started = performance.now() - inproc;
  t = performance.now();
  await c0.stop();
  console.log(`startCluster({storage:'memory'}) in-process, ${which} in this process: start ${started.toFixed(0)} ms, stop ${(performance.now() - t).toFixed(0)} ms`);
}


// Each of the 8 clients is one HTTP/2 connection, as client-go uses; requests are sequential per client.
const creds = { ca: b64(kc.clusters[0].cluster['certificate-authority-data']), cert: b64(kc.users[0].user['client-certificate-data']), key: b64(kc.users[0].user['client-key-data']) };
function h2post(session: http2.ClientHttp2Session, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/json', accept: 'application/json' });
    let status = 0;
    req.on('response', (h) => (status = Number(h[':status'])));
    req.on('data', () => undefined);
    req.on('end', () => resolve(status));
    req.on('error', reject);
    req.end(body);
  });
}
t = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    const session = http2.connect(server.url, creds);
    for (let i = next++; i < TOTAL_PODS; i = next++) {
      const code = await h2post(session, '/api/v1/namespaces/default/pods', JSON.stringify(pod(i)));
      if (code !== 201) throw new Error(`create answered ${code}`);
    }
    session.close();
  }),
);
const secs = (performance.now() - t) / 1000;
console.log(`pod creates over HTTPS (HTTP/2), ${CLIENTS} clients: ${(TOTAL_PODS / secs).toFixed(0)}/s (${TOTAL_PODS} in ${secs.toFixed(2)} s)`);

function h2get(session: http2.ClientHttp2Session, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = session.request({ ':method': 'GET', ':path': path, accept: 'application/json' });
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.end();
  });
}
const listSession = http2.connect(server.url, creds);
for (let run = 0; run < 3; run++) {
  t = performance.now();
  const bytes = await h2get(listSession, '/api/v1/namespaces/default/pods');
  const received = performance.now() - t;
  const list = JSON.parse(bytes.toString('utf8')) as { items: unknown[] };
  console.log(`full LIST of ${list.items.length} pods over HTTPS (HTTP/2): ${received.toFixed(0)} ms to the last byte (${(bytes.length / 1e6).toFixed(1)} MB), ${(performance.now() - t).toFixed(0)} ms with the client's JSON.parse`);
}
listSession.close();

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
