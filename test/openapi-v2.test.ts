/**
 * GET /openapi/v2 through the API server: content negotiation and ETag caching as
 * kube-openapi's handler does them, and the wrong-shape bodies the served schemas
 * describe being refused the way upstream's decoder words it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import { ADMIN_USER } from '../src/cluster/in-process-transport.js';
import { StatusError } from '../src/machinery/errors.js';

const PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

describe('OpenAPI v2 endpoint', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ storage: 'memory', http: false });
  });
  after(async () => {
    await cluster.stop();
  });

  const get = (headers: Record<string, string>) =>
    cluster.api.handle({ method: 'GET', path: '/openapi/v2', query: new URLSearchParams({ timeout: '32s' }), headers, user: ADMIN_USER }) as Promise<{
      status: number;
      headers?: Record<string, string>;
      text?: string | Uint8Array;
      body?: { reason?: string };
    }>;

  const cases: { name: string; accept?: string; status: number; type?: string }[] = [
    { name: 'kubectl 1.27 asks for the deprecated protobuf name', accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf', status: 200, type: PROTOBUF },
    { name: 'the current protobuf name', accept: PROTOBUF, status: 200, type: PROTOBUF },
    { name: 'JSON', accept: 'application/json', status: 200, type: 'application/json' },
    { name: 'no Accept means */*, which is JSON', status: 200, type: 'application/json' },
    { name: 'the preferred clause wins', accept: 'application/json;q=0.5, application/com.github.proto-openapi.spec.v2@v1.0+protobuf', status: 200, type: PROTOBUF },
    { name: 'application/* is JSON', accept: 'application/*', status: 200, type: 'application/json' },
    { name: 'nothing acceptable', accept: 'text/html', status: 406 },
  ];
  for (const tc of cases) {
    it(tc.name, async () => {
      const r = await get(tc.accept ? { accept: tc.accept } : {});
      assert.equal(r.status, tc.status);
      if (tc.status !== 200) {
        assert.equal(r.body?.reason, 'NotAcceptable');
        return;
      }
      assert.equal(r.headers?.['content-type'], tc.type);
      assert.equal(r.headers?.vary, 'Accept');
      if (tc.type === PROTOBUF) {
        assert.ok(r.text instanceof Uint8Array);
        // Document.swagger (field 1) = "2.0" comes first.
        assert.deepEqual([...r.text.subarray(0, 5)], [0x0a, 3, 0x32, 0x2e, 0x30]);
      } else {
        assert.equal(JSON.parse(r.text as string).swagger, '2.0');
      }
    });
  }

  it('both forms carry the JSON hash as ETag and answer If-None-Match with 304', async () => {
    const json = await get({ accept: 'application/json' });
    const pb = await get({ accept: PROTOBUF });
    const etag = json.headers!.etag!;
    assert.match(etag, /^"[0-9A-F]{128}"$/);
    assert.equal(pb.headers!.etag, etag);
    const cached = await get({ accept: PROTOBUF, 'if-none-match': etag });
    assert.equal(cached.status, 304);
    assert.equal(cached.text, '');
    assert.equal((await get({ accept: PROTOBUF, 'if-none-match': '"other"' })).status, 200);
  });

  it('v3 documents answer If-None-Match with 304 too', async () => {
    const index = (await cluster.api.handle({ method: 'GET', path: '/openapi/v3', query: new URLSearchParams(), headers: {}, user: ADMIN_USER })) as { body: { paths: Record<string, { serverRelativeURL: string }> } };
    const url = new URL(index.body.paths['api/v1']!.serverRelativeURL, 'https://x');
    const first = (await cluster.api.handle({ method: 'GET', path: url.pathname, query: url.searchParams, headers: {}, user: ADMIN_USER })) as { status: number; headers: Record<string, string> };
    assert.equal(first.status, 200);
    const again = await cluster.api.handle({ method: 'GET', path: url.pathname, query: url.searchParams, headers: { 'if-none-match': first.headers.etag! }, user: ADMIN_USER });
    assert.equal(again.status, 304);
  });
});

describe('bodies of the wrong shape', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ storage: 'memory', http: false });
  });
  after(async () => {
    await cluster.stop();
  });

  const deployment = (spec: Record<string, unknown>) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd' },
    spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, ...spec },
  });
  const deploys = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' };

  async function refused(p: Promise<unknown>): Promise<StatusError> {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof StatusError, String(e));
      return e;
    }
    assert.fail('expected an error');
  }

  const cases: { name: string; spec: Record<string, unknown>; message: string }[] = [
    { name: 'a string for an int32', spec: { replicas: 'three' }, message: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32' },
    { name: 'a fraction for an int32', spec: { replicas: 1.5 }, message: 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32' },
    { name: 'an object for a list', spec: { template: { spec: { containers: {} } } }, message: 'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container' },
    { name: 'a number in a list of structs, named without the index', spec: { template: { spec: { containers: [{ name: 'c', image: 7 }] } } }, message: 'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string' },
    { name: 'a string for a struct', spec: { strategy: 'Recreate' }, message: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.strategy of type v1.DeploymentStrategy' },
    { name: 'a map value, named by the map field', spec: { template: { metadata: { labels: { a: true } } } }, message: 'json: cannot unmarshal bool into Go struct field ObjectMeta.spec.template.metadata.labels of type string' },
  ];
  for (const tc of cases) {
    it(`create refuses ${tc.name}`, async () => {
      const e = await refused(cluster.client.create(deploys, deployment(tc.spec)));
      assert.equal(e.code, 400);
      assert.equal(e.message, `Deployment in version "v1" cannot be handled as a Deployment: ${tc.message}`);
    });
  }

  it('nulls, unknown fields and IntOrString values pass the decoder', async () => {
    const d = deployment({ replicas: null, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } } });
    await cluster.client.create(deploys, d);
    await cluster.client.delete(deploys, 'd');
  });

  it('a merge patch that makes the object the wrong shape is invalid, not a crash', async () => {
    await cluster.client.create(deploys, deployment({}));
    const e = await refused(cluster.client.patch(deploys, 'd', 'merge', { spec: { replicas: 'many' } }));
    assert.equal(e.code, 422);
    assert.match(e.message, /patch: Invalid value: .*json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32/);
  });
});
