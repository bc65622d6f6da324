/**
 * Storage micro-benchmark, run by hand: `npx tsx bench/storage.ts [keys]`.
 * Prints creates/s, updates/s, LIST of N keys (current and older revision), watch fan-out
 * latency, compaction and reopen time, for the memory and the SQLite (file, WAL) backends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Storage } from '../src/storage/index.js';
import { MemoryStore, SqliteStore } from '../src/storage/index.js';

const N = Number(process.argv[2] ?? 10_000);
const PREFIX = '/registry/pods/';
const key = (i: number) => `${PREFIX}ns-${i % 10}/pod-${String(i).padStart(6, '0')}`;
// A ~2 KB pod-like JSON value.
const value = (i: number, gen = 0) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: `ns-${i % 10}`, labels: { app: 'bench', gen: String(gen) } },
    spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', args: ['x'.repeat(1700)] }] },
  });

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await fn();
  return ms(t0) / runs;
}

async function bench(name: string, store: Storage, reopen?: () => Storage): Promise<void> {
  const rev0 = await store.currentRevision();
  const out: Record<string, string> = {};
  let t0 = process.hrtime.bigint();
  const values = Array.from({ length: N }, (_, i) => value(i));
  for (let i = 0; i < N; i++) await store.create(key(i), values[i]!);
  out['creates/s (one by one)'] = fmt((N / ms(t0)) * 1000, 0);

  // 64 writes in flight, like concurrent API requests: they share commits.
  t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i += 64) {
    const chunk = Array.from({ length: Math.min(64, N - i) }, (_, j) => store.create(`/registry/conc/${i + j}`, values[i + j]!));
    await Promise.all(chunk);
  }
  out['creates/s (64 in flight)'] = fmt((N / ms(t0)) * 1000, 0);

  const updates = Math.min(N, 5000);
  t0 = process.hrtime.bigint();
  for (let i = 0; i < updates; i++) {
    const cur = (await store.get(key(i)))!;
    await store.update(key(i), value(i, 1), cur.modRevision);
  }
  out['get+update/s'] = fmt((updates / ms(t0)) * 1000, 0);

  const rev = await store.currentRevision();
  await store.create('/registry/other/x', 'x'); // so `rev` is now an older revision
  const full = await store.list({ prefix: PREFIX });
  if (full.items.length !== N) throw new Error(`listed ${full.items.length}, want ${N}`);
  out[`list ${N} now (ms)`] = fmt(await timeIt(20, () => store.list({ prefix: PREFIX })), 2);
  out[`list ${N} older rev (ms)`] = fmt(await timeIt(3, () => store.list({ prefix: PREFIX, revision: rev })), 1);
  out['list 500-page now (ms)'] = fmt(await timeIt(50, () => store.list({ prefix: PREFIX, limit: 500, startAfter: key(N / 2) })), 3);
  out['list 500-page older (ms)'] = fmt(await timeIt(10, () => store.list({ prefix: PREFIX, limit: 500, revision: rev })), 2);
  out['count (ms)'] = fmt(await timeIt(100, () => store.count(`${PREFIX}ns-3/`)), 4);

  for (const watchers of [1, 100]) {
    const lat: number[] = [];
    let sentAt = 0n;
    const from = await store.currentRevision();
    const ws = await Promise.all(
      Array.from({ length: watchers }, () =>
        store.watch({ prefix: PREFIX, fromRevision: from }, {
          onEvent: () => lat.push(Number(process.hrtime.bigint() - sentAt) / 1e3),
        }),
      ),
    );
    for (let i = 0; i < 1000; i++) {
      sentAt = process.hrtime.bigint();
      await store.create(`${PREFIX}watch-${watchers}/${i}`, 'v');
    }
    await new Promise((r) => setTimeout(r, 10));
    for (const w of ws) w.stop();
    if (lat.length !== 1000 * watchers) throw new Error(`got ${lat.length} events`);
    out[`watch x${watchers} p50/p99 (µs)`] = `${fmt(pct(lat, 0.5))} / ${fmt(pct(lat, 0.99))}`;
  }

  let target = store;
  if (reopen) {
    await store.close();
    t0 = process.hrtime.bigint();
    target = reopen();
    const n = await target.count(PREFIX);
    out[`reopen ${n} keys (ms)`] = fmt(ms(t0), 1);
    // After a reopen the in-memory history is empty: older reads go to SQL.
    const old = rev0 + N; // right after the creates
    out[`list ${N} older, SQL (ms)`] = fmt(await timeIt(3, () => target.list({ prefix: PREFIX, revision: old })), 1);
    out['list 500-page older, SQL (ms)'] = fmt(await timeIt(10, () => target.list({ prefix: PREFIX, limit: 500, revision: old, startAfter: key(N / 2) })), 2);
    out['get older, SQL (ms)'] = fmt(await timeIt(100, () => target.get(key(7), { revision: old })), 3);
  }
  const cur = await target.currentRevision();
  t0 = process.hrtime.bigint();
  await target.compact(cur);
  out[`compact ${cur} revs (ms)`] = fmt(ms(t0), 1);
  await target.close();

  console.log(`\n${name} (${N} keys, ~${value(0).length} B values)`);
  for (const [k, v] of Object.entries(out)) console.log(`  ${k.padEnd(28)} ${v}`);
}

const dir = mkdtempSync(join(tmpdir(), 'k8ts-bench-'));
try {
  await bench('memory', new MemoryStore());
  const path = join(dir, 'bench.sqlite');
  await bench('sqlite (WAL, synchronous=NORMAL)', SqliteStore.open(path), () => SqliteStore.open(path));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
