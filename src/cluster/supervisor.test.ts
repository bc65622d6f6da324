import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../util/clock.js';
import { supervise, type Supervised } from './supervisor.js';

/** Fake is a component whose crash the test decides. */
class Fake implements Supervised {
  stopped = false;
  crash = () => {};
  readonly exited = new Promise<void>((r) => (this.crash = r));
  constructor(readonly id: number) {}
  async stop(): Promise<void> {
    this.stopped = true;
  }
}

const flush = () => new Promise((r) => setImmediate(r));

function harness(failStarts: number[] = []) {
  const clock = new FakeClock();
  const started: Fake[] = [];
  const delays: number[] = [];
  let calls = 0;
  const start = async () => {
    const n = calls++;
    if (failStarts.includes(n)) throw new Error(`start ${n} fails`);
    const f = new Fake(n);
    started.push(f);
    return f;
  };
  return { clock, started, delays, start, opts: { clock, onRestart: (_: number, d: number) => delays.push(d) } };
}

describe('supervise', () => {
  it('restarts a crashed component after 1 s, doubling per crash up to 30 s', async () => {
    const h = harness();
    const sup = await supervise(h.start, h.opts);
    for (let i = 0; i < 7; i++) {
      h.started.at(-1)!.crash();
      await flush();
      assert.equal(sup.current(), undefined, 'nothing runs while waiting');
      h.clock.advance(h.delays.at(-1)!);
      await flush();
      assert.equal(sup.current(), h.started.at(-1));
    }
    assert.deepEqual(h.delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    await sup.stop();
  });

  it('a run of 5 minutes resets the delay', async () => {
    const h = harness();
    await supervise(h.start, h.opts).then(async (sup) => {
      h.started[0]!.crash();
      await flush();
      h.clock.advance(1000);
      await flush();
      h.clock.advance('5m');
      h.started[1]!.crash();
      await flush();
      assert.deepEqual(h.delays, [1000, 1000]);
      await sup.stop();
    });
  });

  it('a restart that fails is retried with the next delay', async () => {
    const h = harness([1]);
    const sup = await supervise(h.start, h.opts);
    h.started[0]!.crash();
    await flush();
    h.clock.advance(1000);
    await flush();
    assert.equal(sup.current(), undefined);
    h.clock.advance(2000);
    await flush();
    assert.equal(sup.current()?.id, 2);
    assert.deepEqual(h.delays, [1000, 2000]);
    await sup.stop();
  });

  it('stop ends the running component and cancels a pending restart', async () => {
    const h = harness();
    const sup = await supervise(h.start, h.opts);
    await sup.stop();
    assert.equal(h.started[0]!.stopped, true);

    const h2 = harness();
    const sup2 = await supervise(h2.start, h2.opts);
    h2.started[0]!.crash();
    await flush();
    await sup2.stop();
    h2.clock.advance('1m');
    await flush();
    assert.equal(h2.started.length, 1, 'no restart after stop');
  });

  it('the first start failing is the caller’s error', async () => {
    const h = harness([0]);
    await assert.rejects(supervise(h.start, h.opts), /start 0 fails/);
  });
});
