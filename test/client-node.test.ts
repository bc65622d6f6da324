import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';

describe('@kubernetes/client-node 1.4 against k8ts', () => {
  let cluster: Cluster;
  let kc: k8s.KubeConfig;
  before(async () => {
    cluster = await startCluster({ storage: 'memory' });
    kc = new k8s.KubeConfig();
    kc.loadFromFile(cluster.kubeconfig.path);
  });
  after(async () => {
    await cluster.stop();
  });

  it('works as a typed client', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'typed' }, data: { a: '1' } } });
    const cm = await core.readNamespacedConfigMap({ name: 'typed', namespace: 'default' });
    assert.equal(cm.data?.a, '1');
    const nss = await core.listNamespace();
    assert.ok(nss.items.some((n) => n.metadata?.name === 'kube-system'));
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const d = await apps.createNamespacedDeployment({
      namespace: 'default',
      body: { metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } },
    });
    assert.equal(d.spec?.replicas, 1);
  });

  it('applies with KubernetesObjectApi', async () => {
    const api = k8s.KubernetesObjectApi.makeApiClient(kc);
    const spec = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: 'default' }, data: { mode: 'x' } };
    await api.create(spec);
    const read = await api.read<k8s.V1ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: 'default' } });
    assert.equal(read.data?.mode, 'x');
    await api.patch({ ...spec, data: { mode: 'y' } }, undefined, undefined, 'k8ts-test', true, k8s.PatchStrategy.ServerSideApply);
    const again = await api.read<k8s.V1ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: 'default' } });
    assert.equal(again.data?.mode, 'y');
  });

  it('runs an informer that relists after a compaction (410) and stays in sync', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const path = '/api/v1/namespaces/default/configmaps';
    let lists = 0;
    const informer = k8s.makeInformer(kc, path, () => {
      lists++;
      return core.listNamespacedConfigMap({ namespace: 'default' });
    });
    const seen = new Set<string>();
    informer.on('add', (o) => seen.add(o.metadata!.name!));
    informer.on('update', (o) => seen.add(o.metadata!.name!));
    await informer.start();
    const waitFor = async (name: string) => {
      for (let i = 0; i < 200 && !seen.has(name); i++) await new Promise((r) => setTimeout(r, 25));
      assert.ok(seen.has(name), `informer never saw ${name}`);
    };
    await waitFor('typed');
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'live' } } });
    await waitFor('live');
    let errors = 0;
    informer.on('error', () => errors++);
    // Objects change, history is compacted, then the server drops every watch: the informer
    // re-watches from a resourceVersion that is gone, gets 410 and lists again.
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'before-compaction' } } });
    await waitFor('before-compaction');
    const listsBefore = lists;
    // A write the informer does not watch moves the revision past the informer's last one;
    // compacting there makes that resourceVersion too old to watch from.
    await core.createNamespacedSecret({ namespace: 'default', body: { metadata: { name: 'elsewhere' } } });
    await cluster.storage.compact(await cluster.storage.currentRevision());
    cluster.api.terminateWatches();
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'after-compaction' } } });
    await waitFor('after-compaction');
    assert.equal(errors, 0);
    assert.equal(lists, listsBefore + 1, 'the informer should have listed again after the 410');
    await informer.stop();
  });
});
