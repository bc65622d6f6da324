import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Counter } from 'prom-client';
import { parse as parseYaml } from 'yaml';
import { FeatureGates } from '../machinery/features/index.js';
import { FakeClock } from '../util/clock.js';
import { ComponentServer, startComponentServer, type ComponentInfo, type RunningServer } from './index.js';

const START = Date.UTC(2025, 11, 17, 10, 0, 0);

function makeInfo(gates: string | undefined, extra: Partial<ComponentInfo> = {}): ComponentInfo {
  return {
    name: 'kube-apiserver',
    startTime: START,
    binaryVersion: '1.35.0',
    emulationVersion: '1.35',
    flags: { 'secure-port': '6443', 'service-account-key-file': '/etc/sa.key', 'token-auth-file': '/etc/tokens.csv', v: '2' },
    confidentialFlags: ['token-auth-file'],
    gates: FeatureGates.parse(gates),
    paths: () => ['/api', '/apis', '/apis/apps/v1', '/openapi/v2', '/version', '/.well-known/openid-configuration'],
    runtimeVersion: 'v20.0.0',
    ...extra,
  };
}

describe('ComponentServer over HTTP', () => {
  const clock = new FakeClock(START);
  const server = new ComponentServer(makeInfo('ComponentStatusz=true,ComponentFlagz=true'), { clock, random: () => 0 });
  let healthy = true;
  server.addHealthCheck('all', { name: 'etcd', check: () => { if (!healthy) throw new Error('etcd down'); } });
  server.addHealthCheck('readyz', { name: 'informer-sync', check: async () => {} });
  const requests = new Counter({ name: 'test_requests_total', help: 'test counter', registers: [server.metrics] });
  let running: RunningServer;
  let base: string;

  before(async () => {
    running = await startComponentServer(server, { port: 0 });
    base = `http://127.0.0.1:${running.port}`;
    clock.advance('1h2m3s');
  });
  after(() => running.close());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const r = await fetch(base + path, { headers });
    return { status: r.status, type: r.headers.get('content-type'), body: await r.text(), headers: r.headers };
  };

  describe('health endpoints', () => {
    const cases: Array<{ path: string; status: number; body: string; failing?: boolean }> = [
      { path: '/healthz', status: 200, body: 'ok' },
      { path: '/livez', status: 200, body: 'ok' },
      { path: '/readyz', status: 200, body: 'ok' },
      { path: '/livez?verbose', status: 200, body: '[+]ping ok\n[+]log ok\n[+]etcd ok\nlivez check passed\n' },
      { path: '/readyz?verbose=1', status: 200, body: '[+]ping ok\n[+]log ok\n[+]etcd ok\n[+]informer-sync ok\nreadyz check passed\n' },
      { path: '/healthz/ping', status: 200, body: 'ok' },
      { path: '/readyz/informer-sync', status: 200, body: 'ok' },
      { path: '/healthz', status: 500, body: '[+]ping ok\n[+]log ok\n[-]etcd failed: reason withheld\nhealthz check failed\n', failing: true },
      { path: '/readyz/etcd', status: 500, body: 'internal server error: etcd down\n', failing: true },
      { path: '/healthz?exclude=etcd&verbose', status: 200, body: '[+]ping ok\n[+]log ok\n[+]etcd excluded: ok\nhealthz check passed\n', failing: true },
      {
        path: '/livez?exclude=nope&exclude=etcd&verbose',
        status: 200,
        body: '[+]ping ok\n[+]log ok\n[+]etcd excluded: ok\nwarn: some health checks cannot be excluded: no matches for "nope"\nlivez check passed\n',
        failing: true,
      },
      { path: '/livez/informer-sync', status: 404, body: '404 page not found\n' },
    ];
    for (const tc of cases) {
      it(`${tc.path}${tc.failing ? ' (etcd failing)' : ''} -> ${tc.status}`, async () => {
        healthy = !tc.failing;
        try {
          const r = await get(tc.path);
          assert.equal(r.status, tc.status);
          assert.equal(r.body, tc.body);
          assert.equal(r.type, 'text/plain; charset=utf-8');
        } finally {
          healthy = true;
        }
      });
    }
  });

  describe('/metrics', () => {
    it('serves process, build, feature and component metrics in Prometheus text format', async () => {
      requests.inc(3);
      const r = await get('/metrics');
      assert.equal(r.status, 200);
      assert.match(r.type ?? '', /^text\/plain; version=0\.0\.4/);
      assert.match(r.body, /^process_cpu_seconds_total \d/m);
      assert.match(r.body, /^test_requests_total 3$/m);
      assert.match(r.body, /^kubernetes_feature_enabled\{name="GangScheduling",stage="ALPHA"\} 0$/m);
      assert.match(r.body, /^kubernetes_feature_enabled\{name="ComponentStatusz",stage="ALPHA"\} 1$/m);
      assert.match(r.body, /^kubernetes_feature_enabled\{name="JobManagedBy",stage=""\} 1$/m);
      assert.match(r.body, /^kubernetes_build_info\{.*git_version="v1\.35\.0".*major="1",minor="35".*\} 1$/m);
    });

    it('serves health check SLIs at /metrics/slis', async () => {
      await get('/readyz');
      const r = await get('/metrics/slis');
      assert.match(r.body, /^kubernetes_healthcheck\{name="informer-sync",type="readyz"\} 1$/m);
      assert.match(r.body, /^kubernetes_healthchecks_total\{name="etcd",type="readyz",status="success"\} \d+$/m);
    });
  });

  describe('/statusz negotiation', () => {
    const json = 'application/json;v=v1alpha1;g=config.k8s.io;as=Statusz';
    const cases: Array<{ accept?: string; status: number; format?: 'text' | 'json' | 'yaml' }> = [
      { status: 200, format: 'text' },
      { accept: '   ', status: 200, format: 'text' },
      { accept: 'text/plain', status: 200, format: 'text' },
      { accept: json, status: 200, format: 'json' },
      { accept: 'application/xml', status: 406 },
      { accept: 'application/json', status: 406 },
      { accept: 'application/json;v=v1alpha1;g=config.k8s.io', status: 406 },
      { accept: 'application/json;v=v1alpha1;g=config.k8s.io;as=Flagz', status: 406 },
      { accept: 'text/plain;g=config.k8s.io;v=v1alpha1;as=Statusz', status: 406 },
      { accept: 'application/vnd.kubernetes.protobuf;g=config.k8s.io;v=v1alpha1;as=Statusz', status: 406 },
      { accept: '*/*', status: 200, format: 'text' },
      { accept: 'text/*', status: 200, format: 'text' },
      { accept: 'application/json;v=foo;g=config.k8s.io;as=Statusz, */*', status: 200, format: 'text' },
      { accept: `text/plain;q=0.5, ${json}`, status: 200, format: 'json' },
      { accept: 'application/yaml;g=config.k8s.io;v=v1alpha1;as=Statusz', status: 200, format: 'yaml' },
      { accept: 'application/*;g=config.k8s.io;v=v1alpha1;as=Statusz', status: 200, format: 'json' },
    ];
    for (const tc of cases) {
      it(`Accept ${JSON.stringify(tc.accept ?? null)} -> ${tc.status} ${tc.format ?? ''}`, async () => {
        const r = await get('/statusz', tc.accept === undefined ? {} : { Accept: tc.accept });
        assert.equal(r.status, tc.status);
        if (tc.status === 406) {
          assert.equal(r.type, 'application/json');
          const st = JSON.parse(r.body);
          assert.equal(st.kind, 'Status');
          assert.equal(st.reason, 'NotAcceptable');
          assert.equal(st.code, 406);
          assert.match(st.message, /^only the following media types are accepted: application\/json, /);
          return;
        }
        if (tc.format === 'text') {
          assert.equal(r.type, 'text/plain; charset=utf-8');
          assert.match(r.body, /^\nkube-apiserver statusz\n/);
          return;
        }
        assert.equal(r.type, tc.format === 'json' ? 'application/json' : 'application/yaml');
        const obj = tc.format === 'json' ? JSON.parse(r.body) : parseYaml(r.body);
        assert.equal(obj.kind, 'Statusz');
        assert.equal(obj.apiVersion, 'config.k8s.io/v1alpha1');
      });
    }

    it('renders the structured body with upstream field names', async () => {
      const r = await get('/statusz', { Accept: json });
      assert.deepEqual(JSON.parse(r.body), {
        kind: 'Statusz',
        apiVersion: 'config.k8s.io/v1alpha1',
        metadata: { name: 'kube-apiserver' },
        startTime: '2025-12-17T10:00:00Z',
        uptimeSeconds: 3723,
        goVersion: 'v20.0.0',
        binaryVersion: '1.35.0',
        emulationVersion: '1.35',
        paths: ['/flagz', '/healthz', '/livez', '/metrics', '/readyz', '/statusz', '/version'],
      });
    });

    it('renders the plain-text page with header lines and the per-process delimiter', async () => {
      const r = await get('/statusz');
      assert.equal(
        r.body,
        [
          '',
          'kube-apiserver statusz',
          'Warning: This endpoint is not meant to be machine parseable, has no formatting compatibility guarantees and is for debugging purposes only.',
          '',
          'Started: Wed Dec 17 10:00:00 UTC 2025',
          'Up: 1 hr 02 min 03 sec',
          'Go version: v20.0.0',
          'Binary version: 1.35.0',
          'Emulation version: 1.35',
          'Paths: /flagz /healthz /livez /metrics /readyz /statusz /version',
          '',
        ].join('\n'),
      );
    });
  });

  describe('/flagz', () => {
    it('redacts confidential flags in JSON', async () => {
      const r = await get('/flagz', { Accept: 'application/json;g=config.k8s.io;v=v1alpha1;as=Flagz' });
      assert.equal(r.status, 200);
      assert.deepEqual(JSON.parse(r.body), {
        kind: 'Flagz',
        apiVersion: 'config.k8s.io/v1alpha1',
        metadata: { name: 'kube-apiserver' },
        flags: { 'secure-port': '6443', 'service-account-key-file': '/etc/sa.key', 'token-auth-file': 'CLASSIFIED', v: '2' },
      });
    });

    it('renders sorted, redacted text and caches it', async () => {
      const want =
        '\nkube-apiserver flagz\nWarning: This endpoint is not meant to be machine parseable, has no formatting compatibility guarantees and is for debugging purposes only.\n\n' +
        'secure-port:6443\nservice-account-key-file:/etc/sa.key\ntoken-auth-file:CLASSIFIED\nv:2\n';
      const first = await get('/flagz', { Accept: 'text/plain' });
      assert.equal(first.body, want);
      server.info.flags['late-flag'] = 'x';
      try {
        assert.equal((await get('/flagz')).body, want);
      } finally {
        delete server.info.flags['late-flag'];
      }
    });

    it('answers 406 for a Statusz request', async () => {
      const r = await get('/flagz', { Accept: 'application/json;g=config.k8s.io;v=v1alpha1;as=Statusz' });
      assert.equal(r.status, 406);
    });
  });
});

describe('z-page gates off', () => {
  let running: RunningServer;
  const server = new ComponentServer(makeInfo(undefined));
  before(async () => {
    running = await startComponentServer(server, { port: 0 });
  });
  after(() => running.close());

  for (const path of ['/statusz', '/flagz']) {
    it(`${path} is not served (404, handle returns false)`, async () => {
      const r = await fetch(`http://127.0.0.1:${running.port}${path}`);
      assert.equal(r.status, 404);
      assert.equal(await r.text(), '404 page not found\n');
    });
  }

  it('does not list the z-pages in paths()', () => {
    assert.ok(!server.paths().includes('/statusz'));
    assert.ok(server.paths().includes('/readyz/ping'));
  });
});
