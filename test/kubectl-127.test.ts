/**
 * kubectl 1.27 and 1.28 against k8ts: aggregated discovery v2beta1, the basic verbs, and
 * OpenAPI v2.
 *
 * Before `create -f` / `apply`, kubectl 1.27 and 1.28 download OpenAPI v2 as gnostic
 * protobuf (/openapi/v2, then /swagger-2.0.0.pb-v1 if that fails) and stop with
 * `Error from server (NotFound)` without it. Since the PATCH operations list the
 * fieldValidation parameter, kubectl then leaves validation to the server, which reports
 * unknown fields and wrong types as upstream's decoder does. `apply` takes patch
 * strategies and merge keys from the v2 definitions, and `explain
 * --output=plaintext-openapiv2` prints them with their upstream descriptions.
 * Skipped when kubectl.1.27 (kubectl.1.28) is not installed beside kubectl.
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

function findKubectlVersion(minor: string): string | undefined {
  const env = process.env[`KUBECTL_1${minor}`];
  if (env) return env;
  try {
    const p = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
    if (!p) return undefined;
    const bin = join(dirname(realpathSync(p)), `kubectl.1.${minor}`);
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * kubectlSuite starts a memory cluster and a temp dir for the enclosing describe, and
 * returns kubectl runners bound to them (k: any exit code; ok: must succeed).
 */
function kubectlSuite(binary: () => string, tag: string) {
  let cluster: Cluster;
  let dir: string;
  const k = (args: string[]) => run(binary(), cluster.kubeconfig.path, join(dir, 'cache'), args);
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
    dir = await mkdtemp(join(tmpdir(), `k8ts-${tag}-`));
    cluster = await startCluster({ storage: 'memory' });
  });
  after(async () => {
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
  });
  return { k, ok, manifest };
}

