import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { KubeObject } from '../src/api/meta.js';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';

const PODS = { version: 'v1', resource: 'pods', namespace: 'default' };
const PVS = { version: 'v1', resource: 'persistentvolumes' };
const PVCS = { version: 'v1', resource: 'persistentvolumeclaims', namespace: 'default' };
const NODES = { version: 'v1', resource: 'nodes' };

function node(name: string, zone: string): KubeObject {
  const allocatable = { cpu: '4', memory: '8Gi', pods: '110' };
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone, 'topology.kubernetes.io/region': 'r1' } },
    status: { allocatable, capacity: allocatable, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function podUsing(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'i' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }], ...extra } };
}

const affinity = (key: string, value: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator: 'In', values: [value] }] }] } });

let cluster: Cluster;
before(async () => {
  cluster = await startCluster({ storage: 'memory', http: false, featureGates: 'MutablePVNodeAffinity=true', scheduler: true });
});
after(async () => {
  await cluster.stop();
});

async function nodeOf(name: string): Promise<string | undefined> {
  for (let i = 0; i < 300; i++) {
    const p = await cluster.client.get(PODS, name);
    const n = (p.spec as { nodeName?: string }).nodeName;
    if (n) return n;
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}

it('applies a widened PV nodeAffinity (MutablePVNodeAffinity) to the next pod that uses the volume', async () => {
  const c = cluster.client;
  await c.create(NODES, node('node-a', 'zone-a'));
  await c.create(NODES, node('node-b', 'zone-b'));
  await c.create(PVS, { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-data' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany'], csi: { driver: 'example.csi', volumeHandle: 'h1' }, nodeAffinity: affinity('topology.kubernetes.io/zone', 'zone-a'), claimRef: { namespace: 'default', name: 'data' }, storageClassName: '' } });
  await c.create(PVCS, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } }, volumeName: 'pv-data', storageClassName: '' } });
  await c.patch(PVCS, 'data', 'merge', { status: { phase: 'Bound' } }, { subresource: 'status' });
  await c.patch(PVS, 'pv-data', 'merge', { status: { phase: 'Bound' } }, { subresource: 'status' });

  // Zone-bound: a pod that must avoid zone-a cannot use the volume.
  const avoidA = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'NotIn', values: ['zone-a'] }] }] } } } };
  await c.create(PODS, podUsing('first', avoidA));
  let cond: { type: string; status: string; message?: string } | undefined;
  for (let i = 0; i < 300 && !cond; i++) {
    const p = await c.get(PODS, 'first');
    cond = ((p.status as { conditions?: Array<{ type: string; status: string; message?: string }> }).conditions ?? []).find((x) => x.type === 'PodScheduled');
    if (!cond) await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(cond?.status, 'False');
  assert.equal(((await c.get(PODS, 'first')).spec as { nodeName?: string }).nodeName, undefined);
  assert.match(cond!.message!, /node\(s\) didn't match PersistentVolume's node affinity/);

  // Widen the PV from the zone to the region: the next pod may land in zone-b.
  await c.patch(PVS, 'pv-data', 'merge', { spec: { nodeAffinity: affinity('topology.kubernetes.io/region', 'r1') } });
  await c.create(PODS, podUsing('second', avoidA));
  assert.equal(await nodeOf('second'), 'node-b');
});
