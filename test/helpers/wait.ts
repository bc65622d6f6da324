/**
 * waitFor polls fn until it returns something other than undefined, for state that another
 * component (scheduler, informer, server process) reaches on its own. It fails with `what`
 * after timeoutMs; it asserts nothing about how long that took.
 */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000, intervalMs = 10): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
