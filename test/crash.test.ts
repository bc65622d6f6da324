import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { parse } from 'yaml';
import { Client } from '../src/client/client.js';
import { HttpTransport } from '../src/client/http-transport.js';
import { spawnServer, stopServer } from './helpers/spawn-server.js';

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function adminClient(kubeconfig: string): Promise<Client> {
  const kc = parse(await readFile(kubeconfig, 'utf8'));
  const d = (s: string) => Buffer.from(s, 'base64').toString();
  return new Client(
    new HttpTransport({
      server: kc.clusters[0].cluster.server,
      ca: d(kc.clusters[0].cluster['certificate-authority-data']),
      cert: d(kc.users[0].user['client-certificate-data']),
      key: d(kc.users[0].user['client-key-data']),
    }),
  );
}

it('keeps every acknowledged write when the server is killed with SIGKILL during a write load', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'k8ts-crash-'));
  dirs.push(dataDir);
  const server = await spawnServer(['--data-dir', dataDir, '--port', '0']);
  const client = await adminClient(server.kubeconfig);
  const acked: string[] = [];
  let stop = false;
  const writer = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const name = `cm-${w}-${i}`;
      try {
        await client.create({ version: 'v1', resource: 'configmaps', namespace: 'default' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { i: String(i) } });
        acked.push(name);
      } catch {
        return; // the server is gone: this write was never acknowledged
      }
    }
  };
  const writers = [0, 1, 2, 3].map(writer);
  while (acked.length < 300) await new Promise((r) => setTimeout(r, 10));
  await stopServer(server, 'SIGKILL');
  stop = true;
  await Promise.all(writers);
  client.close();
  assert.ok(acked.length >= 300);

  const again = await spawnServer(['--data-dir', dataDir, '--port', '0']);
  try {
    const c2 = await adminClient(again.kubeconfig);
    const list = await c2.list({ version: 'v1', resource: 'configmaps', namespace: 'default' });
    const names = new Set(list.items.map((i) => i.metadata!.name));
    const lost = acked.filter((n) => !names.has(n));
    assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged writes lost`);
    c2.close();
  } finally {
    await stopServer(again);
  }
});
