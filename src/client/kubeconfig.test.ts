import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { loadKubeconfig } from './kubeconfig.js';

describe('loadKubeconfig', () => {
  let dir = '';
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'k8ts-kc-'));
    await writeFile(join(dir, 'ca.crt'), 'CA FROM FILE');
    await writeFile(join(dir, 'token'), 'file-token\n');
    await writeFile(
      join(dir, 'config'),
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'certs',
        clusters: [
          { name: 'inline', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': b64('CA INLINE') } },
          { name: 'files', cluster: { server: 'https://10.0.0.1:443', 'certificate-authority': 'ca.crt' } },
        ],
        users: [
          { name: 'admin', user: { 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') } },
          { name: 'bot', user: { tokenFile: 'token' } },
        ],
        contexts: [
          { name: 'certs', context: { cluster: 'inline', user: 'admin' } },
          { name: 'tokens', context: { cluster: 'files', user: 'bot', namespace: 'team-a' } },
          { name: 'broken', context: { cluster: 'missing', user: 'admin' } },
        ],
      }),
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('resolves the current context with inline certificates', async () => {
    assert.deepEqual(await loadKubeconfig(join(dir, 'config')), { server: 'https://127.0.0.1:6443', ca: 'CA INLINE', cert: 'CERT', key: 'KEY', token: undefined, namespace: 'default' });
  });
  it('reads files relative to the kubeconfig and a token file', async () => {
    assert.deepEqual(await loadKubeconfig(join(dir, 'config'), 'tokens'), { server: 'https://10.0.0.1:443', ca: 'CA FROM FILE', cert: undefined, key: undefined, token: 'file-token', namespace: 'team-a' });
  });
  it('names what is missing', async () => {
    await assert.rejects(loadKubeconfig(join(dir, 'config'), 'broken'), /cluster "missing" not found/);
    await assert.rejects(loadKubeconfig(join(dir, 'config'), 'nope'), /context "nope" not found/);
  });
});
