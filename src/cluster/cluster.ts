import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BUILTIN_RESOURCES, servedResources } from '../api/resources/index.js';
import { ensurePki, sharedPkiInMemory, type ClusterPki } from '../apiserver/auth/certs.js';
import { serveHttps, type RunningServer } from '../apiserver/http.js';
import { TokenSigner } from '../apiserver/auth/tokens.js';
import { ApiServer } from '../apiserver/server.js';
import { Client } from '../client/client.js';
import { HttpTransport } from '../client/http-transport.js';
import { FeatureGates, parseRuntimeConfig } from '../machinery/features/index.js';
import { openStorage } from '../storage/index.js';
import type { Storage } from '../storage/interface.js';
import { realClock, type Clock } from '../util/clock.js';
import { apiServerComponent } from './component.js';
import { InProcessTransport } from './in-process-transport.js';
import type { ComponentServer } from '../component/index.js';
import { startEmbeddedScheduler } from './scheduler-component.js';
import { startSchedulerThread } from './scheduler-thread.js';
import { supervise } from './supervisor.js';
import { adminKubeconfig, writeKubeconfig } from './kubeconfig.js';
import { builtinServices } from './services.js';

const SCHEDULER_USER = { name: 'system:kube-scheduler', groups: ['system:authenticated'] };

export interface ClusterOptions {
  /** 'sqlite' (default for `k8ts up`) keeps data in dataDir; 'memory' keeps nothing. */
  storage?: 'memory' | 'sqlite';
  dataDir?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  featureGates?: string;
  runtimeConfig?: string;
  clock?: Clock;
  /** Serve HTTPS (default true); false gives an in-process-only cluster. */
  http?: boolean;
  /** Compact storage history older than this many ms (default 5 minutes). */
  compactionIntervalMs?: number;
  /** Run kube-scheduler in-process (default false for the library; `k8ts up` turns it on). */
  scheduler?: boolean;
  /**
   * Serve the in-process scheduler's own component endpoints (healthz, metrics, statusz,
   * flagz as kube-scheduler) over HTTPS on this port (0 picks one); unset = not served.
   */
  schedulerSecurePort?: number;
  /**
   * Run the scheduler in a worker thread (`k8ts up` does) rather than on the caller's thread
   * (the default). A worker uses a second core, for throughput; inline, the scheduler is
   * ready in milliseconds instead of the ~300 ms a worker takes to load, which is what test
   * suites starting many clusters want. With an injected clock it always stays inline: a
   * fake clock cannot cross threads.
   */
  schedulerThread?: boolean;
}

export interface Cluster {
  /** Where the admin kubeconfig was written, and its content. */
  kubeconfig: { path: string; object: ReturnType<typeof adminKubeconfig> };
  /** In-process client: the full request pipeline without serialization or sockets. */
  client: Client;
  /** A new HTTPS client authenticated as the cluster admin. */
  httpClient(): Client;
  url: string;
  /** https://host:port of the in-process scheduler's component endpoints, when served. */
  schedulerUrl?: string;
  api: ApiServer;
  gates: FeatureGates;
  storage: Storage;
  stop(): Promise<void>;
}

/**
 * startCluster brings up a v1.35 API server: storage, the request pipeline, HTTPS and an
 * admin kubeconfig. It is both `k8ts up` and the library entry for test suites.
 */
