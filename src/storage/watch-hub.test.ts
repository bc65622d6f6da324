import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StorageEvent } from './interface.js';
import { frozenEvent, frozenKv } from './checks.js';
import { WatchHub } from './watch-hub.js';

const put = (key: string, rev: number): StorageEvent => frozenEvent('PUT', frozenKv(key, 'v', rev, rev), undefined);
const tick = () => new Promise((r) => setImmediate(r));

describe('WatchHub', () => {
  it('delivers history first, then live events it has not replayed', async () => {
    const hub = new WatchHub();
    const got: number[] = [];
    hub.subscribe('/a/', 1, [put('/a/x', 2), put('/a/y', 3)], { onEvent: (e) => got.push(e.revision) });
    hub.publish(put('/a/x', 3)); // already replayed
    hub.publish(put('/b/x', 4)); // other prefix
    hub.publish(put('/a/z', 5));
    assert.deepEqual(got, [], 'delivery is asynchronous');
    await tick();
    assert.deepEqual(got, [2, 3, 5]);
  });

  it('ends only the watch whose handler throws', async () => {
    const hub = new WatchHub();
    const errors: string[] = [];
    const good: number[] = [];
    hub.subscribe('/', 0, [], {
      onEvent: () => {
        throw new Error('boom');
      },
      onError: (e) => errors.push(e.message),
    });
    hub.subscribe('/', 0, [], { onEvent: (e) => good.push(e.revision) });
    hub.publish(put('/a', 1));
    await tick();
    hub.publish(put('/a', 2));
    await tick();
    assert.deepEqual(errors, ['boom']);
    assert.deepEqual(good, [1, 2]);
    assert.equal(hub.size, 1);
  });

  it('closeAll reports the error once to every watcher and drops them', async () => {
    const hub = new WatchHub();
    const errors: string[] = [];
    const stopped = hub.subscribe('/', 0, [], { onEvent: () => {}, onError: (e) => errors.push(`a:${e.message}`) });
    hub.subscribe('/', 0, [], { onEvent: () => {}, onError: (e) => errors.push(`b:${e.message}`) });
    stopped.stop();
    hub.closeAll(new Error('closed'));
    hub.closeAll(new Error('again'));
    assert.deepEqual(errors, ['b:closed']);
    assert.equal(hub.size, 0);
  });
});
