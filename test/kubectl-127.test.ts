/**
 * kubectl 1.27 against k8ts: aggregated discovery v2beta1 and the basic verbs.
 *
 * kubectl 1.27 validates `create -f` / `apply` with OpenAPI v2 (protobuf, /openapi/v2 then
 * /swagger-2.0.0.pb-v1). k8ts serves only OpenAPI v3, so those commands need
 * `--validate=false`; without it kubectl stops with `Error from server (NotFound)`.
 * Skipped when kubectl.1.27 is not installed beside kubectl.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import { kubectl as run } from './helpers/kubectl.js';

function findKubectl127(): string | undefined {
  if (process.env.KUBECTL_127) return process.env.KUBECTL_127;
  try {
    const p = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
    if (!p) return undefined;
    const bin = join(dirname(realpathSync(p)), 'kubectl.1.27');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const bin = findKubectl127();

describe('kubectl 1.27 against k8ts', { skip: bin ? false : 'kubectl.1.27 not installed' }, () => {
  let cluster: Cluster;
  let dir: string;
  const k = (args: string[]) => run(bin!, cluster.kubeconfig.path, join(dir, 'cache'), args);
  const ok = async (args: string[]) => {
    const r = await k(args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
    return r.stdout;
  };
  const manifest = async (name: string, text: string) => {
    const p = join(dir, name);
    await writeFile(p, text);
    return p;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'k8ts-kubectl127-'));
    cluster = await startCluster({ storage: 'memory' });
  });
  after(async () => {
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('is kubectl 1.27', async () => {
    const v = JSON.parse(await ok(['version', '-o', 'json'])) as { clientVersion: { gitVersion: string }; serverVersion: { gitVersion: string } };
    assert.match(v.clientVersion.gitVersion, /^v1\.27\./);
    assert.match(v.serverVersion.gitVersion, /^v1\.35\./);
  });

  it('discovers everything from /api and /apis with aggregated v2beta1', async () => {
    const r = await k(['api-resources', '-v=6']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^pods\s+po\s+v1\s+true\s+Pod$/m);
    assert.match(r.stdout, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    const gets = [...r.stderr.matchAll(/GET https:\/\/[^/]+(\/\S*)/g)].map((m) => m[1]!.replace(/\?.*/, ''));
    // One round trip per root: no per-group-version (legacy) requests.
    assert.deepEqual(gets.sort(), ['/api', '/apis']);
  });

  it('get prints server-side tables', async () => {
    const out = await ok(['get', 'ns']);
    assert.match(out, /^NAME\s+STATUS\s+AGE$/m);
    assert.match(out, /^kube-system\s+Active\s+\d+s$/m);
    assert.match(await ok(['get', 'cm', '-A']), /^kube-public\s+kube-root-ca\.crt\s+1\s+\d+s$/m);
  });

  it('create -f needs --validate=false (no OpenAPI v2), then creates', async () => {
    const f = await manifest('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: old\n  labels:\n    app: old\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
    const refused = await k(['create', '-f', f]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /NotFound/);
    assert.equal(await ok(['create', '-f', f, '--validate=false']), 'pod/old created\n');
    const table = await ok(['get', 'pods', '-o', 'wide']);
    assert.match(table, /^old\s+0\/1\s+Pending\s+0\s+\d+s\s+<none>\s+<none>\s+<none>\s+<none>$/m);
    assert.equal(await ok(['get', 'pod', 'old', '-o', 'jsonpath={.metadata.labels.app}']), 'old');
  });

  it('create <generator> sends JSON bodies and works', async () => {
    assert.equal(await ok(['create', 'configmap', 'cm127', '--from-literal=a=b']), 'configmap/cm127 created\n');
    assert.equal(await ok(['create', 'namespace', 'ns127']), 'namespace/ns127 created\n');
    assert.equal(await ok(['get', 'cm', 'cm127', '-o', 'jsonpath={.data.a}']), 'b');
  });

  it('label adds, overwrites and removes', async () => {
    assert.equal(await ok(['label', 'pod', 'old', 'tier=web']), 'pod/old labeled\n');
    assert.equal(await ok(['label', 'pod', 'old', 'tier=db', '--overwrite']), 'pod/old labeled\n');
    assert.match(await ok(['get', 'pods', '--show-labels']), /^old\s.*\sapp=old,tier=db$/m);
    assert.equal(await ok(['label', 'pod', 'old', 'tier-']), 'pod/old unlabeled\n');
    assert.match(await ok(['get', 'pods', '-l', 'app=old', '--show-labels']), /\sapp=old$/m);
  });

  it('apply --validate=false creates and configures', async () => {
    const f = await manifest('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  m: a\n');
    assert.equal(await ok(['apply', '-f', f, '--validate=false']), 'configmap/applied created\n');
    await writeFile(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  m: b\n');
    assert.equal(await ok(['apply', '-f', f, '--validate=false']), 'configmap/applied configured\n');
    assert.equal(await ok(['get', 'cm', 'applied', '-o', 'jsonpath={.data.m}']), 'b');
  });

  it('delete by name, by label and waits for the namespace', async () => {
    assert.equal(await ok(['delete', 'pod', 'old']), 'pod "old" deleted\n');
    assert.equal(await ok(['delete', 'cm', '-l', 'nothing=here']), 'No resources found\n');
    assert.equal(await ok(['delete', 'cm', 'cm127', 'applied']), 'configmap "cm127" deleted\nconfigmap "applied" deleted\n');
    assert.equal(await ok(['delete', 'ns', 'ns127']), 'namespace "ns127" deleted\n');
    const gone = await k(['get', 'pod', 'old']);
    assert.match(gone.stderr, /Error from server \(NotFound\): pods "old" not found/);
  });
});
