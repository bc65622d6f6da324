import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../util/clock.js';
import { EventSeries, type SeriesSink } from './event-series.js';

type Write = { op: 'create'; name: string; series?: unknown } | { op: 'patch'; name: string; count: number; lastObservedTime: string };

function harness(missing = new Set<string>()) {
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  const writes: Write[] = [];
  const sink: SeriesSink = {
    create: async (_ns, ev) => {
      writes.push({ op: 'create', name: (ev.metadata as { name: string }).name, ...(ev.series ? { series: ev.series } : {}) });
    },
    patchSeries: async (_ns, name, s) => {
      writes.push({ op: 'patch', name, ...s });
      return !missing.has(name);
    },
  };
  const errors: unknown[] = [];
  const series = new EventSeries(sink, clock, (e) => errors.push(e));
  const record = (key: string, name: string) => series.record(key, 'ns', name, { metadata: { name } });
  return { clock, writes, series, record, errors, flush: () => new Promise((r) => setImmediate(r)) };
}

describe('EventSeries (client-go events broadcaster deduplication)', () => {
  it('creates the first, patches count 2 on the second, counts the rest and writes the final count when the series ends', async () => {
    const h = harness();
    h.record('k', 'e1');
    h.record('k', 'e2');
    h.clock.advance('10s');
    h.record('k', 'e3');
    h.record('k', 'e4');
    await h.flush();
    assert.deepEqual(h.writes, [
      { op: 'create', name: 'e1' },
      { op: 'patch', name: 'e1', count: 2, lastObservedTime: '2026-01-01T00:00:00.000000Z' },
    ]);
    // 6 minutes after the last one the series is finished: its final count is written.
    h.clock.advance('6m');
    await h.flush();
    h.clock.advance('6m');
    await h.flush();
    assert.deepEqual(h.writes.at(-1), { op: 'patch', name: 'e1', count: 4, lastObservedTime: '2026-01-01T00:00:10.000000Z' });
    // Forgotten now: the next one is a new event.
    h.record('k', 'e5');
    await h.flush();
    assert.deepEqual(h.writes.at(-1), { op: 'create', name: 'e5' });
    h.series.stop();
    assert.deepEqual(h.errors, []);
  });

  it('events with other keys are separate; a single event is forgotten after 6 minutes', async () => {
    const h = harness();
    h.record('a', 'a1');
    h.record('b', 'b1');
    h.clock.advance('7m');
    h.clock.advance('6m');
    h.record('a', 'a2');
    await h.flush();
    assert.deepEqual(h.writes.map((w) => `${w.op}:${w.name}`), ['create:a1', 'create:b1', 'create:a2']);
    h.series.stop();
  });

  it('a series that goes on is refreshed every 30 minutes', async () => {
    const h = harness();
    h.record('k', 'e1');
    h.record('k', 'e2');
    for (let i = 0; i < 6; i++) {
      h.clock.advance('5m');
      h.record('k', `again${i}`);
    }
    await h.flush();
    const patches = h.writes.filter((w) => w.op === 'patch');
    assert.deepEqual(patches.map((p) => (p as { count: number }).count), [2, 7], 'count 2 at once, then the refresh at 30 minutes');
    h.series.stop();
  });

  it('a series whose event was deleted is created again, with its series', async () => {
    const h = harness(new Set(['e1']));
    h.record('k', 'e1');
    h.record('k', 'e2');
    await h.flush();
    await h.flush();
    assert.deepEqual(h.writes.at(-1), { op: 'create', name: 'e1', series: { count: 2, lastObservedTime: '2026-01-01T00:00:00.000000Z' } });
    h.series.stop();
  });

  it('stop cancels the timers', () => {
    const h = harness();
    h.record('k', 'e1');
    assert.equal(h.clock.pending(), 2);
    h.series.stop();
    assert.equal(h.clock.pending(), 0);
  });
});
