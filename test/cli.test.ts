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

async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'k8ts-cli-'));
  dirs.push(d);
  return d;
}

const CASES: Array<{ name: string; args: string[]; error: RegExp }> = [
  { name: 'a locked GA gate set to false', args: ['--feature-gates', 'JobManagedBy=false'], error: /cannot set feature gate JobManagedBy to false, feature is locked to true/ },
  { name: 'an unknown gate', args: ['--feature-gates', 'NoSuchGate=true'], error: /unrecognized feature gate: NoSuchGate/ },
  { name: 'a bad storage kind', args: ['--storage', 'postgres'], error: /--storage must be sqlite or memory/ },
  { name: 'a bad port', args: ['--port', 'http'], error: /--port must be a port number/ },
];

for (const tc of CASES) {
  it(`k8ts up refuses ${tc.name} and exits non-zero`, async () => {
    const dir = await tmp();
    await assert.rejects(spawnServer(['--data-dir', dir, '--port', '0', ...tc.args]), (e: Error) => {
      assert.match(e.message, /server exited with 1/);
      assert.match(e.message, tc.error);
      return true;
    });
  });
}

it('k8ts up writes an admin kubeconfig, stops on SIGTERM and keeps objects across restarts', async () => {
  const dir = await tmp();
  const first = await spawnServer(['--data-dir', dir, '--port', '0']);
  assert.equal(first.kubeconfig, join(dir, 'kubeconfig'));
  const kc = parse(await readFile(first.kubeconfig, 'utf8'));
  assert.equal(kc['current-context'], 'k8ts');
  const b64 = (s: string) => Buffer.from(s, 'base64').toString();
  const client = (server: string) =>
    new Client(new HttpTransport({ server, ca: b64(kc.clusters[0].cluster['certificate-authority-data']), cert: b64(kc.users[0].user['client-certificate-data']), key: b64(kc.users[0].user['client-key-data']) }));
  const c1 = client(first.url);
  assert.equal(await c1.raw('/readyz'), 'ok');
  await c1.create({ version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kept' } });
  c1.close();
  assert.equal(await stopServer(first, 'SIGTERM'), 0);

  const second = await spawnServer(['--data-dir', dir, '--port', '0']);
  try {
    const c2 = client(second.url);
    const ns = await c2.get({ version: 'v1', resource: 'namespaces' }, 'kept');
    assert.equal((ns.status as { phase: string }).phase, 'Active');
    c2.close();
  } finally {
    assert.equal(await stopServer(second, 'SIGINT'), 0);
  }
});
