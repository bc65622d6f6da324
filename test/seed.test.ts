import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import { findKubectl, kubectl as run } from './helpers/kubectl.js';

const bin = findKubectl();
const here = dirname(fileURLToPath(import.meta.url));
// Compiled tests run from dist/test; the fixture stays in test/fixtures.
const fixture = join(here, import.meta.url.endsWith('.js') ? '../../test' : '.', 'fixtures', 'seed.yaml');

const GATES = 'TaintTolerationComparisonOperators=true,GenericWorkload=true,NodeDeclaredFeatures=true,RestartAllContainersOnContainerExits=true';

/** Invalid variants from the spec's vectors: kubectl must print upstream's path and message. */
const INVALID: Array<{ name: string; yaml: string; want: RegExp[] }> = [
  {
    name: 'Gt toleration with a non-integer value',
    yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: bad-tol}\nspec:\n  tolerations: [{key: k, operator: Lt, value: abc, effect: NoSchedule}]\n  containers: [{name: c, image: i}]\n',
    want: [/spec\.tolerations\[0\]\.value: Invalid value: "abc"/],
  },
  {
    name: 'Gt toleration with leading zero',
    yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: bad-zero}\nspec:\n  tolerations: [{key: k, operator: Gt, value: "01", effect: NoSchedule}]\n  containers: [{name: c, image: i}]\n',
    want: [/spec\.tolerations\[0\]\.value: Invalid value: "01"/],
  },
  {
    name: 'Gt toleration with tolerationSeconds on NoSchedule',
    yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: bad-effect}\nspec:\n  tolerations: [{key: k, operator: Gt, value: "5", effect: NoSchedule, tolerationSeconds: 10}]\n  containers: [{name: c, image: i}]\n',
    want: [/spec\.tolerations\[0\]\.effect: Invalid value: "NoSchedule"/],
  },
  {
    name: 'Job managedBy without a domain prefix',
    yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: bad-managed}\nspec:\n  managedBy: custom\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: i}]\n',
    want: [/spec\.managedBy: Invalid value: "custom"/],
  },
  {
    name: 'Job managedBy longer than 63 characters',
    yaml: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: long-managed}\nspec:\n  managedBy: example.com/${'x'.repeat(60)}\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: i}]\n`,
    want: [/spec\.managedBy: Too long: may not be more than 63 bytes/],
  },
  {
    name: 'CSIDriver serviceAccountTokenInSecrets without tokenRequests',
    yaml: 'apiVersion: storage.k8s.io/v1\nkind: CSIDriver\nmetadata: {name: bad.csi.example.com}\nspec:\n  serviceAccountTokenInSecrets: true\n',
    want: [/spec\.serviceAccountTokenInSecrets/],
  },
  {
    name: 'restartPolicyRules on a container without restartPolicy',
    yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: bad-rules}\nspec:\n  containers:\n  - name: c\n    image: i\n    restartPolicyRules: [{action: Restart, exitCodes: {operator: In, values: [42]}}]\n',
    want: [/spec\.containers\[0\]\.restartPolicy/],
  },
  {
    name: 'Workload with minCount 0',
    yaml: 'apiVersion: scheduling.k8s.io/v1alpha1\nkind: Workload\nmetadata: {name: bad-w, namespace: some-ns}\nspec:\n  podGroups: [{name: g, policy: {gang: {minCount: 0}}}]\n',
    want: [/spec\.podGroups\[0\]\.policy\.gang\.minCount/],
  },
];

describe('the v1.35 seed manifests', { skip: bin ? false : 'kubectl not installed' }, () => {
  let cluster: Cluster;
  let dir: string;
  const k = (args: string[]) => run(bin!, cluster.kubeconfig.path, join(dir, 'cache'), args);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'k8ts-seed-'));
    cluster = await startCluster({ storage: 'memory', featureGates: GATES, runtimeConfig: 'scheduling.k8s.io/v1alpha1=true' });
  });
  after(async () => {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses the blog post's onExit wrapper as an unknown field, as kube-apiserver does", async () => {
    const f = join(dir, 'onexit.yaml');
    await writeFile(f, 'apiVersion: v1\nkind: Pod\nmetadata: {name: onexit}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: c\n    image: i\n    restartPolicy: Never\n    restartPolicyRules: [{action: Restart, onExit: {exitCodes: {operator: In, values: [42]}}}]\n');
    const r = await k(['apply', '-f', f]);
    assert.match(r.stderr, /strict decoding error: unknown field "spec\.containers\[0\]\.restartPolicyRules\[0\]\.onExit"/);
  });

  it('apply cleanly with the v1.35 gates on', async () => {
    const r = await k(['apply', '-f', fixture]);
    assert.equal(r.code, 0, r.stderr);
    for (const what of ['node/spot-node-1 created', 'pod/payment-processor created', 'workload.scheduling.k8s.io/training-job-workload created', 'pod/worker-0 created', 'pod/ml-worker-pod created', 'pod/strict-supplementalgroups-policy-example created', 'job.batch/dispatched created', 'csidriver.storage.k8s.io/example-csi-driver created']) {
      assert.ok(r.stdout.includes(what), `missing "${what}" in:\n${r.stdout}`);
    }
    const tol = await k(['get', 'pod', 'model-training', '-o', 'jsonpath={.spec.tolerations[0].operator} {.spec.tolerations[0].value}']);
    assert.equal(tol.stdout, 'Gt 800');
    const ref = await k(['get', 'pod', 'worker-0', '-n', 'some-ns', '-o', 'jsonpath={.spec.workloadRef.name}/{.spec.workloadRef.podGroup}']);
    assert.equal(ref.stdout, 'training-job-workload/workers');
    // No second apply of the Pods: DefaultTolerationSeconds adds tolerations, and a client-side
    // re-apply replaces the atomic list, which pod update validation refuses (as upstream).
  });

  for (const tc of INVALID) {
    it(`refuses ${tc.name}`, async () => {
      const f = join(dir, `${tc.name.replace(/\W+/g, '-')}.yaml`);
      await writeFile(f, tc.yaml);
      const r = await k(['apply', '-f', f]);
      assert.notEqual(r.code, 0, `accepted: ${r.stdout}`);
      assert.match(r.stderr, /is invalid/);
      for (const re of tc.want) assert.match(r.stderr, re);
    });
  }
});

describe('gated seed fields with the gates off', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ storage: 'memory' });
  });
  after(async () => {
    await cluster.stop();
  });

  it('refuses Gt/Lt tolerations as NotSupported', async () => {
    const e = await cluster.client
      .create({ version: 'v1', resource: 'pods', namespace: 'default' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'gt' }, spec: { tolerations: [{ key: 'k', operator: 'Gt', value: '5', effect: 'NoSchedule' }], containers: [{ name: 'c', image: 'i' }] } })
      .then(() => undefined, (x: unknown) => x as { code: number; message: string });
    assert.equal(e?.code, 422);
    assert.match(e!.message, /spec\.tolerations\[0\]\.operator: Unsupported value: "Gt": supported values: "Equal", "Exists"/);
  });

  it('does not serve the Workload API without runtime-config', async () => {
    const e = await cluster.client.list({ group: 'scheduling.k8s.io', version: 'v1alpha1', resource: 'workloads', namespace: 'default' }).then(() => undefined, (x: unknown) => x as { code: number });
    assert.equal(e?.code, 404);
  });
});
