/**
 * The worker-thread side of the in-process scheduler (see scheduler-thread.ts): kube-scheduler
 * talks to the API server in the main thread over a MessagePort, so scheduling cycles and
 * the API server's request handling run on two cores.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { Registry } from 'prom-client';
import { Client } from '../client/client.js';
import { PortTransport } from '../client/port-transport.js';
import { startSecureComponentServer, type RunningServer } from '../component/index.js';
import { FeatureGates } from '../machinery/features/index.js';
import { schedulerComponent } from '../scheduler/component.js';
import { startScheduler } from '../scheduler/scheduler.js';
import type { SchedulerWorkerData, ToMain, ToWorker } from './scheduler-thread.js';

const data = workerData as SchedulerWorkerData;
const control = parentPort!;
const post = (m: ToMain) => control.postMessage(m);
const gates = FeatureGates.parse(data.featureGates);
const transport = new PortTransport(data.port as MessagePort);
// The API server's /metrics shows these too (k8ts up is one process); it asks for them by message.
const shared = new Registry();
let synced = false;
const component = data.component
  ? schedulerComponent({ gates, flags: data.component.flags, handlersSynced: () => synced })
  : undefined;
const scheduler = startScheduler({
  client: new Client(transport),
  gates,
  profile: data.profile,
  onError: (e) => post({ op: 'warning', message: `k8ts scheduler: ${String(e)}` }),
  metricsRegistry: component ? [shared, component.metrics] : shared,
});
post({ op: 'started' });
void scheduler.synced.then(() => {
  synced = true;
  post({ op: 'synced' });
});
let listener: RunningServer | undefined;
control.on('message', (m: ToWorker) => {
  if (m.op === 'metrics') {
    void shared.metrics().then((text) => post({ op: 'metrics', id: m.id, text }));
    return;
  }
  void (async () => {
    component?.markShuttingDown();
    await scheduler.stop();
    await listener?.close();
    // Events are written without waiting; let those in flight land, as inline they would.
    await transport.drain();
    transport.close();
    post({ op: 'stopped' });
  })();
});
if (data.component) {
  const c = data.component;
  listener = await startSecureComponentServer(component!, { port: c.port, host: c.host, cert: c.cert, key: c.key, clientCa: c.clientCa });
  post({ op: 'listening', port: listener.port });
}

