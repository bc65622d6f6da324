import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import { findKubectl, kubectl as run } from './helpers/kubectl.js';

const bin = findKubectl();

describe('kubectl 1.33 against k8ts', { skip: bin ? false : 'kubectl not installed' }, () => {
  let cluster: Cluster;
  let dir: string;
  const k = (args: string[], opts?: Parameters<typeof run>[4]) => run(bin!, cluster.kubeconfig.path, join(dir, 'cache'), args, opts);
  const ok = async (args: string[], opts?: Parameters<typeof run>[4]) => {
    const r = await k(args, opts);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  const manifest = async (name: string, text: string) => {
    const p = join(dir, name);
    await writeFile(p, text);
    return p;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'k8ts-kubectl-'));
    cluster = await startCluster({ storage: 'sqlite', dataDir: join(dir, 'data'), featureGates: 'ComponentStatusz=true,ComponentFlagz=true' });
  });
  after(async () => {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('get --raw /readyz prints ok', async () => {
    assert.equal((await ok(['get', '--raw', '/readyz'])).trim(), 'ok');
  });

  it('version and api-resources use discovery', async () => {
    assert.match(await ok(['version']), /Server Version: v1\.35/);
    const res = await ok(['api-resources']);
    assert.match(res, /^pods\s+po\s+v1\s+true\s+Pod$/m);
    assert.match(res, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
  });

  it('get ns shows the system namespaces with upstream columns', async () => {
    const out = await ok(['get', 'ns']);
    assert.match(out, /^NAME\s+STATUS\s+AGE$/m);
    assert.match(out, /^kube-system\s+Active\s+\d+s$/m);
  });

  it('creates from a file, prints tables, yaml and wide output', async () => {
    const f = await manifest('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n');
    assert.match(await ok(['create', '-f', f]), /pod\/web created/);
    const table = await ok(['get', 'pods']);
    assert.match(table, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    assert.match(table, /^web\s+0\/1\s+Pending\s+0\s+\d+s$/m);
    assert.match(await ok(['get', 'pods', '-o', 'wide']), /NOMINATED NODE\s+READINESS GATES/);
    const yaml = await ok(['get', 'pod', 'web', '-o', 'yaml']);
    assert.match(yaml, /resourceVersion: "\d+"/);
    assert.match(yaml, /uid: [0-9a-f-]{36}/);
    assert.match(yaml, /dnsPolicy: ClusterFirst/);
    assert.match(await ok(['get', 'pods', '-A']), /^default\s+web\s/m);
    assert.match(await ok(['get', 'pods', '--show-labels']), /app=web/);
  });

  it('applies a manifest twice', async () => {
    const f = await manifest('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: a\n');
    assert.match(await ok(['apply', '-f', f]), /configmap\/settings created/);
    await writeFile(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: b\n');
    assert.match(await ok(['apply', '-f', f]), /configmap\/settings configured/);
    assert.equal(await ok(['get', 'cm', 'settings', '-o', 'jsonpath={.data.mode}']), 'b');
    assert.match(await ok(['apply', '-f', f]), /configmap\/settings unchanged/);
  });

  it('labels, annotates and patches with all three patch types', async () => {
    await ok(['label', 'pod', 'web', 'tier=frontend']);
    await ok(['annotate', 'pod', 'web', 'owner=team-a']);
    await ok(['patch', 'pod', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"merged":"yes"}}}']);
    await ok(['patch', 'pod', 'web', '--type=json', '-p', '[{"op":"add","path":"/metadata/labels/json","value":"yes"}]']);
    await ok(['patch', 'pod', 'web', '--type=strategic', '-p', '{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}']);
    const out = await ok(['get', 'pod', 'web', '-o', 'jsonpath={.metadata.labels.tier},{.metadata.annotations.owner},{.metadata.labels.merged},{.metadata.labels.json},{.spec.containers[0].image}']);
    assert.equal(out, 'frontend,team-a,yes,yes,nginx:1.28');
  });

  it('watches with get -w and sees changes as they happen', async () => {
    const child = spawn(bin!, ['--kubeconfig', cluster.kubeconfig.path, '--cache-dir', join(dir, 'cache'), 'get', 'cm', '-w', '--output-watch-events']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const waitFor = async (re: RegExp) => {
        for (let i = 0; i < 200 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 50));
        assert.match(out, re);
      };
      await waitFor(/settings/);
      await ok(['create', 'configmap', 'watched', '--from-literal=a=b']);
      await waitFor(/ADDED\s+watched/);
      await ok(['delete', 'configmap', 'watched']);
      await waitFor(/DELETED\s+watched/);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('deletes and waits for the deletion', async () => {
    await ok(['create', 'configmap', 'doomed', '--from-literal=x=y']);
    const del = k(['delete', 'configmap', 'doomed', '--wait=false']);
    assert.equal((await del).code, 0);
    await ok(['wait', '--for=delete', 'configmap/doomed', '--timeout=20s']);
    assert.match((await k(['get', 'configmap', 'doomed'])).stderr, /NotFound/);
  });

  it('creates namespaces and deployments with protobuf bodies (kubectl create <generator>)', async () => {
    assert.match(await ok(['create', 'namespace', 'team-a']), /namespace\/team-a created/);
    assert.match(await ok(['create', 'deployment', 'api', '--image=nginx', '--replicas=2', '-n', 'team-a']), /deployment.apps\/api created/);
    const out = await ok(['get', 'deploy', '-n', 'team-a', '-o', 'wide']);
    assert.match(out, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/m);
    assert.match(out, /^api\s+0\/2\s+0\s+0\s+\d+s\s+nginx\s+nginx\s+app=api$/m);
  });

  it('refuses invalid objects with upstream field paths', async () => {
    const f = await manifest('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers: []\n');
    const r = await k(['create', '-f', f]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /The Pod "bad" is invalid: spec.containers: Required value/);
  });

  it('serves the z-pages', async () => {
    const statusz = await ok(['get', '--raw', '/statusz']);
    assert.match(statusz, /kube-apiserver statusz/);
  });
});
