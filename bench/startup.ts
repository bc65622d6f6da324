/**
 * Start-up benchmark, run by hand after `npm run build`: `npx tsx bench/startup.ts`.
 * Times `k8ts up` from process spawn to a successful /readyz, first start (new data dir:
 * CA and certificates are made) and restart (same data dir), as users run it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '../src/client/client.js';
import { HttpTransport } from '../src/client/http-transport.js';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { spawnServer, stopServer } from '../test/helpers/spawn-server.js';

async function once(dir: string): Promise<{ ready: number; stop: number }> {
  const t = performance.now();
  const s = await spawnServer(['--data-dir', dir, '--port', '0'], { preferCompiled: true });
  const kc = parse(await readFile(s.kubeconfig, 'utf8'));
  const b64 = (x: string) => Buffer.from(x, 'base64').toString();
  const c = new Client(new HttpTransport({ server: s.url, ca: b64(kc.clusters[0].cluster['certificate-authority-data']), cert: b64(kc.users[0].user['client-certificate-data']), key: b64(kc.users[0].user['client-key-data']) }));
  const r = await c.raw('/readyz');
  const ready = performance.now() - t;
  if (r !== 'ok') throw new Error(`readyz said ${String(r)}`);
  c.close();
  const t2 = performance.now();
  await stopServer(s);
  return { ready, stop: performance.now() - t2 };
}

for (let i = 0; i < 3; i++) {
  const dir = await mkdtemp(join(tmpdir(), 'k8ts-start-'));
  const first = await once(dir);
  const again = await once(dir);
  console.log(`spawn to /readyz: first start ${first.ready.toFixed(0)} ms, restart ${again.ready.toFixed(0)} ms; SIGTERM to exit ${again.stop.toFixed(0)} ms`);
  await rm(dir, { recursive: true, force: true });
}
