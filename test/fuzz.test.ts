import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { ADMIN_USER } from '../src/cluster/in-process-transport.js';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';

/** A small deterministic PRNG, so a failing case can be replayed from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SEEDS = [
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","labels":{"x":"y"}},"data":{"k":"v"}}',
  '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i","ports":[{"containerPort":80}]}],"tolerations":[{"key":"k","operator":"Gt","value":"5"}]}}',
  '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":1,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}',
  '[{"op":"add","path":"/metadata/labels/x","value":"y"},{"op":"remove","path":"/spec"}]',
  '{"metadata":{"labels":{"$patch":"replace"},"finalizers":null},"spec":{"$setElementOrder/containers":[{"name":"c"}]}}',
];
const ALPHABET = '{}[]":,0123456789-.eEtrufalsn \\/abc$_\u0000\u00ff\ud83d';
const TARGETS: Array<[string, string, string | undefined]> = [
  ['POST', '/api/v1/namespaces/default/configmaps', 'application/json'],
  ['POST', '/api/v1/namespaces/default/pods', 'application/json'],
  ['POST', '/apis/apps/v1/namespaces/default/deployments', 'application/yaml'],
  ['PUT', '/api/v1/namespaces/default/configmaps/base', 'application/json'],
  ['PATCH', '/api/v1/namespaces/default/configmaps/base', 'application/merge-patch+json'],
  ['PATCH', '/api/v1/namespaces/default/configmaps/base', 'application/json-patch+json'],
  ['PATCH', '/api/v1/namespaces/default/configmaps/base', 'application/strategic-merge-patch+json'],
  ['PATCH', '/api/v1/namespaces/default/configmaps/base', 'application/apply-patch+yaml'],
  ['POST', '/api/v1/namespaces/default/pods/base/binding', 'application/json'],
  ['DELETE', '/api/v1/namespaces/default/configmaps/none', 'application/json'],
  ['POST', '/api/v1/namespaces/default/configmaps', 'application/vnd.kubernetes.protobuf'],
];

function mutate(r: () => number, s: string): string {
  const chars = [...s];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (chars.length + 1));
    const op = r();
    if (op < 0.4) chars.splice(at, 1);
    else if (op < 0.8) chars.splice(at, 0, ALPHABET[Math.floor(r() * ALPHABET.length)]!);
    else chars.splice(at, Math.floor(r() * 10));
  }
  return chars.join('');
}

let cluster: Cluster;
before(async () => {
  cluster = await startCluster({ storage: 'memory', http: false });
  await cluster.client.create({ version: 'v1', resource: 'configmaps', namespace: 'default' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'base' } });
});
after(async () => {
  await cluster.stop();
});

it('mutated request bodies get a Status below 500, never a crash', async () => {
  const r = rng(1234);
  for (let i = 0; i < 2500; i++) {
    const [method, path, contentType] = TARGETS[Math.floor(r() * TARGETS.length)]!;
    const body = Buffer.from(mutate(r, SEEDS[Math.floor(r() * SEEDS.length)]!));
    const res = await cluster.api.handle({ method, path, query: new URLSearchParams(), headers: { 'content-type': contentType, accept: 'application/json' }, body, user: ADMIN_USER });
    assert.ok(res.status < 500, `case ${i}: ${method} ${path} ${contentType} ${body.toString()} -> ${res.status} ${JSON.stringify((res as { body?: unknown }).body)}`);
    if (res.status >= 400) assert.equal(((res as { body: { kind: string } }).body).kind, 'Status');
  }
});
