/**
 * One contract for every Transport: in-process, HTTPS, and a MessagePort to the API server
 * (what the scheduler's worker thread uses). Each must give the same answers, errors and
 * watch events as the others.
 */
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { after, before, describe, it } from 'node:test';
import type { WatchEvent } from '../src/api/meta.js';
import { Client } from '../src/client/client.js';
import { PortTransport } from '../src/client/port-transport.js';
import type { WatchHandle } from '../src/client/transport.js';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import { InProcessTransport } from '../src/cluster/in-process-transport.js';
import { servePort } from '../src/cluster/port-server.js';

let cluster: Cluster;
const closers: Array<() => void> = [];
before(async () => {
  cluster = await startCluster({ storage: 'memory' });
});
after(async () => {
  for (const c of closers) c();
  await cluster.stop();
});

function portClient(): { client: Client; transport: PortTransport } {
  const { port1, port2 } = new MessageChannel();
  // As the scheduler thread's: lists may cross as JSON text.
  const inProcess = new InProcessTransport(cluster.api, undefined, { serializedJson: true });
  const stop = servePort(port1, inProcess, inProcess.watchFrames);
  const transport = new PortTransport(port2);
  closers.push(() => {
    transport.close();
    stop();
    port1.close();
  });
  return { client: new Client(transport), transport };
}

const transports: Record<string, () => Client> = {
  'in-process': () => cluster.client,
  https: () => cluster.httpClient(),
  'message port': () => portClient().client,
};

const cm = (ns: string, name: string, data: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, labels: { app: name } }, data });

/** next reads events until n arrived (or 5 s passed). */
async function take(w: WatchHandle, n: number): Promise<WatchEvent[]> {
  const out: WatchEvent[] = [];
  const it = w[Symbol.asyncIterator]();
  const deadline = Date.now() + 5000;
  while (out.length < n && Date.now() < deadline) {
    const r = await Promise.race([it.next(), new Promise<undefined>((res) => setTimeout(() => res(undefined), deadline - Date.now()))]);
    if (!r || r.done) break;
    out.push(r.value);
  }
  return out;
}

const summary = (e: WatchEvent) => {
  const o = e.object as { kind?: string; metadata?: { name?: string; resourceVersion?: string }; data?: unknown };
  return { type: e.type, kind: o.kind, name: o.metadata?.name, rv: /^\d+$/.test(o.metadata?.resourceVersion ?? ''), data: o.data };
};

