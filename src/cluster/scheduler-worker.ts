/**
 * The worker-thread side of the in-process scheduler (see scheduler-thread.ts): kube-scheduler
 * talks to the API server in the main thread over a MessagePort, so scheduling cycles and
 * the API server's request handling run on two cores.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { Registry } from 'prom-client';
import { Client } from '../client/client.js';
import { PortTransport } from '../client/port-transport.js';
import { FeatureGates } from '../machinery/features/index.js';
import { startEmbeddedScheduler } from './scheduler-component.js';
import type { SchedulerWorkerData, ToMain, ToWorker } from './scheduler-thread.js';

const data = workerData as SchedulerWorkerData;
const control = parentPort!;
const post = (m: ToMain) => control.postMessage(m);
const transport = new PortTransport(data.port as MessagePort);
// The API server's /metrics shows these too (k8ts up is one process); it asks for them by message.
const shared = new Registry();
const c = data.component;
const scheduler = startEmbeddedScheduler({
  client: new Client(transport),
  gates: FeatureGates.parse(data.featureGates),
  profile: data.profile,
  flags: c?.flags ?? {},
  serving: c && { port: c.port, host: c.host, cert: c.cert, key: c.key, clientCa: c.clientCa },
  metrics: shared,
  onError: (e) => post({ op: 'warning', message: `k8ts scheduler: ${String(e)}` }),
});
post({ op: 'started' });
void scheduler.synced.then(() => post({ op: 'synced' }));
control.on('message', (m: ToWorker) => {
  if (m.op === 'metrics') {
    void shared.metrics().then((text) => post({ op: 'metrics', id: m.id, text }));
    return;
  }
  void (async () => {
    await scheduler.stop();
    // Events are written without waiting; let those in flight land, as inline they would.
    await transport.drain();
    transport.close();
    post({ op: 'stopped' });
  })();
});
await scheduler.listening;
if (scheduler.componentPort !== undefined) post({ op: 'listening', port: scheduler.componentPort });
