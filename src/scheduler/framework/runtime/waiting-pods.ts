import type { Clock } from '../../../util/clock.js';
import { Code, Status } from '../status.js';
import type { WaitingPod } from '../interface.js';
import type { Pod } from '../types.js';

/** MAX_PERMIT_TIMEOUT_MS caps Permit waits at 15 minutes, as upstream does. */
export const MAX_PERMIT_TIMEOUT_MS = 15 * 60_000;

/**
 * PodWaiting is a pod held at Permit: it resolves once every waiting plugin allowed it, or
 * with a rejection when one rejects it or its timer fires.
 */
export class PodWaiting implements WaitingPod {
  private pending: Map<string, () => void>;
  private resolve!: (s: Status | undefined) => void;
  readonly result: Promise<Status | undefined>;
  private settled = false;

  constructor(
    readonly pod: Pod,
    timeouts: Map<string, number>,
    clock: Clock,
  ) {
    this.result = new Promise((r) => (this.resolve = r));
    this.pending = new Map();
    for (const [plugin, ms] of timeouts) {
      const wait = Math.min(ms, MAX_PERMIT_TIMEOUT_MS);
      const cancel = clock.setTimeout(() => this.reject(plugin, `rejected due to timeout after waiting ${formatDuration(wait)} at plugin ${plugin}`), wait);
      this.pending.set(plugin, cancel);
    }
  }

  get pendingPlugins(): string[] {
    return [...this.pending.keys()];
  }

  allow(plugin: string): void {
    const cancel = this.pending.get(plugin);
    if (!cancel || this.settled) return;
    cancel();
    this.pending.delete(plugin);
    if (this.pending.size === 0) this.settle(undefined);
  }

  reject(plugin: string, msg: string): void {
    if (this.settled) return;
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
    this.settle(new Status(Code.Unschedulable, [msg]).withPlugin(plugin));
  }

  private settle(s: Status | undefined): void {
    this.settled = true;
    this.resolve(s);
  }
}

/** formatDuration prints ms the way Go's time.Duration does for whole units ("5m0s", "1.5s"). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  let s = ms / 1000;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const sec = `${Number(s.toFixed(3))}s`;
  return h ? `${h}h${m}m${sec}` : m ? `${m}m${sec}` : sec;
}