for (const [name, make] of Object.entries(transports)) {
  describe(`Transport contract: ${name}`, () => {
    const ns = `contract-${name.replace(/[^a-z]/g, '')}`;
    const ref = { version: 'v1', resource: 'configmaps', namespace: ns };

    it('creates, reads and lists, with resourceVersion and kind set', async () => {
      const c = make();
      await c.create({ version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      const created = await c.create(ref, cm(ns, 'a', { k: 'v' }));
      assert.match(created.metadata!.resourceVersion!, /^\d+$/);
      const got = await c.get<{ data: unknown } & typeof created>(ref, 'a');
      assert.deepEqual(got.data, { k: 'v' });
      assert.deepEqual(created, got, 'a write answers with the object as stored');
      const patched = await c.patch(ref, 'a', 'merge', { data: { k: 'w' } });
      assert.deepEqual(patched, await c.get(ref, 'a'));
      assert.notEqual(patched.metadata!.resourceVersion, created.metadata!.resourceVersion);
      assert.equal(got.kind, 'ConfigMap');
      const list = await c.list(ref, { labelSelector: 'app=a' });
      assert.deepEqual(list.items.map((i) => i.metadata!.name), ['a']);
      // Unfiltered: what storage splices for byte transports.
      const all = await c.list(ref);
      assert.ok(all.items.some((i) => i.metadata!.name === 'a' && /^\d+$/.test(i.metadata!.resourceVersion!)));
      assert.match(all.metadata.resourceVersion!, /^\d+$/);
      // As kube-apiserver's: the list has a kind, its items have none.
      assert.equal((all as { kind?: string }).kind, 'ConfigMapList');
      for (const i of all.items) assert.deepEqual([i.apiVersion, i.kind], [undefined, undefined]);
    });

    it('answers errors as Kubernetes Status (404, 409)', async () => {
      const c = make();
      await assert.rejects(c.get(ref, 'missing'), (e: { status?: { code?: number; reason?: string } }) => e.status?.code === 404 && e.status.reason === 'NotFound');
      await assert.rejects(c.create(ref, cm(ns, 'a')), (e: { status?: { code?: number } }) => e.status?.code === 409);
    });

    it('watches changes in order, each object decoded with its resourceVersion', async () => {
      const c = make();
      const start = (await c.list(ref)).metadata.resourceVersion;
      const w = await c.watch(ref, { resourceVersion: start });
      await c.create(ref, cm(ns, 'b', { n: '1' }));
      await c.patch(ref, 'b', 'merge', { data: { n: '2' } });
      await c.delete(ref, 'b');
      const events = (await take(w, 3)).map(summary);
      w.close();
      assert.deepEqual(events, [
        { type: 'ADDED', kind: 'ConfigMap', name: 'b', rv: true, data: { n: '1' } },
        { type: 'MODIFIED', kind: 'ConfigMap', name: 'b', rv: true, data: { n: '2' } },
        { type: 'DELETED', kind: 'ConfigMap', name: 'b', rv: true, data: { n: '2' } },
      ]);
    });

    it('filters watches by label selector, turning selector transitions into ADDED/DELETED', async () => {
      const c = make();
      const start = (await c.list(ref)).metadata.resourceVersion;
      const w = await c.watch(ref, { resourceVersion: start, labelSelector: 'app=c' });
      await c.create(ref, cm(ns, 'other'));
      await c.create(ref, cm(ns, 'c'));
      await c.patch(ref, 'c', 'merge', { metadata: { labels: { app: 'gone' } } });
      const events = (await take(w, 2)).map((e) => [e.type, (e.object as { metadata: { name: string } }).metadata.name]);
      w.close();
      assert.deepEqual(events, [['ADDED', 'c'], ['DELETED', 'c']]);
    });

    it('a refused watch is an ERROR event, then the end', async () => {
      const c = make();
      const w = await c.watch({ version: 'v1', resource: 'configmaps', namespace: ns }, { resourceVersion: 'not-a-number' });
      const events = await take(w, 2);
      assert.equal(events.length, 1);
      assert.equal(events[0]!.type, 'ERROR');
      assert.equal((events[0]!.object as { kind: string }).kind, 'Status');
    });

    it('a closed watch delivers nothing more', async () => {
      const c = make();
      const w = await c.watch(ref, { resourceVersion: (await c.list(ref)).metadata.resourceVersion });
      w.close();
      await c.create(ref, cm(ns, 'after-close'));
      assert.deepEqual(await take(w, 1), []);
    });
  });
}

describe('PortTransport', () => {
  it('drain waits for the answers in flight; close fails what is left and ends watches', async () => {
    const { client, transport } = portClient();
    const ns = 'contract-drain';
    await client.create({ version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const ref = { version: 'v1', resource: 'configmaps', namespace: ns };
    const writes = Array.from({ length: 20 }, (_, i) => client.create(ref, cm(ns, `d${i}`)));
    await transport.drain();
    const settled = await Promise.allSettled(writes);
    assert.ok(settled.every((s) => s.status === 'fulfilled'), 'every write answered before drain resolved');
    const w = await client.watch(ref, { resourceVersion: (await client.list(ref)).metadata.resourceVersion });
    const inFlight = client.get(ref, 'd0');
    transport.close();
    await assert.rejects(inFlight, /transport closed/);
    assert.deepEqual(await take(w, 1), []);
    await assert.rejects(client.get(ref, 'd0'), /transport closed/);
  });
});
