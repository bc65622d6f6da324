import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { ApiServer } from '../apiserver/server.js';
import type { UserInfo } from '../apiserver/types.js';
import type { Transport } from '../client/transport.js';
import type { Profile } from '../scheduler/framework/runtime/framework.js';
import { InProcessTransport } from './in-process-transport.js';
import { servePort } from './port-server.js';

/** STOP_GRACE_MS bounds a graceful stop (bindings and events in flight) before the worker is ended. */
const STOP_GRACE_MS = 5000;

/** SchedulerWorkerData is what the worker starts from; all of it crosses by structured clone. */
export interface SchedulerWorkerData {
  port: MessagePort;
  featureGates: string;
  profile?: Partial<Profile>;
  /** Serve kube-scheduler's own endpoints from the worker (k8ts up --scheduler-secure-port). */
  component?: { port: number; host: string; cert: string; key: string; clientCa: string; flags: Record<string, string> };
}

export type ToWorker = { op: 'metrics'; id: number } | { op: 'stop' };
export type ToMain =
  | { op: 'started' }
  | { op: 'synced' }
  | { op: 'listening'; port: number }
  | { op: 'warning'; message: string }
  | { op: 'metrics'; id: number; text: string }
  | { op: 'stopped' };

export interface SchedulerThreadOptions extends Omit<SchedulerWorkerData, 'port'> {
  api: ApiServer;
  user: UserInfo;
  /**
   * Where the scheduler's requests go; default the API server as `user` (the bench counts
   * bindings here). Build it with InProcessTransport's serializedJson, as the default is.
   */
  requests?: Pick<Transport, 'request'>;
  onWarning?: (message: string) => void;
}

export interface SchedulerThread {
  /** Resolves once the scheduler's informers have listed pods and nodes. */
  synced: Promise<void>;
  /** The port of kube-scheduler's component endpoints, when served. */
  componentPort?: number;
  /** Resolves if the worker ends on its own (a crash), never after stop(). */
  exited: Promise<void>;
  /** metrics is the scheduler's Prometheus exposition text. */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * startSchedulerThread runs kube-scheduler in a worker thread of this process: Node.js runs
 * JavaScript on one core per thread, and scheduling cycles would otherwise take turns with
 * the API server's request handling. The worker reaches the API server through a
 * MessagePort (PortTransport), with the same authentication, admission and validation as
 * every other client.
 */
export async function startSchedulerThread(o: SchedulerThreadOptions): Promise<SchedulerThread> {
  const { port1, port2 } = new MessageChannel();
  // Lists cross as the JSON text storage splices: this thread neither decodes nor clones them.
  const inProcess = new InProcessTransport(o.api, o.user, { serializedJson: true });
  const stopServing = servePort(port1, o.requests ?? inProcess, inProcess.watchFrames);
  const data: SchedulerWorkerData = { port: port2, featureGates: o.featureGates, profile: o.profile, component: o.component };
  // Under tsx (tests, development) this module is .ts and so is the worker's, which needs tsx's loader.
  const ext = extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./scheduler-worker${ext}`, import.meta.url);
  const worker = ext === '.ts'
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, workerData: data, transferList: [port2] })
    : new Worker(entry, { workerData: data, transferList: [port2] });
  const warn = o.onWarning ?? ((m: string) => process.emitWarning(m));
  let resolveSynced = () => {};
  const synced = new Promise<void>((r) => (resolveSynced = r));
  let resolveStopped = () => {};
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  const metricsWaiters = new Map<number, (text: string) => void>();
  let nextMetricsId = 1;
  let listening: ((port: number) => void) | undefined;
  let failed: ((e: Error) => void) | undefined;
  let exited = false;
  let started = false;
  let stopping = false;
  let resolveExited = () => {};
  const exitedOnItsOwn = new Promise<void>((r) => (resolveExited = r));
  worker.on('message', (m: ToMain) => {
    switch (m.op) {
      case 'started':
        started = true;
        return;
      case 'synced':
        return resolveSynced();
      case 'listening':
        return listening?.(m.port);
      case 'warning':
        return warn(m.message);
      case 'metrics':
        metricsWaiters.get(m.id)?.(m.text);
        metricsWaiters.delete(m.id);
        return;
      case 'stopped':
        return resolveStopped();
    }
  });
  worker.on('error', (e) => {
    warn(`k8ts scheduler: worker failed: ${e.stack ?? String(e)}`);
    failed?.(e);
  });
  worker.on('exit', (code) => {
    exited = true;
    // The dead worker's watches would otherwise keep posting to a port nobody reads.
    stopServing();
    port1.close();
    resolveStopped();
    for (const w of metricsWaiters.values()) w('');
    metricsWaiters.clear();
    failed?.(new Error(`scheduler worker exited with code ${code} before serving`));
    if (!stopping) resolveExited();
  });
  let componentPort: number | undefined;
  if (o.component) {
    componentPort = await new Promise<number>((resolve, reject) => {
      listening = resolve;
      failed = reject;
    });
    failed = undefined;
  }
  return {
    synced,
    componentPort,
    exited: exitedOnItsOwn,
    metrics() {
      if (exited) return Promise.resolve('');
      const id = nextMetricsId++;
      return new Promise((resolve) => {
        metricsWaiters.set(id, resolve);
        worker.postMessage({ op: 'metrics', id } satisfies ToWorker);
      });
    },
    async stop() {
      stopping = true;
      // A worker still loading its modules has nothing to finish: it is ended, not asked.
      if (!exited && started) {
        worker.postMessage({ op: 'stop' } satisfies ToWorker);
        // A graceful stop that hangs must not hold up the process's exit.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([stopped, new Promise<void>((r) => (timer = setTimeout(r, STOP_GRACE_MS)))]);
        clearTimeout(timer);
      }
      stopServing();
      port1.close();
      await worker.terminate();
    },
  };
}
