import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { KubeObject } from '../src/api/meta.js';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';

const NS = 'default';
const PODS = { version: 'v1', resource: 'pods', namespace: NS };
const PVS = { version: 'v1', resource: 'persistentvolumes' };
const PVCS = { version: 'v1', resource: 'persistentvolumeclaims', namespace: NS };
const NODES = { version: 'v1', resource: 'nodes' };
const CSINODES = { group: 'storage.k8s.io', version: 'v1', resource: 'csinodes' };
const DRIVER = 'csi.example.com';
/** The attach-limit test has its own driver so its full node does not reject the other tests' pods. */
const LIMITED = 'limited.csi.example.com';
const ZONE = 'topology.kubernetes.io/zone';

type Cond = { type: string; status: string; message?: string };

let cluster: Cluster;
before(async () => {
  cluster = await startCluster({ storage: 'memory', http: false, scheduler: true });
  const c = cluster.client;
  for (const [name, zone] of [['node-a', 'zone-a'], ['node-b', 'zone-b']]) {
    const allocatable = { cpu: '4', memory: '8Gi', pods: '110' };
    await c.create(NODES, {
      apiVersion: 'v1', kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name!, [ZONE]: zone! } },
      status: { allocatable, capacity: allocatable, conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
});
after(async () => {
  await cluster.stop();
});

/** claim creates a PV (CSI, optional labels) and a claim bound to it. */
async function claim(name: string, o: { accessModes?: string[]; pvLabels?: Record<string, string>; driver?: string } = {}): Promise<void> {
  const c = cluster.client;
  const accessModes = o.accessModes ?? ['ReadWriteOnce'];
  await c.create(PVS, {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: { name: `pv-${name}`, labels: o.pvLabels },
    spec: { capacity: { storage: '1Gi' }, accessModes, csi: { driver: o.driver ?? DRIVER, volumeHandle: `h-${name}` }, claimRef: { namespace: NS, name }, storageClassName: '' },
  });
  await c.create(PVCS, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes, resources: { requests: { storage: '1Gi' } }, volumeName: `pv-${name}`, storageClassName: '' } });
}

function pod(name: string, claimName: string, nodeSelector?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'i' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }], nodeSelector } };
}

/** settle polls the pod until it is bound or has PodScheduled=False. */
async function settle(name: string): Promise<{ nodeName?: string; cond?: Cond }> {
  for (let i = 0; i < 400; i++) {
    const p = await cluster.client.get(PODS, name);
    const nodeName = (p.spec as { nodeName?: string }).nodeName;
    const cond = ((p.status as { conditions?: Cond[] }).conditions ?? []).find((x) => x.type === 'PodScheduled');
    if (nodeName || cond?.status === 'False') return { nodeName, cond };
    await new Promise((r) => setTimeout(r, 20));
  }
  return {};
}

async function nodeOf(name: string): Promise<string | undefined> {
  for (let i = 0; i < 400; i++) {
    const n = ((await cluster.client.get(PODS, name)).spec as { nodeName?: string }).nodeName;
    if (n) return n;
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}

it('NodeVolumeLimits: a CSINode attach limit of 1 keeps a second CSI volume off the node until the limit grows', async () => {
  const c = cluster.client;
  await c.create(CSINODES, { apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: { name: 'node-a' }, spec: { drivers: [{ name: LIMITED, nodeID: 'node-a', allocatable: { count: 1 } }] } });
  await claim('limit-1', { driver: LIMITED });
  await claim('limit-2', { driver: LIMITED });
  const onA = { 'kubernetes.io/hostname': 'node-a' };
  await c.create(PODS, pod('limit-first', 'limit-1', onA));
  assert.equal(await nodeOf('limit-first'), 'node-a');

  await c.create(PODS, pod('limit-second', 'limit-2', onA));
  const { nodeName, cond } = await settle('limit-second');
  assert.equal(nodeName, undefined);
  assert.equal(cond?.message, "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) exceed max volume count. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.");

  // MutableCSINodeAllocatableCount (beta, on): a raised count requeues the pod.
  await c.patch(CSINODES, 'node-a', 'merge', { spec: { drivers: [{ name: LIMITED, nodeID: 'node-a', allocatable: { count: 2 } }] } });
  assert.equal(await nodeOf('limit-second'), 'node-a');
});

it('VolumeRestrictions: a ReadWriteOncePod claim in use keeps a second pod pending until the first is deleted', async () => {
  const c = cluster.client;
  await claim('rwop', { accessModes: ['ReadWriteOncePod'] });
  await c.create(PODS, pod('rwop-first', 'rwop'));
  assert.ok(await nodeOf('rwop-first'));

  await c.create(PODS, pod('rwop-second', 'rwop'));
  const { nodeName, cond } = await settle('rwop-second');
  assert.equal(nodeName, undefined);
  assert.equal(cond?.message, '0/2 nodes are available: 2 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.');

  await c.delete(PODS, 'rwop-first', { gracePeriodSeconds: 0 });
  assert.ok(await nodeOf('rwop-second'));
});

it('VolumeZone: a PV labelled with a zone places the pod in that zone', async () => {
  const c = cluster.client;
  await claim('zonal', { pvLabels: { [ZONE]: 'zone-b' } });
  await c.create(PODS, pod('zonal', 'zonal'));
  assert.equal(await nodeOf('zonal'), 'node-b');

  await claim('nowhere', { pvLabels: { [ZONE]: 'zone-c' } });
  await c.create(PODS, pod('nowhere', 'nowhere'));
  const { nodeName, cond } = await settle('nowhere');
  assert.equal(nodeName, undefined);
  assert.equal(cond?.message, '0/2 nodes are available: 2 node(s) had no available volume zone. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
});

it('rejects an invalid CSINode and claim with Status errors', async () => {
  const c = cluster.client;
  await assert.rejects(
    c.create(CSINODES, { apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: { name: 'node-x' }, spec: { drivers: [{ name: DRIVER, nodeID: '', allocatable: { count: -1 } }] } }),
    (err: Error & { code?: number }) => err.code === 422 && /spec\.drivers\[0\]\.nodeID: Required value/.test(err.message) && /allocatable\.count/.test(err.message),
  );
  await assert.rejects(
    c.create(PVCS, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'bad' }, spec: { accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }),
    (err: Error & { code?: number }) => err.code === 422 && /may not use ReadWriteOncePod with other access modes/.test(err.message),
  );
});
