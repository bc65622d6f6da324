import type { Clock } from '../util/clock.js';

/** Supervised is a component that can end on its own (exited) or be stopped. */
export interface Supervised {
  exited: Promise<void>;
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  clock: Clock;
  /** First restart delay; it doubles per restart up to maxDelayMs (defaults 1 s and 30 s). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A run at least this long resets the delay (default 5 minutes), as a kubelet's backoff. */
  resetAfterMs?: number;
  onRestart?: (attempt: number, delayMs: number) => void;
}

export interface Supervisor<T> {
  /** The running instance, or undefined while waiting to restart. */
  current(): T | undefined;
  stop(): Promise<void>;
}

/**
 * supervise keeps a component running the way a kubelet keeps a static pod running: when
 * it ends on its own it is started again after a delay that doubles per crash, reset by a
 * long enough run. Only the first start's failure reaches the caller.
 */
export async function supervise<T extends Supervised>(start: () => Promise<T>, o: SupervisorOptions): Promise<Supervisor<T>> {
  const initial = o.initialDelayMs ?? 1000;
  const max = o.maxDelayMs ?? 30_000;
  const resetAfter = o.resetAfterMs ?? 5 * 60_000;
  let current: T | undefined = await start();
  let stopped = false;
  let restarts = 0;
  let cancelTimer = () => {};
  let starting: Promise<unknown> = Promise.resolve();

  const restartLater = (ranMs: number) => {
    if (ranMs >= resetAfter) restarts = 0;
    const delay = Math.min(max, initial * 2 ** restarts);
    restarts++;
    o.onRestart?.(restarts, delay);
    cancelTimer = o.clock.setTimeout(() => {
      starting = start().then(
        (next) => {
          if (stopped) return next.stop();
          current = next;
          watch(next);
        },
        // A restart that fails counts as another crash.
        () => {
          if (!stopped) restartLater(0);
        },
      );
    }, delay);
  };
  const watch = (instance: T) => {
    const startedAt = o.clock.now();
    void instance.exited.then(() => {
      if (stopped || current !== instance) return;
      current = undefined;
      restartLater(o.clock.now() - startedAt);
    });
  };
  watch(current);

  return {
    current: () => current,
    async stop() {
      stopped = true;
      cancelTimer();
      await starting;
      await current?.stop();
    },
  };
}
