import { parseArgs } from 'node:util';
import { startCluster } from '../cluster/cluster.js';
import { SCHEDULER_USAGE, schedulerCommand } from './scheduler.js';
import { stopOnSignals } from './signals.js';

const UP_USAGE = `Usage: k8ts up [--data-dir DIR] [--port N] [--host ADDR] [--feature-gates K=V,...]
               [--runtime-config GROUP/VERSION=true,...] [--storage sqlite|memory]
               [--disable-scheduler] [--scheduler-secure-port N]

Starts a Kubernetes v1.35 API server. When ready it writes DIR/kubeconfig (admin)
and prints its path. kube-scheduler runs in the same process unless
--disable-scheduler is given; --scheduler-secure-port serves its own /healthz,
/metrics, /statusz and /flagz (default 0 = off). SIGINT or SIGTERM stops it.`;

const USAGE = `${UP_USAGE}\n\n${SCHEDULER_USAGE}`;

/** main is the k8ts command line. */
export async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    console.log(USAGE);
    return;
  }
  if (cmd === 'scheduler') return schedulerCommand(rest);
  if (cmd !== 'up') throw new Error(`unknown command "${cmd}"\n\n${USAGE}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      'data-dir': { type: 'string', default: './.k8ts' },
      port: { type: 'string', default: '6443' },
      host: { type: 'string', default: '127.0.0.1' },
      'feature-gates': { type: 'string' },
      'runtime-config': { type: 'string' },
      storage: { type: 'string', default: 'sqlite' },
      'disable-scheduler': { type: 'boolean', default: false },
      'scheduler-secure-port': { type: 'string', default: '0' },
    },
    strict: true,
  });
  const storage = values.storage;
  if (storage !== 'sqlite' && storage !== 'memory') throw new Error(`--storage must be sqlite or memory, not "${storage}"`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);
  const schedulerPort = Number(values['scheduler-secure-port']);
  if (!Number.isInteger(schedulerPort) || schedulerPort < 0 || schedulerPort > 65535) throw new Error(`--scheduler-secure-port must be a port number, not "${values['scheduler-secure-port']}"`);
  const started = Date.now();
  const cluster = await startCluster({
    storage,
    dataDir: values['data-dir'],
    port,
    host: values.host,
    featureGates: values['feature-gates'],
    runtimeConfig: values['runtime-config'],
    scheduler: !values['disable-scheduler'],
    // A second core for scheduling: k8ts up is where thousands of nodes get simulated.
    schedulerThread: true,
    schedulerSecurePort: schedulerPort || undefined,
  });
  for (const w of cluster.gates.warnings) console.error(`W: ${w}`);
  console.log(`k8ts: Kubernetes v1.35 API server ready at ${cluster.url} in ${Date.now() - started} ms (storage: ${storage})`);
  console.log(`kubeconfig: ${cluster.kubeconfig.path}`);
  if (cluster.schedulerUrl) console.log(`kube-scheduler: serving securely on ${cluster.schedulerUrl}`);
  console.log(`try: kubectl --kubeconfig ${cluster.kubeconfig.path} get ns`);
  stopOnSignals('k8ts', () => cluster.stop());
}
