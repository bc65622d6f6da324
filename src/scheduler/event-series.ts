import type { Clock } from '../util/clock.js';
import { microTime } from '../util/time.js';

/** FINISH_MS and REFRESH_MS are client-go's events broadcaster finishTime and refreshTime. */
const FINISH_MS = 6 * 60_000;
const REFRESH_MS = 30 * 60_000;

interface Recorded {
  namespace: string;
  name: string;
  /**
   * Only for series: the event to create again, under the first one's name, should it have
   * been deleted. A single event keeps just its name: every pod's Scheduled event is one,
   * and they stay cached for 6 minutes.
   */
  event?: Record<string, unknown>;
  eventTime: number;
  series?: { count: number; lastObserved: number };
}

/** SeriesSink is where EventSeries writes: create an event, or patch a series onto one. */
export interface SeriesSink {
  create(namespace: string, event: Record<string, unknown>): Promise<unknown>;
  /** patchSeries resolves false when the event no longer exists. */
  patchSeries(namespace: string, name: string, series: { count: number; lastObservedTime: string }): Promise<boolean>;
}

/**
 * EventSeries is the deduplication of client-go's events broadcaster (tools/events), which
 * kube-scheduler records with: an event isomorphic to one recorded before (same action,
 * reason, reporting controller, regarding object with its resourceVersion, note and
 * related object) is not created again. The second makes the first a series (count 2,
 * patched at once); later ones only count, written when the series ends (6 minutes
 * without one) or every 30 minutes while it goes on. A single event is forgotten after 6
 * minutes, so the next one is new.
 */
export class EventSeries {
  private readonly cache = new Map<string, Recorded>();
  private cancel: Array<() => void> = [];

  constructor(
    private readonly sink: SeriesSink,
    private readonly clock: Clock,
    private readonly onError: (e: unknown) => void,
  ) {}

  record(key: string, namespace: string, name: string, event: Record<string, unknown>): void {
    const now = this.clock.now();
    const hit = this.cache.get(key);
    if (hit?.series) {
      hit.series.count++;
      hit.series.lastObserved = now;
      return;
    }
    if (hit) {
      // Isomorphic: this event is the first one but for its name.
      hit.event = { ...event, metadata: { ...(event.metadata as object), name: hit.name } };
      hit.series = { count: 2, lastObserved: now };
      this.writeSeries(hit);
      return;
    }
    this.startTimers();
    this.cache.set(key, { namespace, name, eventTime: now });
    this.sink.create(namespace, event).catch(this.onError);
  }

  stop(): void {
    for (const c of this.cancel.splice(0)) c();
  }

  private writeSeries(r: Recorded): void {
    const series = { count: r.series!.count, lastObservedTime: microTime(r.series!.lastObserved) };
    this.sink
      .patchSeries(r.namespace, r.name, series)
      .then((found) => (found ? undefined : this.sink.create(r.namespace, { ...r.event!, series })))
      .catch(this.onError);
  }

  private startTimers(): void {
    if (this.cancel.length > 0) return;
    this.cancel.push(
      repeat(this.clock, FINISH_MS, () => this.finish()),
      repeat(this.clock, REFRESH_MS, () => {
        for (const r of this.cache.values()) if (r.series) this.writeSeries(r);
      }),
    );
  }

  /** finish writes the final count of series that stopped and forgets old single events. */
  private finish(): void {
    const before = this.clock.now() - FINISH_MS;
    for (const [key, r] of this.cache) {
      if (r.series) {
        if (r.series.lastObserved >= before) continue;
        this.writeSeries(r);
      } else if (r.eventTime >= before) continue;
      this.cache.delete(key);
    }
  }
}

/** repeat runs fn every ms on the clock; the returned function stops it. */
function repeat(clock: Clock, ms: number, fn: () => void): () => void {
  let cancel = () => {};
  const tick = () => {
    fn();
    cancel = clock.setTimeout(tick, ms);
  };
  cancel = clock.setTimeout(tick, ms);
  return () => cancel();
}