const bin = findKubectlVersion('27');

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: old\n  labels:\n    app: old\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
const UNKNOWN_FIELD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\nspec:\n  containers:\n  - name: c\n    image: nginx\n    imagee: nginx\n';
const WRONG_TYPE =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typed\nspec:\n  replicas: three\n  selector:\n    matchLabels: {app: typed}\n  template:\n    metadata:\n      labels: {app: typed}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n';
const deployment = (containers: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n${containers}`;
const TWO_CONTAINERS = deployment('      - name: a\n        image: nginx\n        env:\n        - {name: OLD, value: "1"}\n      - name: b\n        image: busybox\n');
const ONE_CONTAINER = deployment('      - name: a\n        image: nginx:2\n        env:\n        - {name: NEW, value: "2"}\n');

describe('kubectl 1.27 against k8ts', { skip: bin ? false : 'kubectl.1.27 not installed' }, () => {
  const { k, ok, manifest } = kubectlSuite(() => bin!, 'kubectl127');

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

  it('create -f downloads OpenAPI v2 as protobuf and creates', async () => {
    const r = await k(['create', '-f', await manifest('pod.yaml', POD), '-v=6']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'pod/old created\n');
    assert.match(r.stderr, /GET https:\/\/\S+\/openapi\/v2\?timeout=32s 200 OK/);
    assert.doesNotMatch(r.stderr, /swagger-2\.0\.0\.pb-v1/);
    const table = await ok(['get', 'pods', '-o', 'wide']);
    assert.match(table, /^old\s+0\/1\s+Pending\s+0\s+\d+s\s+<none>\s+<none>\s+<none>\s+<none>$/m);
    assert.equal(await ok(['get', 'pod', 'old', '-o', 'jsonpath={.metadata.labels.app}']), 'old');
  });

  it('create -f reports unknown fields and wrong types as the server decodes them', async () => {
    const typo = await manifest('typo.yaml', UNKNOWN_FIELD);
    const r1 = await k(['create', '-f', typo]);
    assert.notEqual(r1.code, 0);
    assert.equal(r1.stderr, `Error from server (BadRequest): error when creating "${typo}": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"\n`);
    const typed = await manifest('typed.yaml', WRONG_TYPE);
    const r2 = await k(['create', '-f', typed]);
    assert.notEqual(r2.code, 0);
    assert.equal(r2.stderr, `Error from server (BadRequest): error when creating "${typed}": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n`);
    assert.notEqual((await k(['get', 'pod', 'typo'])).code, 0);
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

  it('apply creates and configures with patch strategies from OpenAPI v2', async () => {
    const f = await manifest('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  m: a\n');
    assert.equal(await ok(['apply', '-f', f]), 'configmap/applied created\n');
    await writeFile(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  m: b\n');
    assert.equal(await ok(['apply', '-f', f]), 'configmap/applied configured\n');
    assert.equal(await ok(['get', 'cm', 'applied', '-o', 'jsonpath={.data.m}']), 'b');

    const d = await manifest('deploy.yaml', TWO_CONTAINERS);
    assert.equal(await ok(['apply', '-f', d]), 'deployment.apps/web created\n');
    await writeFile(d, ONE_CONTAINER);
    const r = await k(['apply', '-f', d, '-v=8']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/web configured\n');
    // Containers and env merge by name: the dropped ones are deleted by key, the rest kept in order.
    const body = /Request Body: (\{.*\})$/m.exec(r.stderr)?.[1];
    assert.ok(body, r.stderr.slice(0, 2000));
    const spec = (JSON.parse(body) as { spec: { template: { spec: Record<string, unknown> } } }).spec.template.spec;
    assert.deepEqual(spec['$setElementOrder/containers'], [{ name: 'a' }]);
    assert.deepEqual((spec.containers as unknown[])[1], { $patch: 'delete', name: 'b' });
    assert.equal(await ok(['get', 'deploy', 'web', '-o', 'jsonpath={range .spec.template.spec.containers[*]}{.name}={.image}:{.env[*].name} {end}']), 'a=nginx:2:NEW ');
    assert.equal(await ok(['delete', 'deploy', 'web']), 'deployment.apps "web" deleted\n');
  });

  it('explain --output=plaintext-openapiv2 prints upstream descriptions and required fields from v2', async () => {
    const out = await ok(['explain', 'deployment.spec', '--output=plaintext-openapiv2']);
    assert.match(out, /^RESOURCE: spec <Object>$/m);
    assert.match(out, /^ {5}DeploymentSpec is the specification of the desired behavior of the\n {5}Deployment\.$/m);
    assert.match(out, /^ {3}selector\t<Object> -required-$/m);
    assert.match(out, /^ {3}template\t<Object> -required-$/m);
    assert.match(out, /^ {3}replicas\t<integer>\n {5}Number of desired pods\. This is a pointer to distinguish between explicit\n {5}zero and not specified\. Defaults to 1\.$/m);
    assert.match(out, /^ {3}strategy\t<Object>$/m);
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

const bin128 = findKubectlVersion('28');

describe('kubectl 1.28 against k8ts: create -f and apply with OpenAPI v2', { skip: bin128 ? false : 'kubectl.1.28 not installed' }, () => {
  const { k, ok, manifest } = kubectlSuite(() => bin128!, 'kubectl128');

  it('creates, refuses bad manifests and applies', async () => {
    assert.match(JSON.parse(await ok(['version', '-o', 'json'])).clientVersion.gitVersion, /^v1\.28\./);
    assert.equal(await ok(['create', '-f', await manifest('pod.yaml', POD)]), 'pod/old created\n');
    const typo = await k(['create', '-f', await manifest('typo.yaml', UNKNOWN_FIELD)]);
    assert.match(typo.stderr, /Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec\.containers\[0\]\.imagee"/);
    const typed = await k(['apply', '-f', await manifest('typed.yaml', WRONG_TYPE)]);
    assert.match(typed.stderr, /json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32/);
    const d = await manifest('deploy.yaml', TWO_CONTAINERS);
    assert.equal(await ok(['apply', '-f', d]), 'deployment.apps/web created\n');
    await writeFile(d, ONE_CONTAINER);
    assert.equal(await ok(['apply', '-f', d]), 'deployment.apps/web configured\n');
    assert.equal(await ok(['get', 'deploy', 'web', '-o', 'jsonpath={range .spec.template.spec.containers[*]}{.name}={.image}:{.env[*].name} {end}']), 'a=nginx:2:NEW ');
  });
});
