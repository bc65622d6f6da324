/**
 * Measuring like scheduler_perf's throughputCollector, without a second pod informer: the
 * scheduler's own transport notes every successful pods/binding, so "scheduled" means the
 * binding was stored, and the bench adds no watch (and no decoding) of its own.
 */
import type { ClientRequest, ClientResponse, Transport, WatchHandle } from '../../src/client/transport.js';

/**
 * BindingCounter wraps the scheduler's transport and counts bindings per namespace, and
 * event writes: a scheduler in its own thread gets ahead of its events, which the API
 * server then still has to write.
 */
export class BindingCounter implements Transport {
  private readonly counts = new Map<string, number>();
  private readonly waiters: Array<{ ns: string; n: number; resolve: () => void }> = [];
  /** lastBinding is performance.now() of the newest successful binding. */
  lastBinding = 0;
  /** events counts event creates answered; lastEvent is performance.now() of the newest. */
  events = 0;
  lastEvent = 0;

  constructor(private readonly inner: Transport) {}

  count(ns: string): number {
    return this.counts.get(ns) ?? 0;
  }

  /** waitFor resolves once n pods of ns are bound. */
  waitFor(ns: string, n: number): Promise<void> {
    if (this.count(ns) >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ns, n, resolve }));
  }

  async request(req: ClientRequest): Promise<ClientResponse> {
    const res = await this.inner.request(req);
    if (req.method === 'POST' && req.path.endsWith('/events')) {
      this.events++;
      this.lastEvent = performance.now();
    }
    if (req.method === 'POST' && res.status < 300 && req.path.endsWith('/binding')) {
      const ns = /\/namespaces\/([^/]+)\//.exec(req.path)?.[1] ?? '';
      const n = (this.counts.get(ns) ?? 0) + 1;
      this.counts.set(ns, n);
      this.lastBinding = performance.now();
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i]!;
        if (w.ns === ns && n >= w.n) {
          this.waiters.splice(i, 1);
          w.resolve();
        }
      }
    }
    return res;
  }

  watch(req: ClientRequest): Promise<WatchHandle> {
    return this.inner.watch(req);
  }

  close(): void {
    this.inner.close?.();
  }
}

/**
 * Sampler takes a throughput sample every second (pods bound since the last sample), as
 * upstream's collector does; the last, shorter interval is scaled to a per-second rate.
 */
export class Sampler {
  readonly samples: number[] = [];
  private last = 0;
  private lastAt = performance.now();
  private timer?: NodeJS.Timeout;

  constructor(private readonly bound: () => number) {}

  start(): void {
    this.last = this.bound();
    this.lastAt = performance.now();
    this.timer = setInterval(() => this.take(), 1000);
  }

  stop(): void {
    clearInterval(this.timer);
    const secs = (performance.now() - this.lastAt) / 1000;
    if (secs > 0.05 && this.bound() > this.last) this.take(secs);
  }

  private take(secs?: number): void {
    const now = performance.now();
    const n = this.bound();
    // A starved event loop fires the interval late; rate over the real interval, like upstream since 1.30.
    this.samples.push((n - this.last) / (secs ?? (now - this.lastAt) / 1000));
    this.last = n;
    this.lastAt = now;
  }
}

/** summary is upstream's SchedulingThroughput data item: Average and percentiles of the samples. */
export function summary(samples: readonly number[]): { average: number; perc50: number; perc90: number; perc99: number } {
  if (samples.length === 0) return { average: 0, perc50: 0, perc90: 0, perc99: 0 };
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.ceil((s.length * p) / 100) - 1]!;
  return { average: s.reduce((a, b) => a + b, 0) / s.length, perc50: at(50), perc90: at(90), perc99: at(99) };
}
