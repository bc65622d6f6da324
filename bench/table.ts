/**
 * Table vs JSON list cost, run by hand: `npx tsx bench/table.ts [--pods N] [--runs N] [--storage memory|sqlite]`.
 *
 * Creates N pods (default 10,000) across 10 namespaces with the in-process client, then:
 * 1. times real kubectl 1.33 `get pods -A` (Table, server-side printing) against
 *    `get pods -A -o json` (plain JSON list, kubectl prints it) over several runs;
 * 2. times the same two requests over HTTPS without kubectl (server + transfer + JSON.parse
 *    on this side), so the server's share of the ratio is visible.
 * kubectl pages at 500 items, so one `get` is N/500 LIST requests. Prints numbers only; the
 * target is Table < 1.5x JSON.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCluster } from '../src/cluster/cluster.js';
import { findKubectl } from '../test/helpers/kubectl.js';

const arg = (name: string, def: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : def);
const PODS = Number(arg('--pods', '10000'));
const RUNS = Number(arg('--runs', '5'));
const storage = arg('--storage', 'memory') as 'memory' | 'sqlite';
const NAMESPACES = 10;
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

const bin = findKubectl();
if (!bin) {
  console.error('kubectl not found');
  process.exit(1);
}

function pod(i: number) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, labels: { app: 'bench', shard: String(i % 10) } },
    spec: {
      nodeName: `node-${i % 100}`,
      containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

const dir = await mkdtemp(join(tmpdir(), 'k8ts-bench-table-'));
const cluster = await startCluster({ storage, dataDir: join(dir, 'data') });
try {
  const t = performance.now();
  for (let n = 0; n < NAMESPACES; n++) {
    await cluster.client.create({ version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `bench-${n}` } });
  }
  const BATCH = 50;
  for (let i = 0; i < PODS; i += BATCH) {
    const batch: Array<Promise<unknown>> = [];
    for (let j = i; j < Math.min(PODS, i + BATCH); j++) batch.push(cluster.client.create({ version: 'v1', resource: 'pods', namespace: `bench-${j % NAMESPACES}` }, pod(j)));
    await Promise.all(batch);
  }
  console.log(`created ${PODS} pods in ${NAMESPACES} namespaces (${storage}): ${(performance.now() - t).toFixed(0)} ms`);

  const kubectl = (args: string[]) =>
    new Promise<{ ms: number; bytes: number }>((resolve, reject) => {
      const start = performance.now();
      execFile(bin, ['--kubeconfig', cluster.kubeconfig.path, '--cache-dir', join(dir, 'cache'), ...args], { maxBuffer: 1 << 30 }, (err, stdout, stderr) => {
        if (err) return reject(new Error(`kubectl ${args.join(' ')}: ${stderr}`));
        resolve({ ms: performance.now() - start, bytes: stdout.length });
      });
    });

  // Warm the discovery cache and the server's code paths.
  await kubectl(['get', 'pods', '-A', '--chunk-size=0', '-o', 'name']);
  const lines = (await kubectl(['get', 'pods', '-A'])).bytes;
  const table: number[] = [];
  const json: number[] = [];
  let jsonBytes = 0;
  for (let r = 0; r < RUNS; r++) {
    table.push((await kubectl(['get', 'pods', '-A'])).ms);
    const j = await kubectl(['get', 'pods', '-A', '-o', 'json']);
    json.push(j.ms);
    jsonBytes = j.bytes;
  }
  console.log(`\nkubectl 1.33 (${RUNS} runs, pages of 500):`);
  console.log(`  get pods -A          (Table): ${fmt(table)}, ${(lines / 1024).toFixed(0)} KiB printed`);
  console.log(`  get pods -A -o json  (JSON):  ${fmt(json)}, ${(jsonBytes / 1024).toFixed(0)} KiB printed`);
  console.log(`  Table / JSON: ${(median(table) / median(json)).toFixed(2)}x (target < 1.5x)`);

  // The server alone: the same LIST pages over HTTPS, no kubectl.
  const kc = cluster.kubeconfig.object as unknown as { clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>; users: Array<{ user: { 'client-certificate-data': string; 'client-key-data': string } }> };
  const b64 = (s: string) => Buffer.from(s, 'base64');
  const agent = new https.Agent({ keepAlive: true, ca: b64(kc.clusters[0]!.cluster['certificate-authority-data']), cert: b64(kc.users[0]!.user['client-certificate-data']), key: b64(kc.users[0]!.user['client-key-data']) });
  const get = (path: string, accept: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = https.request(`${cluster.url}${path}`, { agent, headers: { accept } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      });
      req.on('error', reject);
      req.end();
    });
  const listAll = async (accept: string, limit: number) => {
    const start = performance.now();
    let cont = '';
    let bytes = 0;
    do {
      const r = await get(`/api/v1/pods?limit=${limit}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`, accept);
      if (r.status !== 200) throw new Error(`list: ${r.status} ${r.body.slice(0, 200)}`);
      bytes += r.body.length;
      cont = (JSON.parse(r.body) as { metadata: { continue?: string } }).metadata.continue ?? '';
    } while (cont);
    return { ms: performance.now() - start, bytes };
  };
  for (const limit of [500, 0]) {
    const st: number[] = [];
    const sj: number[] = [];
    let tb = 0;
    let jb = 0;
    await listAll(TABLE_ACCEPT, limit);
    await listAll('application/json', limit);
    for (let r = 0; r < RUNS; r++) {
      const a = await listAll(TABLE_ACCEPT, limit);
      const b = await listAll('application/json', limit);
      st.push(a.ms);
      sj.push(b.ms);
      tb = a.bytes;
      jb = b.bytes;
    }
    console.log(`\nHTTPS LIST without kubectl, ${limit ? `limit=${limit}` : 'one request'} (${RUNS} runs):`);
    console.log(`  Table: ${fmt(st)}, ${(tb / 1024).toFixed(0)} KiB`);
    console.log(`  JSON:  ${fmt(sj)}, ${(jb / 1024).toFixed(0)} KiB`);
    console.log(`  Table / JSON: ${(median(st) / median(sj)).toFixed(2)}x`);
  }
  agent.destroy();
} finally {
  await cluster.stop();
  await rm(dir, { recursive: true, force: true });
}