export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const clock = opts.clock ?? realClock;
  const gates = FeatureGates.parse(opts.featureGates);
  const runtimeConfig = parseRuntimeConfig(opts.runtimeConfig);
  const kind = opts.storage ?? 'memory';
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : undefined;
  const tempDir = dataDir ? undefined : await mkdtemp(join(tmpdir(), 'k8ts-'));
  const dir = dataDir ?? tempDir!;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const storage = await openStorage(kind === 'sqlite' ? { type: 'sqlite', path: join(dir, 'state.db') } : { type: 'memory' });
  const pki: ClusterPki = kind === 'memory' && !dataDir ? await sharedPkiInMemory() : await ensurePki(dir);
  const resources = servedResources(BUILTIN_RESOURCES, {
    runtimeConfig: Object.fromEntries(runtimeConfig),
    featureGates: Object.fromEntries(gates.known().map((g) => [g, gates.enabled(g)])),
  });
  const host = opts.host ?? '127.0.0.1';
  const services = builtinServices(resources, (g) => gates.enabled(g));
  const api = new ApiServer({ storage, clock, resources, gates: (g) => gates.enabled(g), tokens: new TokenSigner(pki.serviceAccountKey), caCert: pki.ca.cert, ...services });
  await api.bootstrap();
  let http: RunningServer | undefined;
  let url = '';
  const component = apiServerComponent({ gates, clock, flags: { 'data-dir': dir, storage: kind, port: String(opts.port ?? 0), 'feature-gates': opts.featureGates ?? '', 'runtime-config': opts.runtimeConfig ?? '' }, storage });
  if (opts.http !== false) {
    http = await serveHttps(api, { host, port: opts.port ?? 0, cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert, component });
    url = `https://${host}:${http.port}`;
    (api.opts as { serverAddress?: string }).serverAddress = `${host}:${http.port}`;
  }
  const kubeconfigObject = adminKubeconfig(url, pki);
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfigPath, kubeconfigObject);
  const compactEvery = opts.compactionIntervalMs ?? 5 * 60_000;
  let lastRev = await storage.currentRevision();
  let cancelCompact = () => {};
  const scheduleCompaction = () => {
    cancelCompact = clock.setTimeout(() => {
      // Keep one interval of history, as kube-apiserver's periodic etcd compaction does.
      void (async () => {
        const target = lastRev;
        lastRev = await storage.currentRevision();
        if (target > (await storage.compactRevision())) await storage.compact(target);
      })().catch(() => undefined).finally(scheduleCompaction);
    }, compactEvery);
  };
  scheduleCompaction();
  const clients: Client[] = [];
  const client = new Client(new InProcessTransport(api));
  const scheduler = opts.scheduler ? await startClusterScheduler(opts, { api, gates, clock, host, pki, metrics: component.server }) : undefined;
  return {
    kubeconfig: { path: kubeconfigPath, object: kubeconfigObject },
    client,
    httpClient() {
      const c = new Client(new HttpTransport({ server: url, ca: pki.ca.cert, cert: pki.admin.cert, key: pki.admin.key }));
      clients.push(c);
      return c;
    },
    url,
    schedulerUrl: scheduler?.componentPort !== undefined ? `https://${host}:${scheduler.componentPort}` : undefined,
    api,
    gates,
    storage,
    async stop() {
      cancelCompact();
      await scheduler?.stop();
      api.terminateWatches();
      for (const c of clients) c.close();
      await http?.close();
      await api.drain();
      await storage.close();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}

interface ClusterScheduler {
  componentPort?: number;
  stop(): Promise<void>;
}

/**
 * startClusterScheduler runs kube-scheduler as `k8ts up` does: as system:kube-scheduler,
 * without leader election (this API server has exactly one scheduler), its metrics also on
 * the API server's /metrics, and its own endpoints when schedulerSecurePort is set.
 */
async function startClusterScheduler(
  opts: ClusterOptions,
  c: { api: ApiServer; gates: FeatureGates; clock: Clock; host: string; pki: ClusterPki; metrics: ComponentServer },
): Promise<ClusterScheduler> {
  const flags = { 'secure-port': String(opts.schedulerSecurePort), 'bind-address': c.host, 'feature-gates': opts.featureGates ?? '', 'leader-elect': 'false' };
  const serving = opts.schedulerSecurePort !== undefined ? { port: opts.schedulerSecurePort, host: c.host, cert: c.pki.server.cert, key: c.pki.server.key, clientCa: c.pki.ca.cert } : undefined;
  if (opts.schedulerThread && !opts.clock) {
    // Restarts reuse the first run's port, so a port of 0 stays where it was first bound.
    let port = serving?.port;
    const start = () =>
      startSchedulerThread({
        api: c.api,
        user: SCHEDULER_USER,
        featureGates: opts.featureGates ?? '',
        component: serving && { ...serving, port: port!, flags },
        onWarning: (m) => process.emitWarning(m),
      });
    const sup = await supervise(start, { clock: realClock, onRestart: (n, ms) => process.emitWarning(`k8ts scheduler: the scheduler thread ended; restart ${n} in ${ms} ms`) });
    const componentPort = sup.current()?.componentPort;
    port = componentPort;
    c.metrics.addMetricsSource(() => sup.current()?.metrics() ?? Promise.resolve(''));
    return { componentPort, stop: () => sup.stop() };
  }
  const scheduler = startEmbeddedScheduler({
    client: new Client(new InProcessTransport(c.api, SCHEDULER_USER)),
    clock: c.clock,
    gates: c.gates,
    flags,
    serving,
    metrics: c.metrics.metrics,
    onError: (e) => process.emitWarning(`k8ts scheduler: ${String(e)}`),
  });
  await scheduler.listening;
  return scheduler;
}
