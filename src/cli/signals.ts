/**
 * stopOnSignals runs stop once on the first SIGINT or SIGTERM, then exits 0 (1 if stopping
 * failed). Later signals are ignored while stop runs, so a second Ctrl-C cannot cut a
 * Lease hand-over or a storage flush short.
 */
export function stopOnSignals(component: string, stop: () => Promise<void>, beforeStop?: () => void): void {
  let stopping = false;
  const onSignal = (sig: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${component}: ${sig} received, stopping`);
    beforeStop?.();
    stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
