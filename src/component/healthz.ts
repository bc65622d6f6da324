import { TEXT_PLAIN, type HealthCheck, type HttpReply } from './types.js';

/** HealthEndpoint names the three upstream health roots. */
export type HealthEndpoint = 'healthz' | 'livez' | 'readyz';

/** HealthObserver receives each check result of a root probe, for the /metrics/slis SLIs. */
export type HealthObserver = (endpoint: HealthEndpoint, check: string, healthy: boolean) => void;

const HEADERS = { 'Content-Type': TEXT_PLAIN, 'X-Content-Type-Options': 'nosniff' };

/**
 * HealthGroup is one of /healthz, /livez, /readyz with its ordered checks. Output mirrors
 * upstream's healthz package byte for byte: `ok` on success, `[+]name ok` lines plus
 * `<endpoint> check passed` with ?verbose, and on failure always the verbose list with
 * `[-]name failed: reason withheld` (the reason is private; only /<endpoint>/<name> shows it).
 */
export class HealthGroup {
  private readonly checks: HealthCheck[] = [];

  constructor(
    readonly endpoint: HealthEndpoint,
    private readonly observe?: HealthObserver,
  ) {}

  /** add appends a check; names must be unique per endpoint because each gets its own sub-path. */
  add(check: HealthCheck): void {
    if (this.checks.some((c) => c.name === check.name)) throw new Error(`${this.endpoint} check ${JSON.stringify(check.name)} is already registered`);
    this.checks.push(check);
  }

  names(): string[] {
    return this.checks.map((c) => c.name);
  }

  /** serveRoot runs all checks except ?exclude= ones, in registration order. */
  async serveRoot(query: URLSearchParams): Promise<HttpReply> {
    const excluded = new Set(query.getAll('exclude'));
    let out = '';
    const failed: string[] = [];
    for (const c of this.checks) {
      if (excluded.delete(c.name)) {
        out += `[+]${c.name} excluded: ok\n`;
        continue;
      }
      const err = await runCheck(c);
      this.observe?.(this.endpoint, c.name, err === undefined);
      if (err === undefined) out += `[+]${c.name} ok\n`;
      else {
        out += `[-]${c.name} failed: reason withheld\n`;
        failed.push(c.name);
      }
    }
    if (excluded.size > 0) {
      const names = [...excluded].sort().map((n) => JSON.stringify(n)).join(', ');
      out += `warn: some health checks cannot be excluded: no matches for ${names}\n`;
    }
    if (failed.length > 0) return { status: 500, headers: HEADERS, body: `${out}${this.endpoint} check failed\n` };
    if (!query.has('verbose')) return { status: 200, headers: HEADERS, body: 'ok' };
    return { status: 200, headers: HEADERS, body: `${out}${this.endpoint} check passed\n` };
  }

  /** serveOne runs a single named check; undefined when there is no such check (a 404 upstream). */
  async serveOne(name: string): Promise<HttpReply | undefined> {
    const c = this.checks.find((x) => x.name === name);
    if (!c) return undefined;
    const err = await runCheck(c);
    if (err === undefined) return { status: 200, headers: HEADERS, body: 'ok' };
    return { status: 500, headers: HEADERS, body: `internal server error: ${err}\n` };
  }
}

/** runCheck returns undefined when healthy, else the failure message. */
async function runCheck(c: HealthCheck): Promise<string | undefined> {
  try {
    await c.check();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
