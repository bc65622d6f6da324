import type { Registry } from 'prom-client';
import { newStatusError } from '../machinery/errors.js';
import { realClock, type Clock } from '../util/clock.js';
import { stringify as toYaml } from 'yaml';
import { bootstrapAuthorize, forbidden } from './authorize.js';
import { HealthGroup, type HealthEndpoint } from './healthz.js';
import { HealthSLIs, createComponentRegistry } from './metrics.js';
import { ZPAGE_MEDIA_TYPES, negotiateZPage } from './negotiate.js';
import { DELIMITERS, aggregatePaths, flagz, flagzText, statusz, statuszText } from './zpages.js';
import {
  TEXT_PLAIN,
  send,
  type Authorizer,
  type ComponentInfo,
  type ComponentUser,
  type HealthCheck,
  type HealthKind,
  type HttpReply,
  type RequestLike,
  type ResponseLike,
} from './types.js';

/** ComponentServerOptions are the injectable seams of a ComponentServer. */
export interface ComponentServerOptions {
  clock?: Clock;
  /** Registry for /metrics; created (with process metrics) when absent. */
  registry?: Registry;
  /** Policy applied when handle() is given a user; defaults to the v1.35 bootstrap RBAC. */
  authorize?: Authorizer;
  /** Source of randomness for the per-process z-page delimiter; tests pin it. */
  random?: () => number;
}

const HEALTH: HealthEndpoint[] = ['healthz', 'livez', 'readyz'];

/**
 * ComponentServer serves the debug endpoints every control-plane component has —
 * /healthz, /livez, /readyz (with per-check sub-paths), /metrics, /metrics/slis and, behind
 * the ComponentStatusz / ComponentFlagz gates, /statusz and /flagz — so the API server,
 * scheduler, controller manager and kubelet behave alike. It is transport-neutral: the owner
 * calls handle() from its own HTTP/1.1 or HTTP/2 server and falls through when it returns false.
 */
export class ComponentServer {
  readonly metrics: Registry;
  private readonly groups: Record<HealthEndpoint, HealthGroup>;
  private readonly slis = new HealthSLIs();
  private readonly clock: Clock;
  private readonly authorize: Authorizer;
  private readonly delimiter: string;
  private flagzTextCache?: string;
  private shuttingDown = false;
  private readonly metricsSources: Array<() => Promise<string>> = [];

  constructor(
    readonly info: ComponentInfo,
    opts: ComponentServerOptions = {},
  ) {
    this.clock = opts.clock ?? realClock;
    this.authorize = opts.authorize ?? bootstrapAuthorize;
    this.delimiter = DELIMITERS[Math.floor((opts.random ?? Math.random)() * DELIMITERS.length)] ?? ':';
    this.metrics = createComponentRegistry({ gates: info.gates, binaryVersion: info.binaryVersion, registry: opts.registry });
    this.groups = {
      healthz: new HealthGroup('healthz', this.slis.observe),
      livez: new HealthGroup('livez', this.slis.observe),
      readyz: new HealthGroup('readyz', this.slis.observe),
    };
    // upstream's default checks, present on every component
    const ping: HealthCheck = { name: 'ping', check: () => {} };
    const log: HealthCheck = { name: 'log', check: () => {} };
    for (const g of HEALTH) {
      this.groups[g].add(ping);
      this.groups[g].add(log);
    }
  }

  /** addHealthCheck registers a check on one endpoint, or on all three with 'all'. */
  addHealthCheck(kind: HealthKind, check: HealthCheck): void {
    for (const g of kind === 'all' ? HEALTH : [kind]) this.groups[g].add(check);
  }

