import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeList, KubeObject, WatchEvent } from '../../api/meta.js';
import type { ListOptions, WatchOptions } from '../client.js';
import { AsyncQueue, type WatchHandle } from '../transport.js';
import type { ListerWatcher } from './reflector.js';
import { objectOf, SharedInformer } from './shared-informer.js';
import { Store } from './store.js';

const obj = (name: string, rv: string, ns = 'default'): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, resourceVersion: rv } });

/** FakeLW serves scripted lists and lets the test push watch events. */
class FakeLW implements ListerWatcher<KubeObject> {
  lists: KubeObject[][] = [];
  listRVs: string[] = [];
  listCalls: ListOptions[] = [];
  watchCalls: WatchOptions[] = [];
  watches: AsyncQueue<WatchEvent>[] = [];
  private watchWaiters: Array<() => void> = [];

  async list(opts: ListOptions): Promise<KubeList<KubeObject>> {
    this.listCalls.push(opts);
    const i = Math.min(this.listCalls.length - 1, this.lists.length - 1);
    return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: this.listRVs[i] }, items: this.lists[i]! };
  }

  async watch(opts: WatchOptions): Promise<WatchHandle> {
    this.watchCalls.push(opts);
    const q = new AsyncQueue<WatchEvent>();
    this.watches.push(q);
    for (const w of this.watchWaiters.splice(0)) w();
    return Object.assign(q, { close: () => q.end() });
  }

  async nextWatch(n: number): Promise<AsyncQueue<WatchEvent>> {
    while (this.watches.length < n) await new Promise<void>((r) => this.watchWaiters.push(r));
    return this.watches[n - 1]!;
  }
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SharedInformer', () => {
  it('lists, watches from the list resourceVersion with bookmarks, and notifies handlers', async () => {
    const lw = new FakeLW();
    lw.lists = [[obj('a', '5')]];
    lw.listRVs = ['10'];
    const inf = new SharedInformer(lw);
    const seen: string[] = [];
    inf.addEventHandler({
      onAdd: (o, initial) => seen.push(`add ${o.metadata!.name} ${initial}`),
      onUpdate: (o, n) => seen.push(`update ${o.metadata!.name} ${o.metadata!.resourceVersion}->${n.metadata!.resourceVersion}`),
      onDelete: (o) => seen.push(`delete ${objectOf(o).metadata!.name}`),
    });
    inf.start();
    await inf.waitForSync();
    assert.equal(inf.hasSynced(), true);
    const w = await lw.nextWatch(1);
    assert.deepEqual(lw.watchCalls[0], { resourceVersion: '10', allowWatchBookmarks: true, timeoutSeconds: undefined });
    w.push({ type: 'ADDED', object: obj('b', '11') });
    w.push({ type: 'MODIFIED', object: obj('a', '12') });
    w.push({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '13' } } });
    w.push({ type: 'DELETED', object: obj('b', '14') });
    await tick();
    assert.deepEqual(seen, ['add a true', 'add b false', 'update a 5->12', 'delete b']);
    assert.deepEqual(inf.store.keys(), ['default/a']);
    assert.equal(inf.lastSyncResourceVersion, '14');
    await inf.stop();
  });

  it('re-watches from the last resourceVersion when the stream ends', async () => {
    const lw = new FakeLW();
    lw.lists = [[]];
    lw.listRVs = ['3'];
    const inf = new SharedInformer(lw);
    inf.start();
    const w1 = await lw.nextWatch(1);
    w1.push({ type: 'ADDED', object: obj('a', '7') });
    w1.end();
    await lw.nextWatch(2);
    assert.equal(lw.watchCalls[1]!.resourceVersion, '7');
    assert.equal(lw.listCalls.length, 1);
    await inf.stop();
  });

  it('relists on a 410 ERROR event and delivers tombstones for objects that vanished', async () => {
    const lw = new FakeLW();
    lw.lists = [[obj('a', '1'), obj('b', '2')], [obj('a', '1'), obj('c', '30')]];
    lw.listRVs = ['5', '31'];
    const inf = new SharedInformer(lw);
    const seen: string[] = [];
    inf.addEventHandler({
      onAdd: (o) => seen.push(`add ${o.metadata!.name}`),
      onDelete: (o) => seen.push(`delete ${objectOf(o).metadata!.name} tombstone=${'tombstone' in o}`),
    });
    inf.start();
    const w1 = await lw.nextWatch(1);
    w1.push({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    await lw.nextWatch(2);
    assert.equal(lw.listCalls.length, 2);
    assert.equal(lw.watchCalls[1]!.resourceVersion, '31');
    assert.deepEqual(seen, ['add a', 'add b', 'add c', 'delete b tombstone=true']);
    await inf.stop();
  });

  it('a handler added after sync receives the cached objects', async () => {
    const lw = new FakeLW();
    lw.lists = [[obj('a', '1')]];
    lw.listRVs = ['1'];
    const inf = new SharedInformer(lw);
    inf.start();
    await inf.waitForSync();
    const seen: string[] = [];
    inf.addEventHandler({ onAdd: (o) => seen.push(o.metadata!.name!) });
    assert.deepEqual(seen, ['a']);
    await inf.stop();
  });
});

describe('Store indexes', () => {
  const labelled = (name: string, app?: string): KubeObject => ({ ...obj(name, '1'), metadata: { name, namespace: 'default', labels: app ? { app } : {} } });
  const byApp = (o: KubeObject) => (o.metadata?.labels?.app ? [o.metadata.labels.app] : []);
  const names = (os: KubeObject[]) => os.map((o) => o.metadata!.name).sort();

  it('files objects by index value through upsert, delete and replace', () => {
    const s = new Store<KubeObject>();
    s.upsert(labelled('a', 'web'));
    s.addIndex('app', byApp);
    s.upsert(labelled('b', 'web'));
    s.upsert(labelled('c', 'db'));
    s.upsert(labelled('d'));
    assert.deepEqual(names(s.byIndex('app', 'web')), ['a', 'b']);
    s.upsert(labelled('b', 'db'));
    assert.deepEqual(names(s.byIndex('app', 'web')), ['a']);
    assert.deepEqual(names(s.byIndex('app', 'db')), ['b', 'c']);
    s.delete(labelled('c'));
    assert.deepEqual(names(s.byIndex('app', 'db')), ['b']);
    s.replace([labelled('x', 'web'), labelled('y')]);
    assert.deepEqual(names(s.byIndex('app', 'web')), ['x']);
    assert.deepEqual(s.byIndex('app', 'db'), []);
    assert.throws(() => s.byIndex('nope', 'web'), /index nope does not exist/);
  });
});
