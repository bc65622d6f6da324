/**
 * kubectl 1.33 through every command family of the wire spec (§3), with the printed output
 * checked. One cluster, commands in order; each `it` leaves the state the next one expects.
 *
 * Choices that follow from having no controllers and no kubelet yet:
 * - Pods bound through spec.nodeName get upstream's default 30 s grace period on delete,
 *   and nothing ever confirms termination. `drain` tests therefore pass `--grace-period=0`
 *   (a real DeleteOptions gracePeriodSeconds=0, which deletes at once, as upstream does for
 *   an explicit zero), and one test shows that the default grace makes drain time out cleanly.
 * - `rollout status` waits until something writes the Deployment status: it is shown timing
 *   out first, then the status is written through the status subresource and it completes.
 * - `wait --for=condition` / `--for=jsonpath` get their status the same way
 *   (`kubectl patch --subresource=status`).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import { findKubectl, kubectl as run } from './helpers/kubectl.js';

const bin = findKubectl();

const PODS = `apiVersion: v1
kind: Node
metadata:
  name: n1
  labels:
    kubernetes.io/hostname: n1
---
apiVersion: v1
kind: Pod
metadata:
  name: a
  labels: {app: x, tier: web}
spec:
  nodeName: n1
  containers: [{name: c, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata:
  name: b
  labels: {app: other}
spec:
  containers: [{name: c, image: busybox}]
---
apiVersion: v1
kind: Pod
metadata:
  name: c
  labels: {app: x}
spec:
  containers: [{name: c, image: redis}]
`;

const waitUntil = async (pred: () => boolean, ms = 10_000) => {
  for (let t = 0; t < ms && !pred(); t += 50) await new Promise((r) => setTimeout(r, 50));
};

describe('kubectl 1.33 command families', { skip: bin ? false : 'kubectl not installed' }, () => {
  let cluster: Cluster;
  let dir: string;
  const k = (args: string[], opts?: Parameters<typeof run>[4]) => run(bin!, cluster.kubeconfig.path, join(dir, 'cache'), args, opts);
  const ok = async (args: string[], opts?: Parameters<typeof run>[4]) => {
    const r = await k(args, opts);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
    return r.stdout;
  };
  const fails = async (args: string[], opts?: Parameters<typeof run>[4]) => {
    const r = await k(args, opts);
    assert.notEqual(r.code, 0, `kubectl ${args.join(' ')} should have failed: ${r.stdout}`);
    return r;
  };
  const manifest = async (name: string, text: string) => {
    const p = join(dir, name);
    await writeFile(p, text);
    return p;
  };
  const jp = (args: string[], path: string) => ok([...args, '-o', `jsonpath=${path}`]);
  /** rows returns the first cell of every data row of a table. */
  const names = (table: string) =>
    table
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(/\s+/)[0]);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'k8ts-kubectl-cmds-'));
    cluster = await startCluster({ storage: 'memory', dataDir: join(dir, 'data') });
  });
  after(async () => {
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  describe('discovery', () => {
    it('version prints the server version', async () => {
      const out = await ok(['version']);
      assert.match(out, /^Client Version: v1\.33\./m);
      assert.match(out, /^Server Version: v1\.35\.\d+/m);
      const json = JSON.parse(await ok(['version', '-o', 'json'])) as { serverVersion: { major: string; minor: string } };
      assert.deepEqual([json.serverVersion.major, json.serverVersion.minor], ['1', '35']);
    });

    it('api-resources lists names, short names, groups and scope', async () => {
      const out = await ok(['api-resources']);
      assert.match(out, /^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/m);
      assert.match(out, /^configmaps\s+cm\s+v1\s+true\s+ConfigMap$/m);
      assert.match(out, /^nodes\s+no\s+v1\s+false\s+Node$/m);
      assert.match(out, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
      assert.match(out, /^services\s+svc\s+v1\s+true\s+Service$/m);
      const cluster = await ok(['api-resources', '--namespaced=false', '-o', 'name']);
      const list = cluster.trim().split('\n');
      assert.ok(list.includes('nodes') && list.includes('namespaces') && list.includes('clusterroles.rbac.authorization.k8s.io'), list.join(','));
      assert.ok(!list.includes('pods') && !list.includes('configmaps'));
      const namespaced = (await ok(['api-resources', '--namespaced=true', '-o', 'name'])).trim().split('\n');
      assert.ok(namespaced.includes('pods') && namespaced.includes('deployments.apps') && !namespaced.includes('nodes'));
      assert.match(await ok(['api-resources', '--api-group=apps']), /^deployments\s+deploy\s+apps\/v1/m);
    });

    it('api-versions lists every served group-version', async () => {
      const out = (await ok(['api-versions'])).trim().split('\n');
      for (const gv of ['v1', 'apps/v1', 'batch/v1', 'rbac.authorization.k8s.io/v1', 'authorization.k8s.io/v1']) assert.ok(out.includes(gv), gv);
    });

    it('get --raw serves /api, /version and /openapi/v3', async () => {
      const api = JSON.parse(await ok(['get', '--raw', '/api'])) as { kind: string; versions: string[] };
      assert.equal(api.kind, 'APIVersions');
      assert.deepEqual(api.versions, ['v1']);
      const version = JSON.parse(await ok(['get', '--raw', '/version'])) as { gitVersion: string };
      assert.match(version.gitVersion, /^v1\.35\./);
      const oa = JSON.parse(await ok(['get', '--raw', '/openapi/v3'])) as { paths: Record<string, { serverRelativeURL: string }> };
      assert.match(oa.paths['api/v1']!.serverRelativeURL, /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]+$/);
      assert.ok(oa.paths['apis/apps/v1']);
      const v1 = JSON.parse(await ok(['get', '--raw', oa.paths['api/v1']!.serverRelativeURL])) as { openapi: string; components: { schemas: Record<string, unknown> } };
      assert.match(v1.openapi, /^3\./);
      assert.ok(v1.components.schemas['io.k8s.api.core.v1.Pod']);
      const apisV1 = JSON.parse(await ok(['get', '--raw', '/api/v1'])) as { resources: Array<{ name: string; kind: string; group?: string }> };
      assert.ok(apisV1.resources.some((r) => r.name === 'pods/eviction' && r.kind === 'Eviction' && r.group === 'policy'));
    });
  });

  describe('get', () => {
    before(async () => {
      const out = await ok(['create', '-f', await manifest('pods.yaml', PODS)]);
      assert.equal(out, 'node/n1 created\npod/a created\npod/b created\npod/c created\n');
    });

    it('prints tables with short names, -o wide and the node table', async () => {
      const t = await ok(['get', 'po']);
      assert.match(t, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
      assert.deepEqual(names(t), ['a', 'b', 'c']);
      assert.match(t, /^b\s+0\/1\s+Pending\s+0\s+\d+s$/m);
      const wide = await ok(['get', 'pods', '-o', 'wide']);
      assert.match(wide, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/m);
      assert.match(wide, /^a\s+0\/1\s+Pending\s+0\s+\d+s\s+<none>\s+n1\s+<none>\s+<none>$/m);
      const nodes = await ok(['get', 'no']);
      assert.match(nodes, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
      assert.match(nodes, /^n1\s+Unknown\s+<none>\s+\d+s\s*$/m);
      const nodesWide = await ok(['get', 'nodes', '-o', 'wide']);
      assert.match(nodesWide, /INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME/);
    });

    it('prints yaml, json, jsonpath and names', async () => {
      const yaml = await ok(['get', 'pod', 'a', '-o', 'yaml']);
      assert.match(yaml, /^apiVersion: v1\nkind: Pod\nmetadata:\n/);
      assert.match(yaml, /^  resourceVersion: "\d+"$/m);
      assert.match(yaml, /^  nodeName: n1$/m);
      const one = JSON.parse(await ok(['get', 'pod', 'a', '-o', 'json'])) as { kind: string; metadata: { uid: string; labels: Record<string, string> } };
      assert.equal(one.kind, 'Pod');
      assert.deepEqual(one.metadata.labels, { app: 'x', tier: 'web' });
      const list = JSON.parse(await ok(['get', 'pods', '-o', 'json'])) as { kind: string; items: Array<{ kind: string; metadata: { name: string } }> };
      assert.equal(list.kind, 'List');
      assert.deepEqual(list.items.map((i) => `${i.kind}/${i.metadata.name}`), ['Pod/a', 'Pod/b', 'Pod/c']);
      assert.equal(await jp(['get', 'pods'], '{range .items[*]}{.metadata.name}={.spec.containers[0].image};{end}'), 'a=nginx;b=busybox;c=redis;');
      assert.equal(await jp(['get', 'pod', 'a'], '{.metadata.uid}'), one.metadata.uid);
      assert.equal(await ok(['get', 'pods', '-o', 'name']), 'pod/a\npod/b\npod/c\n');
      assert.equal(await ok(['get', 'pods,nodes', '-o', 'name']), 'pod/a\npod/b\npod/c\nnode/n1\n');
    });

    it('-A adds the NAMESPACE column, --show-labels the LABELS column', async () => {
      const all = await ok(['get', 'pods', '-A']);
      assert.match(all, /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
      assert.match(all, /^default\s+a\s+0\/1\s+Pending/m);
      const cms = await ok(['get', 'cm', '-A']);
      for (const ns of ['default', 'kube-public', 'kube-system', 'kube-node-lease']) assert.match(cms, new RegExp(`^${ns}\\s+kube-root-ca\\.crt\\s+1\\s+\\d+s$`, 'm'));
      const labels = await ok(['get', 'pods', '--show-labels']);
      assert.match(labels, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+LABELS$/m);
      assert.match(labels, /^a\s.*\sapp=x,tier=web$/m);
      assert.match(labels, /^b\s.*\sapp=other$/m);
    });

    it('filters with -l and --field-selector', async () => {
      assert.deepEqual(names(await ok(['get', 'pods', '-l', 'app=x'])), ['a', 'c']);
      assert.deepEqual(names(await ok(['get', 'pods', '-l', 'app in (x,other),tier!=web'])), ['b', 'c']);
      assert.deepEqual(names(await ok(['get', 'pods', '-l', '!tier'])), ['b', 'c']);
      assert.deepEqual(names(await ok(['get', 'pods', '--field-selector', 'metadata.name=b'])), ['b']);
      assert.deepEqual(names(await ok(['get', 'pods', '--field-selector', 'spec.nodeName=n1'])), ['a']);
      assert.deepEqual(names(await ok(['get', 'pods', '--field-selector', 'status.phase=Pending,metadata.name!=a'])), ['b', 'c']);
      const none = await k(['get', 'pods', '-l', 'app=nothing']);
      assert.equal(none.code, 0);
      assert.equal(none.stdout, '');
      assert.match(none.stderr, /No resources found in default namespace\./);
      const bad = await fails(['get', 'pods', '--field-selector', 'spec.nope=1']);
      assert.match(bad.stderr, /field label not supported: spec\.nope/);
    });

    it('--sort-by sorts on the full objects (includeObject=Object)', async () => {
      assert.deepEqual(names(await ok(['get', 'pods', '--sort-by=.spec.containers[0].image'])), ['b', 'a', 'c']);
      assert.deepEqual(names(await ok(['get', 'pods', '--sort-by=.metadata.labels.app'])), ['b', 'a', 'c']);
    });

    it('--chunk-size=2 follows continue tokens and prints one table', async () => {
      const r = await k(['get', 'pods', '--chunk-size=2', '-v=6']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /pods\?limit=2"/);
      assert.match(r.stderr, /pods\?continue=[^&"]+&limit=2"/);
      assert.equal(r.stdout.match(/^NAME\s/gm)?.length, 1);
      assert.deepEqual(names(r.stdout), ['a', 'b', 'c']);
      const wide = await ok(['get', 'configmaps', '-A', '--chunk-size=2', '-o', 'name']);
      assert.equal(wide.trim().split('\n').length, 4);
    });

    it('-w prints changes as rows under the one header', async () => {
      const child = spawn(bin!, ['--kubeconfig', cluster.kubeconfig.path, '--cache-dir', join(dir, 'cache'), 'get', 'pods', '-w']);
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      try {
        await waitUntil(() => /^c\s/m.test(out));
        assert.deepEqual(names(out), ['a', 'b', 'c']);
        await ok(['label', 'pod', 'b', 'watched=yes']);
        await waitUntil(() => names(out).length >= 4);
        await ok(['patch', 'pod', 'c', '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Running"}}']);
        await waitUntil(() => /^c\s+0\/1\s+Running/m.test(out));
        assert.equal(out.match(/^NAME\s/gm)?.length, 1, out);
        assert.deepEqual(names(out), ['a', 'b', 'c', 'b', 'c']);
        assert.match(out, /^c\s+0\/1\s+Running\s+0\s+\d+s$/m);
      } finally {
        child.kill('SIGTERM');
      }
      await ok(['patch', 'pod', 'c', '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Pending"}}']);
    });

    it('-w on one object with --output-watch-events shows the deletion', async () => {
      await ok(['create', 'configmap', 'wcm', '--from-literal=a=1']);
      const child = spawn(bin!, ['--kubeconfig', cluster.kubeconfig.path, '--cache-dir', join(dir, 'cache'), 'get', 'cm', 'wcm', '-w', '--output-watch-events']);
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      try {
        await waitUntil(() => /wcm/.test(out));
        await ok(['delete', 'cm', 'wcm']);
        await waitUntil(() => /DELETED\s+wcm/.test(out));
        assert.match(out, /^EVENT\s+NAME\s+DATA\s+AGE$/m);
        assert.match(out, /^DELETED\s+wcm\s+1\s+\d+s$/m);
      } finally {
        child.kill('SIGTERM');
      }
    });
  });

  describe('describe', () => {
    it('describe pod prints the pod and an empty Events section', async () => {
      const out = await ok(['describe', 'pod', 'a']);
      assert.match(out, /^Name:\s+a$/m);
      assert.match(out, /^Namespace:\s+default$/m);
      assert.match(out, /^Node:\s+n1\/$/m);
      assert.match(out, /^Labels:\s+app=x\n\s+tier=web$/m);
      assert.match(out, /^Status:\s+Pending$/m);
      assert.match(out, /^Containers:\n {2}c:\n {4}Image:\s+nginx$/m);
      assert.match(out, /^QoS Class:\s+BestEffort$/m);
      assert.match(out, /^Events:\s+<none>$/m);
    });

    it('describe shows events found by involvedObject field selectors', async () => {
      const pod = await cluster.client.get({ version: 'v1', resource: 'pods', namespace: 'default' }, 'a');
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      await cluster.client.create(
        { version: 'v1', resource: 'events', namespace: 'default' },
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: 'a.1' },
          involvedObject: { kind: 'Pod', namespace: 'default', name: 'a', uid: pod.metadata!.uid, apiVersion: 'v1' },
          reason: 'Scheduled',
          message: 'Successfully assigned default/a to n1',
          type: 'Normal',
          source: { component: 'default-scheduler' },
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        },
      );
      const out = await ok(['describe', 'pod', 'a']);
      assert.match(out, /^Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/m);
      assert.match(out, /^\s+Normal\s+Scheduled\s+\d+s\s+default-scheduler\s+Successfully assigned default\/a to n1$/m);
      const ev = await ok(['get', 'events']);
      assert.match(ev, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/m);
      assert.match(ev, /^\d+s\s+Normal\s+Scheduled\s+pod\/a\s+Successfully assigned default\/a to n1$/m);
    });

    it('describe node lists taints, capacity and the non-terminated pods', async () => {
      const out = await ok(['describe', 'node', 'n1']);
      assert.match(out, /^Name:\s+n1$/m);
      assert.match(out, /^Labels:\s+kubernetes\.io\/hostname=n1$/m);
      assert.match(out, /^Taints:\s+<none>$/m);
      assert.match(out, /^Unschedulable:\s+false$/m);
      assert.match(out, /^Non-terminated Pods:\s+\(1 in total\)$/m);
      assert.match(out, /^\s+default\s+a\s+0 \(/m);
      assert.match(out, /^Events:\s+<none>$/m);
    });

    it('describe deployment prints the replicas and the pod template', async () => {
      assert.equal(await ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']), 'deployment.apps/web created\n');
      const out = await ok(['describe', 'deployment', 'web']);
      assert.match(out, /^Name:\s+web$/m);
      assert.match(out, /^Selector:\s+app=web$/m);
      assert.match(out, /^Replicas:\s+2 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable$/m);
      assert.match(out, /^StrategyType:\s+RollingUpdate$/m);
      assert.match(out, /^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m);
      assert.match(out, /^\s+Image:\s+nginx:1\.27$/m);
      assert.match(out, /^Events:\s+<none>$/m);
    });
  });

  describe('apply', () => {
    const cm = (mode: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  labels:\n    app: x\ndata:\n  mode: ${mode}\n`;

    it('client-side apply creates, configures and leaves unchanged', async () => {
      const f = await manifest('applied.yaml', cm('a'));
      assert.equal(await ok(['apply', '-f', f]), 'configmap/applied created\n');
      const last = JSON.parse(await jp(['get', 'cm', 'applied'], '{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}')) as { data: unknown };
      assert.deepEqual(last.data, { mode: 'a' });
      assert.equal(await ok(['apply', '-f', f]), 'configmap/applied unchanged\n');
      await writeFile(f, cm('b'));
      assert.equal(await ok(['apply', '-f', f]), 'configmap/applied configured\n');
      assert.equal(await jp(['get', 'cm', 'applied'], '{.data.mode}'), 'b');
    });

    it('apply --dry-run=server stores nothing', async () => {
      const f = await manifest('dry.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry\ndata:\n  a: "1"\n');
      assert.equal(await ok(['apply', '--dry-run=server', '-f', f]), 'configmap/dry created (server dry run)\n');
      assert.match((await k(['get', 'cm', 'dry'])).stderr, /NotFound.*"dry" not found/);
      const g = await manifest('applied-dry.yaml', cm('c'));
      assert.equal(await ok(['apply', '--dry-run=server', '-f', g]), 'configmap/applied configured (server dry run)\n');
      assert.equal(await jp(['get', 'cm', 'applied'], '{.data.mode}'), 'b');
    });

    it('apply --prune -l deletes labelled objects missing from the manifests', async () => {
      const two = `${cm('b')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pruned\n  labels:\n    app: x\ndata:\n  a: "1"\n`;
      const f = await manifest('prune.yaml', two);
      assert.equal(await ok(['apply', '-f', f, '--prune', '-l', 'app=x', '--prune-allowlist=core/v1/ConfigMap']), 'configmap/applied unchanged\nconfigmap/pruned created\n');
      await writeFile(f, cm('b'));
      const r = await k(['apply', '-f', f, '--prune', '-l', 'app=x', '--prune-allowlist=core/v1/ConfigMap']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'configmap/applied unchanged\nconfigmap/pruned pruned\n');
      assert.deepEqual(names(await ok(['get', 'cm', '-l', 'app=x'])), ['applied']);
    });

    it('apply --server-side creates and updates with field managers', async () => {
      const f = await manifest('ssa.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "1"\n');
      assert.equal(await ok(['apply', '--server-side', '-f', f]), 'configmap/ssa serverside-applied\n');
      await writeFile(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "2"\n');
      assert.equal(await ok(['apply', '--server-side', '-f', f]), 'configmap/ssa serverside-applied\n');
      assert.equal(await jp(['get', 'cm', 'ssa'], '{.data.a}'), '2');
    });
  });

  describe('create', () => {
    it('create -f creates and refuses duplicates', async () => {
      const f = await manifest('created.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: created\ndata:\n  a: "1"\n');
      assert.equal(await ok(['create', '-f', f]), 'configmap/created created\n');
      const dup = await fails(['create', '-f', f]);
      assert.match(dup.stderr, /Error from server \(AlreadyExists\): error when creating ".*created\.yaml": configmaps "created" already exists/);
      assert.equal(await ok(['create', '--dry-run=server', '-f', await manifest('created2.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: created2\n')]), 'configmap/created2 created (server dry run)\n');
      assert.notEqual((await k(['get', 'cm', 'created2'])).code, 0);
    });

    it('create <generator> sends protobuf bodies', async () => {
      assert.equal(await ok(['create', 'configmap', 'gen', '--from-literal=k=v', '--from-literal=n=1']), 'configmap/gen created\n');
      assert.equal(await jp(['get', 'cm', 'gen'], '{.data.k},{.data.n}'), 'v,1');
      assert.equal(await ok(['create', 'secret', 'generic', 'sec', '--from-literal=password=hunter2']), 'secret/sec created\n');
      assert.equal(Buffer.from(await jp(['get', 'secret', 'sec'], '{.data.password}'), 'base64').toString(), 'hunter2');
      assert.match(await ok(['get', 'secret', 'sec']), /^sec\s+Opaque\s+1\s+\d+s$/m);
      assert.equal(await ok(['create', 'namespace', 'team']), 'namespace/team created\n');
      assert.match(await ok(['get', 'ns', 'team']), /^team\s+Active\s+\d+s$/m);
      assert.equal(await ok(['create', 'serviceaccount', 'robot', '-n', 'team']), 'serviceaccount/robot created\n');
      assert.deepEqual(names(await ok(['get', 'sa', '-n', 'team'])), ['default', 'robot']);
      assert.equal(await ok(['create', 'deployment', 'api', '--image=nginx', '--replicas=2', '--port=8080', '-n', 'team']), 'deployment.apps/api created\n');
      assert.equal(await jp(['get', 'deploy', 'api', '-n', 'team'], '{.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort} {.spec.selector.matchLabels.app}'), '2 8080 api');
      assert.equal(await ok(['create', 'service', 'clusterip', 'api', '--tcp=80:8080', '-n', 'team']), 'service/api created\n');
      assert.equal(await jp(['get', 'svc', 'api', '-n', 'team'], '{.spec.type} {.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.selector.app}'), 'ClusterIP 80 8080 api');
      assert.match(await ok(['get', 'svc', '-n', 'team']), /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\n^api\s+ClusterIP\s+\S+\s+<none>\s+80\/TCP\s+\d+s$/m);
    });
  });

  describe('patch, label, annotate, edit', () => {
    it('patch with strategic, merge and json patches', async () => {
      assert.equal(await ok(['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}']), 'deployment.apps/web patched\n');
      assert.equal(await ok(['patch', 'deployment', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"merged":"yes"}}}']), 'deployment.apps/web patched\n');
      assert.equal(await ok(['patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/revisionHistoryLimit","value":3}]']), 'deployment.apps/web patched\n');
      assert.equal(await jp(['get', 'deploy', 'web'], '{.spec.template.spec.containers[0].image} {.metadata.labels.merged} {.spec.revisionHistoryLimit} {.metadata.generation}'), 'nginx:1.28 yes 3 3');
      const bad = await fails(['patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"test","path":"/spec/replicas","value":99}]']);
      // Upstream answers a failed JSON-patch test with a generic 422 (NewGenericServerResponse).
      assert.match(bad.stderr, /The request is invalid: the server rejected our request due to an error in our request/);
    });

    it('label adds, overwrites only with --overwrite, and removes with key-', async () => {
      assert.equal(await ok(['label', 'pod', 'a', 'env=dev']), 'pod/a labeled\n');
      const clash = await fails(['label', 'pod', 'a', 'env=prod']);
      assert.match(clash.stderr, /'env' already has a value \(dev\), and --overwrite is false/);
      assert.equal(await ok(['label', 'pod', 'a', 'env=prod', '--overwrite']), 'pod/a labeled\n');
      assert.equal(await jp(['get', 'pod', 'a'], '{.metadata.labels.env}'), 'prod');
      assert.equal(await ok(['label', 'pod', 'a', 'env-']), 'pod/a unlabeled\n');
      assert.match(await ok(['get', 'pod', 'a', '--show-labels']), /\sapp=x,tier=web$/m);
      assert.equal(await ok(['label', 'pods', '-l', 'app=x', 'group=xs']), 'pod/a labeled\npod/c labeled\n');
    });

    it('annotate adds, overwrites and removes', async () => {
      assert.equal(await ok(['annotate', 'pod', 'a', 'owner=team-a']), 'pod/a annotated\n');
      assert.equal(await ok(['annotate', 'pod', 'a', 'owner=team-b', '--overwrite']), 'pod/a annotated\n');
      assert.equal(await jp(['get', 'pod', 'a'], '{.metadata.annotations.owner}'), 'team-b');
      assert.equal(await ok(['annotate', 'pod', 'a', 'owner-']), 'pod/a annotated\n');
      assert.equal(await jp(['get', 'pod', 'a'], '{.metadata.annotations.owner}'), '');
      // The last annotation gone, the empty map is dropped (Go omitempty), so diff shows nothing.
      assert.equal(await jp(['get', 'pod', 'a'], '{.metadata.annotations}'), '');
    });

    it('edit runs $EDITOR and patches the change', async () => {
      const editor = join(dir, 'editor.sh');
      await writeFile(editor, '#!/bin/sh\nsed -i \'s/^  mode: b$/  mode: edited/\' "$1"\n');
      await chmod(editor, 0o755);
      assert.equal(await ok(['edit', 'cm', 'applied'], { env: { EDITOR: editor, KUBE_EDITOR: editor } }), 'configmap/applied edited\n');
      assert.equal(await jp(['get', 'cm', 'applied'], '{.data.mode}'), 'edited');
      const noop = join(dir, 'noop.sh');
      await writeFile(noop, '#!/bin/sh\nexit 0\n');
      await chmod(noop, 0o755);
      const r = await k(['edit', 'cm', 'applied'], { env: { EDITOR: noop, KUBE_EDITOR: noop } });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /Edit cancelled, no changes made\./);
    });
  });

  describe('nodes', () => {
    it('taint adds and removes taints', async () => {
      assert.equal(await ok(['taint', 'nodes', 'n1', 'k=5:NoSchedule']), 'node/n1 tainted\n');
      assert.equal(await ok(['taint', 'nodes', 'n1', 'gpu:NoExecute']), 'node/n1 tainted\n');
      const taints = JSON.parse(await jp(['get', 'node', 'n1'], '{.spec.taints}')) as Array<{ key: string; value?: string; effect: string }>;
      assert.deepEqual(taints.map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`).sort(), ['gpu=:NoExecute', 'k=5:NoSchedule']);
      assert.match(await ok(['describe', 'node', 'n1']), /^Taints:\s+gpu:NoExecute\n\s+k=5:NoSchedule$/m);
      const dup = await fails(['taint', 'nodes', 'n1', 'k=5:NoSchedule']);
      assert.match(dup.stderr, /already has k taint\(s\) with same effect\(s\) and --overwrite is false/);
      assert.equal(await ok(['taint', 'nodes', 'n1', 'k=5:NoSchedule-']), 'node/n1 untainted\n');
      assert.equal(await ok(['taint', 'nodes', 'n1', 'gpu-']), 'node/n1 untainted\n');
      assert.equal(await jp(['get', 'node', 'n1'], '{.spec.taints}'), '');
    });

    it('cordon and uncordon toggle spec.unschedulable', async () => {
      assert.equal(await ok(['cordon', 'n1']), 'node/n1 cordoned\n');
      assert.match(await ok(['get', 'nodes']), /^n1\s+Unknown,SchedulingDisabled\s/m);
      assert.equal(await ok(['cordon', 'n1']), 'node/n1 already cordoned\n');
      assert.equal(await ok(['uncordon', 'n1']), 'node/n1 uncordoned\n');
      assert.equal(await jp(['get', 'node', 'n1'], '{.spec.unschedulable}'), '');
      assert.equal(await ok(['uncordon', 'n1']), 'node/n1 already uncordoned\n');
    });

    const boundPod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels: {drain: "yes"}\nspec:\n  nodeName: n1\n  containers: [{name: c, image: nginx}]\n`;

    it('drain --disable-eviction deletes with a protobuf DeleteOptions body', async () => {
      await ok(['create', '-f', await manifest('d1.yaml', boundPod('d1'))]);
      const r = await k(['drain', 'n1', '--ignore-daemonsets', '--force', '--disable-eviction', '--grace-period=0', '--timeout=20s']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'node/n1 cordoned\npod/a deleted\npod/d1 deleted\nnode/n1 drained\n');
      assert.match(r.stderr, /Warning: deleting Pods that declare no controller: default\/a, default\/d1/);
      assert.deepEqual(names(await ok(['get', 'pods'])), ['b', 'c']);
      assert.equal(await ok(['uncordon', 'n1']), 'node/n1 uncordoned\n');
    });

    it('drain evicts through pods/eviction', async () => {
      await ok(['create', '-f', await manifest('d2.yaml', `${boundPod('d2')}---\n${boundPod('d3')}`)]);
      const r = await k(['drain', 'n1', '--ignore-daemonsets', '--force', '--grace-period=0', '--timeout=20s', '-v=6']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^pod\/d2 evicted$/m);
      assert.match(r.stdout, /^pod\/d3 evicted$/m);
      assert.match(r.stdout, /node\/n1 drained\n$/);
      assert.match(r.stderr, /verb="POST" url="[^"]+\/api\/v1\/namespaces\/default\/pods\/d2\/eviction" status="201 Created"/);
      assert.deepEqual(names(await ok(['get', 'pods'])), ['b', 'c']);
      await ok(['uncordon', 'n1']);
    });

    it('drain without --force refuses unmanaged pods', async () => {
      await ok(['create', '-f', await manifest('d4.yaml', boundPod('d4'))]);
      const r = await fails(['drain', 'n1', '--ignore-daemonsets', '--timeout=5s']);
      assert.match(r.stderr, /cannot delete Pods that declare no controller \(use --force to override\): default\/d4/);
      await ok(['uncordon', 'n1']);
    });

    it('drain with the default grace period waits for a kubelet and times out cleanly', async () => {
      // d4 is bound to n1 and nothing acknowledges termination: it stays Terminating for 30 s.
      const r = await fails(['drain', 'n1', '--ignore-daemonsets', '--force', '--timeout=2s']);
      assert.match(r.stderr, /error: unable to drain node "n1" due to error: .*(context deadline exceeded|global timeout reached)/);
      assert.equal(await jp(['get', 'pod', 'd4'], '{.metadata.deletionGracePeriodSeconds}'), '30');
      assert.match(await ok(['get', 'pod', 'd4']), /^d4\s+0\/1\s+Terminating\s/m);
      assert.match(await ok(['delete', 'pod', 'd4', '--grace-period=0', '--force']), /pod "d4" force deleted/);
      assert.equal(await ok(['uncordon', 'n1']), 'node/n1 uncordoned\n');
    });
  });

  describe('workloads and status', () => {
    it('scale uses the scale subresource and bumps the generation', async () => {
      const gen = Number(await jp(['get', 'deploy', 'web'], '{.metadata.generation}'));
      const r = await k(['scale', 'deployment', 'web', '--replicas=3', '-v=6']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'deployment.apps/web scaled\n');
      assert.match(r.stderr, /verb="PATCH" url="[^"]+\/deployments\/web\/scale" status="200 OK"/);
      assert.equal(await jp(['get', 'deploy', 'web'], '{.spec.replicas} {.metadata.generation}'), `3 ${gen + 1}`);
      const scale = JSON.parse(await ok(['get', '--raw', '/apis/apps/v1/namespaces/default/deployments/web/scale'])) as { kind: string; apiVersion: string; spec: { replicas: number }; status: { selector: string } };
      assert.deepEqual([scale.apiVersion, scale.kind, scale.spec.replicas, scale.status.selector], ['autoscaling/v1', 'Scale', 3, 'app=web']);
      const pre = await fails(['scale', 'deployment', 'web', '--replicas=4', '--current-replicas=2']);
      assert.match(pre.stderr, /Expected replicas to be 2, was 3/);
    });

    it('rollout status waits for a controller, then completes when the status says so', async () => {
      // No deployment controller yet: nothing observes the new generation.
      const r = await fails(['rollout', 'status', 'deployment/web', '--timeout=2s']);
      assert.match(r.stdout, /Waiting for deployment spec update to be observed\.\.\./);
      assert.match(r.stderr, /error: timed out waiting for the condition/);
      const gen = Number(await jp(['get', 'deploy', 'web'], '{.metadata.generation}'));
      // Half way: observed but not all replicas updated.
      await ok(['patch', 'deploy', 'web', '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: { observedGeneration: gen, replicas: 3, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 } })]);
      const half = await fails(['rollout', 'status', 'deployment/web', '--timeout=2s']);
      assert.match(half.stdout, /Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated\.\.\./);
      // Finish the rollout while kubectl watches.
      const pending = k(['rollout', 'status', 'deployment/web', '--timeout=20s']);
      await new Promise((res) => setTimeout(res, 500));
      await ok(['patch', 'deploy', 'web', '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: { observedGeneration: gen, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 } })]);
      const done = await pending;
      assert.equal(done.code, 0, done.stderr);
      assert.match(done.stdout, /deployment "web" successfully rolled out\n$/);
      assert.match(await ok(['get', 'deploy', 'web']), /^web\s+3\/3\s+3\s+3\s+\d+s$/m);
      // The status subresource ignores spec changes; the main resource ignores status.
      assert.equal(await jp(['get', 'deploy', 'web'], '{.metadata.generation}'), String(gen));
    });

    it('wait --for=condition and --for=jsonpath see status written through the status subresource', async () => {
      const early = await fails(['wait', '--for=condition=Ready', 'pod/b', '--timeout=1s']);
      assert.match(early.stderr, /timed out waiting for the condition on pods\/b/);
      const pending = k(['wait', '--for=condition=Ready', 'pod/b', '--timeout=20s']);
      await new Promise((res) => setTimeout(res, 500));
      await ok(['patch', 'pod', 'b', '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}']);
      const done = await pending;
      assert.equal(done.code, 0, done.stderr);
      assert.equal(done.stdout, 'pod/b condition met\n');
      assert.equal(await ok(['wait', '--for=jsonpath={.status.phase}=Running', 'pod/b', '--timeout=10s']), 'pod/b condition met\n');
      await fails(['wait', '--for=condition=Ready=false', 'pod/c', '--timeout=1s']);
      assert.equal(await ok(['wait', '--for=jsonpath={.status.phase}=Pending', 'pods', '-l', 'app=x', '--timeout=10s']), 'pod/c condition met\n');
      const missing = await fails(['wait', '--for=condition=Ready', 'pod/nope', '--timeout=1s']);
      assert.match(missing.stderr, /NotFound/);
    });
  });

  describe('explain and auth', () => {
    it('explain walks the OpenAPI v3 schemas', async () => {
      const pods = await ok(['explain', 'pods']);
      assert.match(pods, /^KIND:\s+Pod$/m);
      assert.match(pods, /^VERSION:\s+v1$/m);
      assert.match(pods, /^FIELDS:$/m);
      assert.match(pods, /^ {2}spec\t<PodSpec>$/m);
      assert.match(pods, /^ {2}metadata\t<ObjectMeta>$/m);
      const containers = await ok(['explain', 'pods.spec.containers']);
      assert.match(containers, /^FIELD: containers <\[\]Container>$/m);
      assert.match(containers, /^ {2}image\t<string>$/m);
      assert.match(containers, /^ {2}name\t<string> -required-$/m);
      const spec = await ok(['explain', 'deployments.spec']);
      assert.match(spec, /^GROUP:\s+apps$/m);
      assert.match(spec, /^KIND:\s+Deployment$/m);
      assert.match(spec, /^FIELD: spec <DeploymentSpec>$/m);
      assert.match(spec, /^ {2}replicas\t<integer>$/m);
      assert.match(spec, /^ {2}selector\t<LabelSelector> -required-$/m);
      assert.match(spec, /^ {2}template\t<PodTemplateSpec> -required-$/m);
      const bad = await fails(['explain', 'pods.spec.nope']);
      assert.match(bad.stderr, /field "nope" does not exist/);
    });

    it('auth can-i answers yes for the admin and lists every rule', async () => {
      assert.equal(await ok(['auth', 'can-i', 'create', 'pods']), 'yes\n');
      assert.equal(await ok(['auth', 'can-i', 'delete', 'deployments.apps', '-n', 'team']), 'yes\n');
      const list = await ok(['auth', 'can-i', '--list']);
      assert.match(list, /^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/m);
      assert.match(list, /^\*\.\*\s+\[\]\s+\[\]\s+\[\*\]$/m);
      assert.match(list, /^\s+\[\*\]\s+\[\]\s+\[\*\]$/m);
      assert.match(await ok(['auth', 'whoami']), /kubernetes-admin|admin/);
    });
  });

  describe('upstream details', () => {
    it('server-side apply records managedFields', async () => {
      assert.equal(await jp(['get', 'cm', 'ssa'], '{.metadata.managedFields[0].manager}/{.metadata.managedFields[0].operation}'), 'kubectl/Apply');
    });

    it('a patch that changes nothing keeps the resourceVersion: "patched (no change)"', async () => {
      assert.equal(await ok(['patch', 'deployment', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"merged":"yes"}}}']), 'deployment.apps/web patched (no change)\n');
    });

    it('a ClusterIP service gets a cluster IP', async () => {
      await ok(['create', 'service', 'clusterip', 'ipcheck', '--tcp=80:80']);
      assert.match(await jp(['get', 'svc', 'ipcheck'], '{.spec.clusterIP}'), /^\d+\.\d+\.\d+\.\d+$/);
    });

    it('explain prints upstream descriptions and required markers', async () => {
      // flowing matches upstream's text however kubectl wraps it.
      const flowing = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
      assert.match(await ok(['explain', 'pods']), flowing('DESCRIPTION: Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.'));
      const selector = await ok(['explain', 'deployment.spec.selector']);
      assert.match(selector, /^FIELD: selector <LabelSelector>$/m);
      // The field's own text, then the LabelSelector type's.
      assert.match(
        selector,
        flowing(
          "DESCRIPTION: Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels. A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed.",
        ),
      );
      assert.match(selector, flowing('matchLabels\t<map[string]string> matchLabels is a map of {key,value} pairs.'));
      assert.match(await ok(['explain', 'deployments.spec']), /^ {2}selector\t<LabelSelector> -required-\n {4}Label selector for pods\./m);
      const containers = await ok(['explain', 'pods.spec.containers']);
      assert.match(containers, flowing('DESCRIPTION: List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated. A single application container that you want to run within a pod.'));
      assert.match(containers, flowing('name\t<string> -required- Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.'));
      assert.match(containers, /^ {2}image\t<string>\n {4}Container image name\./m);
      assert.doesNotMatch(containers, /^ {2}image\t<string> -required-/m);
      assert.match(await ok(['explain', 'pods.spec.containers.ports']), /^ {2}containerPort\t<integer> -required-$/m);
    });
  });

  describe('delete', () => {
    it('deletes by name, by label and --all', async () => {
      await ok(['create', 'configmap', 'd-1', '--from-literal=a=1']);
      await ok(['create', 'configmap', 'd-2', '--from-literal=a=1']);
      await ok(['label', 'cm', 'd-1', 'd-2', 'doomed=yes']);
      assert.equal(await ok(['delete', 'cm', 'gen']), 'configmap "gen" deleted\n');
      assert.equal(await ok(['delete', 'cm', '-l', 'doomed=yes']), 'configmap "d-1" deleted\nconfigmap "d-2" deleted\n');
      const missing = await fails(['delete', 'cm', 'gen']);
      assert.match(missing.stderr, /Error from server \(NotFound\): configmaps "gen" not found/);
      assert.equal(await ok(['delete', 'cm', 'gen', '--ignore-not-found']), '');
      // Unbound pods go at once (grace 0, as upstream for pods with no node).
      assert.equal(await ok(['delete', 'pod', 'b']), 'pod "b" deleted\n');
      const out = await ok(['delete', 'deploy,svc,sa,cm', '--all', '-n', 'team']);
      assert.match(out, /^deployment\.apps "api" deleted$/m);
      assert.match(out, /^service "api" deleted$/m);
      assert.match(out, /^serviceaccount "robot" deleted$/m);
      assert.deepEqual(names(await ok(['get', 'deploy,svc', '-n', 'team', '-o', 'name'])).filter(Boolean), []);
      assert.equal(await ok(['delete', 'pod', 'c', '--dry-run=server']), 'pod "c" deleted (server dry run)\n');
      assert.deepEqual(names(await ok(['get', 'pods'])), ['c']);
      assert.equal(await ok(['delete', 'namespace', 'team', '--wait=true', '--timeout=20s']), 'namespace "team" deleted\n');
      assert.notEqual((await k(['get', 'ns', 'team'])).code, 0);
    });
  });
});