  /**
   * markShuttingDown makes /readyz fail through its `shutdown` check (added on first call, so
   * it is listed last as upstream does) while /livez stays healthy, letting load balancers drain.
   */
  markShuttingDown(): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    this.groups.readyz.add({
      name: 'shutdown',
      check: () => {
        throw new Error('process is shutting down');
      },
    });
  }

  /** paths lists every path this server answers, for /statusz and for embedding servers' discovery. */
  paths(): string[] {
    const own = ['/metrics', '/metrics/slis'];
    for (const g of HEALTH) own.push(`/${g}`, ...this.groups[g].names().map((n) => `/${g}/${n}`));
    if (this.info.gates.enabled('ComponentStatusz')) own.push('/statusz');
    if (this.info.gates.enabled('ComponentFlagz')) own.push('/flagz');
    return [...own, ...(this.info.paths?.() ?? [])];
  }

  /**
   * handle answers one request if its path is a component endpoint and returns true; it
   * returns false (writing nothing) for any other path, including a z-page whose gate is off,
   * so the caller renders its own 404. With a user, access is authorized first (403 Status).
   */
  async handle(req: RequestLike, res: ResponseLike, user?: ComponentUser): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://component.invalid');
    const route = this.route(url.pathname);
    if (!route) return false;
    const verb = (req.method ?? 'GET').toLowerCase() === 'head' ? 'get' : (req.method ?? 'GET').toLowerCase();
    if (user && !(await this.authorize(user, verb, url.pathname))) {
      send(res, forbidden(user, verb, url.pathname));
      return true;
    }
    const reply = await route(url, headerValue(req.headers.accept));
    if (!reply) return false;
    send(res, reply);
    return true;
  }

  private route(path: string): ((url: URL, accept: string | undefined) => Promise<HttpReply | undefined>) | undefined {
    for (const g of HEALTH) {
      if (path === `/${g}`) return (url) => this.groups[g].serveRoot(url.searchParams);
      if (path.startsWith(`/${g}/`)) return () => this.groups[g].serveOne(path.slice(g.length + 2));
    }
    if (path === '/metrics') return () => this.scrapeAll();
    if (path === '/metrics/slis') return () => scrape(this.slis.registry);
    if (path === '/statusz' && this.info.gates.enabled('ComponentStatusz')) return async (_u, accept) => this.statusz(accept);
    if (path === '/flagz' && this.info.gates.enabled('ComponentFlagz')) return async (_u, accept) => this.flagz(accept);
    return undefined;
  }

  /**
   * addMetricsSource appends another registry's exposition text to /metrics: a component in
   * a worker thread keeps its metrics there, and the names must not clash with this one's.
   */
  addMetricsSource(source: () => Promise<string>): void {
    this.metricsSources.push(source);
  }

  private async scrapeAll(): Promise<HttpReply> {
    const reply = await scrape(this.metrics);
    if (this.metricsSources.length === 0) return reply;
    const extra = await Promise.all(this.metricsSources.map((s) => s().catch(() => '')));
    return { ...reply, body: [reply.body, ...extra].filter((t) => t.length > 0).map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join('') };
  }

  private statusz(accept: string | undefined): HttpReply {
    const format = negotiateZPage(accept, 'Statusz');
    if (!format) return notAcceptable();
    const obj = statusz(this.info, this.clock.now(), aggregatePaths(this.paths()));
    if (format === 'text') return { status: 200, headers: { 'Content-Type': TEXT_PLAIN }, body: statuszText(obj, this.info.startTime, this.delimiter) };
    return structured(obj, format);
  }

  private flagz(accept: string | undefined): HttpReply {
    const format = negotiateZPage(accept, 'Flagz');
    if (!format) return notAcceptable();
    const obj = flagz(this.info);
    if (format !== 'text') return structured(obj, format);
    // flags do not change at runtime, so the text (and its delimiter) is rendered once
    this.flagzTextCache ??= flagzText(obj, this.delimiter);
    return { status: 200, headers: { 'Content-Type': TEXT_PLAIN }, body: this.flagzTextCache };
  }
}

async function scrape(registry: Registry): Promise<HttpReply> {
  return { status: 200, headers: { 'Content-Type': registry.contentType }, body: await registry.metrics() };
}

function structured(obj: object, format: 'json' | 'yaml'): HttpReply {
  if (format === 'yaml') return { status: 200, headers: { 'Content-Type': 'application/yaml' }, body: toYaml(obj) };
  return { status: 200, headers: { 'Content-Type': 'application/json' }, body: `${JSON.stringify(obj)}\n` };
}

/** notAcceptable is the apiserver's 406 Status, written as raw JSON since nothing else was acceptable. */
function notAcceptable(): HttpReply {
  const status = newStatusError('NotAcceptable', `only the following media types are accepted: ${ZPAGE_MEDIA_TYPES.join(', ')}`).status;
  return { status: 406, headers: { 'Content-Type': 'application/json' }, body: `${JSON.stringify(status)}\n` };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}
