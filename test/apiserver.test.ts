import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KubeObject } from '../src/api/meta.js';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import type { Client } from '../src/client/client.js';
import { isConflict, isNotFound, StatusError } from '../src/machinery/errors.js';

const pods = (ns = 'default') => ({ version: 'v1', resource: 'pods', namespace: ns });
const cms = (ns = 'default') => ({ version: 'v1', resource: 'configmaps', namespace: ns });
const nss = { version: 'v1', resource: 'namespaces' };
const deploys = (ns = 'default') => ({ group: 'apps', version: 'v1', resource: 'deployments', namespace: ns });

function pod(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra } };
}

async function expectStatus(p: Promise<unknown>, code: number, reason?: string): Promise<StatusError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof StatusError, `expected StatusError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (reason) assert.equal(e.reason, reason);
    return e;
  }
  assert.fail(`expected a ${code} error`);
}

async function raw(c: Cluster, path: string, init: { method?: string; body?: string | Uint8Array; contentType?: string; accept?: string } = {}) {
  const { HttpTransport } = await import('../src/client/http-transport.js');
  void HttpTransport;
  const https = await import('node:https');
  const kc = c.kubeconfig.object;
  const ca = Buffer.from(kc.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString();
  const cert = Buffer.from(kc.users[0]!.user['client-certificate-data'], 'base64').toString();
  const key = Buffer.from(kc.users[0]!.user['client-key-data'], 'base64').toString();
  const url = new URL(c.url + path);
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const req = https.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: init.method ?? 'GET', ca, cert, key, headers: { 'content-type': init.contentType ?? 'application/json', accept: init.accept ?? 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

for (const transport of ['in-process', 'https'] as const) {
  describe(`API server through the ${transport} transport`, () => {
    let cluster: Cluster;
    let client: Client;
    before(async () => {
      cluster = await startCluster({ storage: 'memory' });
      client = transport === 'https' ? cluster.httpClient() : cluster.client;
    });
    after(async () => {
      await cluster.stop();
    });

    it('has the system namespaces from the first start', async () => {
      const list = await client.list(nss);
      assert.deepEqual(list.items.map((n) => n.metadata?.name).sort(), ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    });

    it('creates with server-owned metadata, gets, and refuses duplicates', async () => {
      const created = await client.create(pods(), pod('a'));
      assert.match(created.metadata!.uid!, /^[0-9a-f-]{36}$/);
      assert.match(created.metadata!.creationTimestamp!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.ok(Number(created.metadata!.resourceVersion) > 0);
      const got = await client.get(pods(), 'a');
      assert.equal(got.metadata!.uid, created.metadata!.uid);
      const e = await expectStatus(client.create(pods(), pod('a')), 409, 'AlreadyExists');
      assert.equal(e.message, 'pods "a" already exists');
    });

    it('answers 404 NotFound with upstream message', async () => {
      const e = await expectStatus(client.get(pods(), 'missing'), 404, 'NotFound');
      assert.equal(e.message, 'pods "missing" not found');
      assert.deepEqual(e.status.details, { name: 'missing', kind: 'pods' });
    });

    it('fills generateName and bumps generation only on spec changes', async () => {
      const cm = await client.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' }, data: { a: '1' } });
      assert.match(cm.metadata!.name!, /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      const d = await client.create(deploys(), { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 1, selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
      assert.equal(d.metadata!.generation, 1);
      const labelled = await client.patch(deploys(), 'd', 'merge', { metadata: { labels: { x: 'y' } } });
      assert.equal(labelled.metadata!.generation, 1);
      const scaled = await client.patch(deploys(), 'd', 'merge', { spec: { replicas: 3 } });
      assert.equal(scaled.metadata!.generation, 2);
    });

    it('refuses an update with a stale resourceVersion (409 Conflict)', async () => {
      const cm = await client.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf' }, data: { a: '1' } });
      await client.update(cms(), { ...cm, data: { a: '2' } });
      const e = await expectStatus(client.update(cms(), { ...cm, data: { a: '3' } }), 409, 'Conflict');
      assert.ok(isConflict(e));
      assert.match(e.message, /the object has been modified; please apply your changes to the latest version and try again/);
    });

    it('lists with label and field selectors and pages with limit/continue', async () => {
      for (const n of ['l1', 'l2', 'l3']) await client.create(pods(), pod(n, n === 'l2' ? { nodeName: 'node-a' } : {}));
      const byLabel = await client.list(pods(), { labelSelector: 'app in (l1,l3)' });
      assert.deepEqual(byLabel.items.map((p) => p.metadata!.name), ['l1', 'l3']);
      const byField = await client.list(pods(), { fieldSelector: 'spec.nodeName=node-a' });
      assert.deepEqual(byField.items.map((p) => p.metadata!.name), ['l2']);
      const page1 = await client.list(pods(), { limit: 2 });
      assert.equal(page1.items.length, 2);
      assert.ok(page1.metadata.continue);
      const page2 = await client.list(pods(), { limit: 100, continue: page1.metadata.continue });
      const all = await client.list(pods());
      assert.deepEqual([...page1.items, ...page2.items].map((p) => p.metadata!.name), all.items.map((p) => p.metadata!.name));
      await expectStatus(client.list(pods(), { fieldSelector: 'spec.bogus=1' }), 400, 'BadRequest');
    });

    it('watches: history from a resourceVersion, then live ADDED/MODIFIED/DELETED', async () => {
      const start = await client.list(cms('default'));
      const w = await client.watch(cms('default'), { resourceVersion: start.metadata.resourceVersion });
      await client.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w1' } });
      await client.patch(cms(), 'w1', 'merge', { data: { k: 'v' } });
      await client.delete(cms(), 'w1');
      const seen: string[] = [];
      for await (const ev of w) {
        seen.push(`${ev.type}:${(ev.object as KubeObject).metadata?.name}`);
        if (seen.length === 3) break;
      }
      w.close();
      assert.deepEqual(seen, ['ADDED:w1', 'MODIFIED:w1', 'DELETED:w1']);
    });

    it('hands every watcher its own event objects', async () => {
      // The in-process transport passes frames through uncopied: that is only safe because
      // the server decodes each event separately for each watch.
      const start = await client.list(cms('default'));
      const a = await client.watch(cms('default'), { resourceVersion: start.metadata.resourceVersion });
      const b = await client.watch(cms('default'), { resourceVersion: start.metadata.resourceVersion });
      await client.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'own' }, data: { k: 'v' } });
      const first = async (w: typeof a) => (await w[Symbol.asyncIterator]().next()).value as { object: KubeObject & { data: Record<string, string> } };
      const ea = await first(a);
      ea.object.data.k = 'changed by watcher a';
      const eb = await first(b);
      a.close();
      b.close();
      assert.equal(eb.object.data.k, 'v');
      assert.notEqual(ea.object, eb.object);
    });

    it('serves watch-list: initial events, then a bookmark marking their end', async () => {
      await client.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wl' } });
      const w = await client.watch(cms(), { sendInitialEvents: true, allowWatchBookmarks: true, resourceVersionMatch: 'NotOlderThan' });
      const types: string[] = [];
      for await (const ev of w) {
        types.push(ev.type);
        if (ev.type === 'BOOKMARK') {
          assert.equal((ev.object as KubeObject).metadata?.annotations?.['k8s.io/initial-events-end'], 'true');
          break;
        }
      }
      w.close();
      assert.ok(types.slice(0, -1).every((t) => t === 'ADDED') && types.length > 1);
      const bad = await client.watch(cms(), { sendInitialEvents: true });
      const first = (await bad[Symbol.asyncIterator]().next()).value as { type: string; object: { code: number; reason: string } };
      bad.close();
      assert.equal(first.type, 'ERROR');
      assert.equal(first.object.code, 422);
    });

    it('refuses content in a missing namespace and deletes namespaces with their content', async () => {
      const e = await expectStatus(client.create(pods('nope'), pod('x')), 404, 'NotFound');
      assert.equal(e.message, 'namespaces "nope" not found');
      await client.create(nss, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
      await client.create(cms('gone'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
      await client.delete(nss, 'gone');
      await cluster.api.drain();
      await expectStatus(client.get(nss, 'gone'), 404);
      await expectStatus(client.get(cms('gone'), 'c'), 404);
      const f = await expectStatus(client.delete(nss, 'kube-system'), 403, 'Forbidden');
      assert.match(f.message, /this namespace may not be deleted/);
    });

    it('keeps objects with finalizers until the last finalizer goes', async () => {
      await client.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fin', finalizers: ['example.com/hold'] } });
      await client.delete(cms(), 'fin');
      const held = await client.get(cms(), 'fin');
      assert.ok(held.metadata!.deletionTimestamp);
      await client.patch(cms(), 'fin', 'merge', { metadata: { finalizers: null } });
      await expectStatus(client.get(cms(), 'fin'), 404);
    });

    it('gives bound pods a grace period and deletes unbound ones at once', async () => {
      await client.create(pods(), pod('bound', { nodeName: 'n1', terminationGracePeriodSeconds: 30 }));
      await client.delete(pods(), 'bound');
      const p = await client.get(pods(), 'bound');
      assert.equal(p.metadata!.deletionGracePeriodSeconds, 30);
      await client.delete(pods(), 'bound', { gracePeriodSeconds: 0 });
      await expectStatus(client.get(pods(), 'bound'), 404);
      await client.create(pods(), pod('free'));
      await client.delete(pods(), 'free');
      assert.ok(isNotFound(await client.get(pods(), 'free').catch((e: unknown) => e)));
    });

    it('does not store anything on dryRun=All', async () => {
      await client.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' } }, { dryRun: true });
      await expectStatus(client.get(cms(), 'dry'), 404);
    });

    it('issues service account tokens with upstream claims', async () => {
      const sas = { version: 'v1', resource: 'serviceaccounts', namespace: 'default' };
      const sa = await client.create(sas, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } });
      const tr = await client.post<{ status: { token: string; expirationTimestamp: string } }>(sas, 'robot', 'token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: ['api'], expirationSeconds: 600 } });
      const [, payload] = tr.status.token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sub: string; aud: string[]; exp: number; iat: number; 'kubernetes.io': { serviceaccount: { uid: string } } };
      assert.equal(claims.sub, 'system:serviceaccount:default:robot');
      assert.deepEqual(claims.aud, ['api']);
      assert.equal(claims.exp - claims.iat, 600);
      assert.equal(claims['kubernetes.io'].serviceaccount.uid, sa.metadata!.uid);
      await expectStatus(client.post(sas, 'robot', 'token', { spec: { expirationSeconds: 60 } }), 422, 'Invalid');
    });

    it('binds pods through pods/binding and scales through the scale subresource', async () => {
      await client.create(pods(), pod('tobind'));
      await client.post(pods(), 'tobind', 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'tobind' }, target: { kind: 'Node', name: 'n9' } });
      const bound = await client.get(pods(), 'tobind');
      assert.equal((bound.spec as { nodeName?: string }).nodeName, 'n9');
      const again = await expectStatus(client.post(pods(), 'tobind', 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'tobind' }, target: { name: 'n8' } }), 409);
      assert.match(again.message, /already assigned to node "n9"/);
      const scale = await client.get(deploys(), 'd', 'scale');
      assert.equal(scale.kind, 'Scale');
      const scaled = await client.patch(deploys(), 'd', 'merge', { spec: { replicas: 5 } }, { subresource: 'scale' });
      assert.equal((scaled.spec as { replicas: number }).replicas, 5);
    });
  });
}

describe('API server over HTTPS: bad input gets a Status, never a 500', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ storage: 'memory' });
  });
  after(async () => {
    await cluster.stop();
  });
  const cases: Array<{ name: string; method: string; path: string; body?: string | Uint8Array; contentType?: string; code: number; reason: string }> = [
    { name: 'malformed JSON', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: '{"kind":', code: 400, reason: 'BadRequest' },
    { name: 'malformed YAML', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: 'a: [b', contentType: 'application/yaml', code: 400, reason: 'BadRequest' },
    { name: 'unknown resource', method: 'GET', path: '/api/v1/namespaces/default/widgets', code: 404, reason: 'NotFound' },
    { name: 'unsupported media type', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: 'x', contentType: 'text/csv', code: 415, reason: 'UnsupportedMediaType' },
    { name: 'body over 3 MiB', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: '{"data":"' + 'x'.repeat(3 * 1024 * 1024 + 10) + '"}', code: 413, reason: 'RequestEntityTooLarge' },
    { name: 'JSON array as object', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: '[1,2]', code: 400, reason: 'BadRequest' },
    { name: 'bad patch type', method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/x', body: '{}', contentType: 'application/xml', code: 415, reason: 'UnsupportedMediaType' },
  ];
  for (const tc of cases) {
    it(tc.name, async () => {
      const r = await raw(cluster, tc.path, { method: tc.method, body: tc.body, contentType: tc.contentType });
      assert.equal(r.status, tc.code, r.text.slice(0, 300));
      const st = JSON.parse(r.text) as { kind: string; reason: string; code: number };
      assert.equal(st.kind, 'Status');
      assert.equal(st.reason, tc.reason);
      assert.equal(st.code, tc.code);
    });
  }

  it('answers 410 Expired as a watch ERROR event after compaction', async () => {
    const client = cluster.client;
    await client.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'old' } });
    await client.patch(cms(), 'old', 'merge', { data: { a: '1' } });
    const rev = await cluster.storage.currentRevision();
    await cluster.storage.compact(rev);
    const w = await client.watch(cms(), { resourceVersion: '1' });
    const first = (await w[Symbol.asyncIterator]().next()).value as { type: string; object: { code: number; reason: string } };
    w.close();
    assert.equal(first.type, 'ERROR');
    assert.equal(first.object.code, 410);
    assert.equal(first.object.reason, 'Expired');
  });

  it('refuses anonymous requests except health and version', async () => {
    const https = await import('node:https');
    const url = new URL(cluster.url);
    const get = (path: string) =>
      new Promise<number>((resolve, reject) => {
        https.get({ host: url.hostname, port: url.port, path, rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
    assert.equal(await get('/api/v1/pods'), 403);
    assert.equal(await get('/version'), 200);
  });
});

describe('events.k8s.io/v1 and core v1 events share one store', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ storage: 'memory' });
  });
  after(async () => {
    await cluster.stop();
  });

  it('reads an events.k8s.io event through core v1 with the fields mapped, and back', async () => {
    const ev = { group: 'events.k8s.io', version: 'v1', resource: 'events', namespace: 'default' };
    const core = { version: 'v1', resource: 'events', namespace: 'default' };
    await cluster.client.create(ev, {
      apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'e1' }, eventTime: '2026-01-01T00:00:00.000000Z', reportingController: 'default-scheduler', reportingInstance: 'k8ts',
      action: 'Binding', reason: 'Scheduled', type: 'Normal', note: 'Successfully assigned default/p to n1', regarding: { kind: 'Pod', namespace: 'default', name: 'p' },
    });
    const asCore = await cluster.client.get(core, 'e1');
    assert.equal(asCore.apiVersion, 'v1');
    assert.equal(asCore.message, 'Successfully assigned default/p to n1');
    assert.deepEqual(asCore.involvedObject, { kind: 'Pod', namespace: 'default', name: 'p' });
    assert.equal(asCore.reportingComponent, 'default-scheduler');
    const back = await cluster.client.get(ev, 'e1');
    assert.equal(back.apiVersion, 'events.k8s.io/v1');
    assert.equal(back.note, 'Successfully assigned default/p to n1');
    assert.equal(back.message, undefined);
    const listed = await cluster.client.list(core, { fieldSelector: 'involvedObject.name=p' });
    assert.equal(listed.items.length, 1);
  });
});

describe('pods/eviction respects PodDisruptionBudgets', () => {
  let cluster: Cluster;
  const pdbs = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespace: 'default' };
  before(async () => {
    cluster = await startCluster({ storage: 'memory' });
  });
  after(async () => {
    await cluster.stop();
  });

  it('answers 429 while the budget allows no disruption, and evicts when it does', async () => {
    const c = cluster.client;
    await c.create(pods(), pod('guarded'));
    const pdb = await c.create(pdbs, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'keep' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'guarded' } } } });
    const evict = () => c.post(pods(), 'guarded', 'eviction', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'guarded' } });
    const busy = await expectStatus(evict(), 429, 'TooManyRequests');
    assert.match(busy.message, /Cannot evict pod as it would violate the pod's disruption budget/);
    await c.patch(pdbs, 'keep', 'merge', { status: { observedGeneration: pdb.metadata!.generation, disruptionsAllowed: 1, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 } }, { subresource: 'status' });
    await evict();
    await expectStatus(c.get(pods(), 'guarded'), 404);
    const spent = await c.get(pdbs, 'keep');
    assert.equal((spent.status as { disruptionsAllowed: number }).disruptionsAllowed, 0);
  });
});
