import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { FeatureGates } from '../machinery/features/index.js';
import { ComponentServer, type ComponentInfo, type ComponentUser } from './index.js';

function info(): ComponentInfo {
  return {
    name: 'kube-scheduler',
    startTime: Date.now(),
    binaryVersion: '1.35.0',
    emulationVersion: '',
    flags: { 'leader-elect': 'true' },
    gates: FeatureGates.parse('ComponentStatusz=true,ComponentFlagz=true'),
  };
}

describe('authorization when the embedding server passes a user', () => {
  const server = new ComponentServer(info());
  let http: Server;
  let base: string;
  before(async () => {
    // the embedding server authenticates; here the user comes from test headers
    http = createServer((req, res) => {
      const name = req.headers['x-user'] as string | undefined;
      const user: ComponentUser | undefined = name ? { name, groups: String(req.headers['x-groups'] ?? '').split(',').filter(Boolean) } : undefined;
      void server.handle(req, res, user).then((handled) => {
        if (!handled) res.writeHead(404).end();
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => {
    http.close(() => r());
    http.closeAllConnections();
  }));

  const cases: Array<{ name: string; path: string; user?: string; groups?: string; method?: string; status: number }> = [
    { name: 'anonymous health root is public', path: '/healthz', user: 'system:anonymous', groups: 'system:unauthenticated', status: 200 },
    { name: 'health sub-path needs monitoring', path: '/readyz/ping', user: 'bob', groups: 'system:authenticated', status: 403 },
    { name: 'metrics need monitoring', path: '/metrics', user: 'bob', groups: 'system:authenticated', status: 403 },
    { name: 'statusz needs monitoring', path: '/statusz', user: 'bob', groups: 'system:authenticated', status: 403 },
    { name: 'monitoring reads metrics', path: '/metrics', user: 'prom', groups: 'system:authenticated,system:monitoring', status: 200 },
    { name: 'monitoring reads flagz', path: '/flagz', user: 'prom', groups: 'system:monitoring', status: 200 },
    { name: 'monitoring reads check sub-paths', path: '/livez/log', user: 'prom', groups: 'system:monitoring', status: 200 },
    { name: 'monitoring cannot POST', path: '/statusz', user: 'prom', groups: 'system:monitoring', method: 'POST', status: 403 },
    { name: 'masters read everything', path: '/statusz', user: 'admin', groups: 'system:masters', status: 200 },
    { name: 'no user means already authorized', path: '/metrics', status: 200 },
    { name: 'non-component path falls through', path: '/api', user: 'admin', groups: 'system:masters', status: 404 },
  ];
  for (const tc of cases) {
    it(tc.name, async () => {
      const headers: Record<string, string> = {};
      if (tc.user) headers['x-user'] = tc.user;
      if (tc.groups) headers['x-groups'] = tc.groups;
      const r = await fetch(base + tc.path, { method: tc.method ?? 'GET', headers });
      assert.equal(r.status, tc.status);
      const body = await r.text();
      if (tc.status === 403) {
        const verb = (tc.method ?? 'GET').toLowerCase();
        assert.deepEqual(JSON.parse(body), {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `forbidden: User "${tc.user}" cannot ${verb} path "${tc.path}"`,
          reason: 'Forbidden',
          details: {},
          code: 403,
        });
      }
    });
  }
});

describe('HTTP/2 compatibility API', () => {
  const server = new ComponentServer(info());
  server.addHealthCheck('readyz', { name: 'sched-handler-sync', check: () => {} });
  let h2: http2.Http2Server;
  let client: http2.ClientHttp2Session;
  before(async () => {
    h2 = http2.createServer((req, res) => {
      void server.handle(req, res).then((handled) => {
        if (!handled) res.writeHead(404).end();
      });
    });
    await new Promise<void>((r) => h2.listen(0, '127.0.0.1', r));
    client = http2.connect(`http://127.0.0.1:${(h2.address() as AddressInfo).port}`);
  });
  after(async () => {
    client.close();
    await new Promise<void>((r) => h2.close(() => r()));
  });

  const request = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const stream = client.request({ ':path': path, ...headers });
      let status = 0;
      let type = '';
      let body = '';
      stream.on('response', (h) => {
        status = Number(h[':status']);
        type = String(h['content-type']);
      });
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (body += c));
      stream.on('end', () => resolve({ status, type, body }));
      stream.on('error', reject);
    });

  it('serves verbose readyz', async () => {
    const r = await request('/readyz?verbose');
    assert.equal(r.status, 200);
    assert.equal(r.body, '[+]ping ok\n[+]log ok\n[+]sched-handler-sync ok\nreadyz check passed\n');
  });

  it('fails readyz but not livez once shutting down', async () => {
    server.markShuttingDown();
    const ready = await request('/readyz');
    assert.equal(ready.status, 500);
    assert.equal(ready.body, '[+]ping ok\n[+]log ok\n[+]sched-handler-sync ok\n[-]shutdown failed: reason withheld\nreadyz check failed\n');
    assert.equal((await request('/livez')).status, 200);
  });

  it('negotiates structured statusz', async () => {
    const r = await request('/statusz', { accept: 'application/json;v=v1alpha1;g=config.k8s.io;as=Statusz' });
    assert.equal(r.status, 200);
    assert.equal(r.type, 'application/json');
    const obj = JSON.parse(r.body);
    assert.equal(obj.metadata.name, 'kube-scheduler');
    assert.equal('emulationVersion' in obj, false, 'empty emulation version is omitted');
  });

  it('returns false for other paths', async () => {
    assert.equal((await request('/apis')).status, 404);
  });
});
