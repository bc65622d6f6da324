/**
 * Scheduler extenders (KubeSchedulerConfiguration.extenders) against a real HTTP extender:
 * filter, prioritize and bind verbs, node-cache-capable calls, managed resources, and the
 * ignorable/non-ignorable error rules of upstream's HTTPExtender.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import type { KubeObject } from '../src/api/meta.js';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import type { ExtenderConfig } from '../src/scheduler/extender/http-extender.js';
import { startScheduler, type RunningScheduler } from '../src/scheduler/scheduler.js';
import { waitFor } from './helpers/wait.js';

const NODES = { version: 'v1', resource: 'nodes' };
const PODS = { version: 'v1', resource: 'pods', namespace: 'default' };
const EVENTS = { version: 'v1', resource: 'events', namespace: 'default' };
type PodObj = KubeObject & { spec: { nodeName?: string } };
type Call = { verb: string; body: { pod?: { metadata: { name: string } }; nodes?: { items: Array<{ metadata: { name: string } }> }; nodenames?: string[]; podName?: string; node?: string } };

const node = (name: string, extra: Record<string, string> = {}): KubeObject => {
  const alloc = { cpu: '4', memory: '8Gi', pods: '110', ...extra };
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { allocatable: alloc, capacity: alloc, conditions: [{ type: 'Ready', status: 'True' }] } };
};
const pod = (name: string, spec: Record<string, unknown> = {}, resources?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'c', image: 'i', ...(resources ? { resources } : {}) }], ...spec },
});

/** extenderServer answers verbs with the given handlers and records every call. */
async function extenderServer(handlers: Record<string, (body: Call['body']) => unknown | Promise<unknown>>) {
  const calls: Call[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const verb = (req.url ?? '').replace(/^\/ext\//, '');
      const body = JSON.parse(Buffer.concat(chunks).toString()) as Call['body'];
      calls.push({ verb, body });
      const h = handlers[verb];
      if (!h) {
        res.writeHead(500).end('no such verb');
        return;
      }
      void Promise.resolve(h(body)).then((out) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ext`;
  return { url, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('scheduler extenders', () => {
  let cluster: Cluster | undefined;
  let sched: RunningScheduler | undefined;
  const closers: Array<() => Promise<void>> = [];
  let errors: unknown[] = [];

  async function start(extenders: ExtenderConfig[], nodes: KubeObject[]) {
    cluster = await startCluster({ storage: 'memory', http: false });
    for (const n of nodes) await cluster.client.create(NODES, n);
    sched = startScheduler({ client: cluster.client, gates: cluster.gates, extenders, onError: (e) => errors.push(e) });
    await sched.synced;
    return cluster.client;
  }
  afterEach(async () => {
    await sched?.stop();
    await cluster?.stop();
    for (const c of closers.splice(0)) await c();
    sched = cluster = undefined;
    const seen = errors;
    errors = [];
    assert.deepEqual(seen.map(String), []);
  });
  const server = async (handlers: Parameters<typeof extenderServer>[0]) => {
    const s = await extenderServer(handlers);
    closers.push(s.close);
    return s;
  };
  const bound = (name: string) => waitFor(`${name} to be bound`, async () => (await cluster!.client.get<PodObj>(PODS, name)).spec.nodeName);
  const failed = (name: string) =>
    waitFor(`FailedScheduling for ${name}`, async () => {
      const evs = (await cluster!.client.list<KubeObject & { reason?: string; message?: string; involvedObject?: { name?: string } }>(EVENTS)).items;
      return evs.find((e) => e.reason === 'FailedScheduling' && e.involvedObject?.name === name)?.message;
    });

  it('filters, scores (weight x 10) and binds through the extender', async () => {
    const ext = await server({
      filter: (b) => ({
        nodes: { items: b.nodes!.items.filter((n) => n.metadata.name !== 'n-bad') },
        failedNodes: { 'n-bad': 'extender says no' },
      }),
      prioritize: (b) => b.nodes!.items.map((n) => ({ host: n.metadata.name, score: n.metadata.name === 'n3' ? 10 : 0 })),
      bind: async (b) => {
        await cluster!.client.post(PODS, b.podName!, 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: b.podName }, target: { kind: 'Node', name: b.node } });
        return {};
      },
    });
    const c = await start([{ urlPrefix: ext.url, filterVerb: 'filter', prioritizeVerb: 'prioritize', weight: 5, bindVerb: 'bind' }], ['n1', 'n2', 'n3', 'n-bad'].map((n) => node(n)));
    assert.equal(sched!.profiles.get('default-scheduler')!.batch, undefined, 'no opportunistic batching while extenders are configured');
    await c.create(PODS, pod('p1'));
    assert.equal(await bound('p1'), 'n3', 'the extender score (10 x 5 x 10) outweighs the plugins');
    const verbs = ext.calls.map((x) => x.verb);
    assert.deepEqual(verbs, ['filter', 'prioritize', 'bind']);
    assert.deepEqual(ext.calls[0]!.body.nodes!.items.map((n) => n.metadata.name).sort(), ['n-bad', 'n1', 'n2', 'n3'], 'whole Node objects, every feasible node');
    assert.equal(ext.calls[0]!.body.pod!.metadata.name, 'p1');
    assert.deepEqual(ext.calls[1]!.body.nodes!.items.map((n) => n.metadata.name).sort(), ['n1', 'n2', 'n3'], 'only what the filter kept is scored');
    assert.deepEqual([ext.calls[2]!.body.podName, ext.calls[2]!.body.node], ['p1', 'n3']);

    // A pod only n-bad could take: the extender's reason shows in FailedScheduling.
    await c.create(PODS, pod('p2', { nodeSelector: { 'kubernetes.io/hostname': 'n-bad' } }));
    const msg = await failed('p2');
    assert.match(msg, /^0\/4 nodes are available: /);
    assert.match(msg, /1 extender says no/);
    assert.match(msg, /3 node\(s\) didn't match Pod's node affinity\/selector/);
  });

  it('a node-cache-capable extender gets node names and answers with names', async () => {
    const ext = await server({ filter: (b) => ({ nodenames: b.nodenames!.filter((n) => n === 'n2'), failedNodes: Object.fromEntries(b.nodenames!.filter((n) => n !== 'n2').map((n) => [n, 'not n2'])) }) });
    const c = await start([{ urlPrefix: ext.url, filterVerb: 'filter', nodeCacheCapable: true }], ['n1', 'n2', 'n3'].map((n) => node(n)));
    await c.create(PODS, pod('p'));
    assert.equal(await bound('p'), 'n2');
    assert.deepEqual(ext.calls[0]!.body.nodenames!.sort(), ['n1', 'n2', 'n3']);
    assert.equal(ext.calls[0]!.body.nodes, undefined);
  });

  it('an ignorable extender that fails is passed over; a required one fails the cycle with upstream\'s message', async () => {
    const broken = await server({});
    const c = await start([{ urlPrefix: broken.url, filterVerb: 'filter', ignorable: true }], [node('n1')]);
    await c.create(PODS, pod('p'));
    assert.equal(await bound('p'), 'n1');
    assert.equal(broken.calls.length, 1);
    await sched!.stop();
    await cluster!.stop();

    const c2 = await start([{ urlPrefix: broken.url, filterVerb: 'filter' }], [node('n1')]);
    await c2.create(PODS, pod('q'));
    assert.equal(await failed('q'), `failed filter with extender at URL ${broken.url}/filter, code 500`);
    const cond = (await c2.get<PodObj & { status?: { conditions?: Array<{ type: string; reason?: string }> } }>(PODS, 'q')).status?.conditions?.find((x) => x.type === 'PodScheduled');
    assert.equal(cond?.reason, 'SchedulerError');
  });

  it('managedResources: only pods asking for them reach the extender, which decides on resources it has Filter ignore', async () => {
    const ext = await server({ filter: (b) => ({ nodes: b.nodes }) });
    const c = await start([{ urlPrefix: ext.url, filterVerb: 'filter', managedResources: [{ name: 'example.com/gpu', ignoredByScheduler: true }] }], [node('n1')]);
    await c.create(PODS, pod('plain'));
    assert.equal(await bound('plain'), 'n1');
    assert.equal(ext.calls.length, 0, 'not interested in a pod without the resource');
    // n1 has no example.com/gpu at all: NodeResourcesFit ignores it, the extender decides.
    await c.create(PODS, pod('gpu', {}, { requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '1' } }));
    assert.equal(await bound('gpu'), 'n1');
    assert.equal(ext.calls.length, 1);
  });

  it('preemptVerb: the extender picks the node and the victims among preemption\'s candidates', async () => {
    let uidsOnN2: string[] = [];
    const ext = await server({
      preempt: (b) => {
        const args = b as unknown as { nodeNameToVictims: Record<string, { pods: Array<{ metadata: { uid: string; name: string } }>; numPDBViolations: number }> };
        uidsOnN2 = args.nodeNameToVictims.n2!.pods.map((p) => p.metadata.uid);
        return { nodeNameToMetaVictims: { n2: { pods: uidsOnN2.map((uid) => ({ uid })), numPDBViolations: 0 } } };
      },
    });
    const c = await start([{ urlPrefix: ext.url, preemptVerb: 'preempt' }], [node('n1', { cpu: '2' }), node('n2', { cpu: '2' })]);
    const classes = { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' };
    await c.create(classes, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'low' }, value: 1 });
    await c.create(classes, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
    const cpu = (n: string) => ({ requests: { cpu: n }, limits: { cpu: n } });
    for (const [name, n] of [['a', 'n1'], ['b', 'n1'], ['x', 'n2'], ['y', 'n2']] as const) {
      await c.create(PODS, pod(name, { priorityClassName: 'low', nodeSelector: { 'kubernetes.io/hostname': n } }, cpu('1')));
      assert.equal(await bound(name), n);
    }
    await c.create(PODS, pod('high', { priorityClassName: 'high' }, cpu('2')));
    const nominated = await waitFor('high to be nominated', async () => (await c.get<PodObj & { status?: { nominatedNodeName?: string } }>(PODS, 'high')).status?.nominatedNodeName);
    assert.equal(nominated, 'n2');
    assert.equal(ext.calls.length, 1);
    const sent = ext.calls[0]!.body as unknown as { pod: { metadata: { name: string } }; nodeNameToVictims: Record<string, { pods: unknown[] }> };
    assert.equal(sent.pod.metadata.name, 'high');
    assert.deepEqual(Object.keys(sent.nodeNameToVictims).sort(), ['n1', 'n2'], 'both candidates, with their victims');
    for (const name of ['x', 'y']) await waitFor(`${name} to be terminating`, async () => ((await c.get(PODS, name)).metadata?.deletionTimestamp ? true : undefined));
    for (const name of ['a', 'b']) assert.equal((await c.get(PODS, name)).metadata?.deletionTimestamp, undefined, `${name} on n1 is left alone`);
    assert.equal(uidsOnN2.length, 2);
  });
});
