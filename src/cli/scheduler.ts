import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { issue, newCa } from '../apiserver/auth/certs.js';
import { loadKubeconfig } from '../client/kubeconfig.js';
import { Client } from '../client/client.js';
import { HttpTransport } from '../client/http-transport.js';
import { LeaderElector, LeaseLock, newIdentity } from '../client/leaderelection/index.js';
import { startSecureComponentServer, type RunningServer } from '../component/index.js';
import { FeatureGates, parseGoBool } from '../machinery/features/index.js';
import { schedulerComponent } from '../scheduler/component.js';
import { defaultConfig, extendersOf, leaderElectionOf, loadConfigFile, profilesOf } from '../scheduler/config/index.js';
import { featureSetOf, startScheduler } from '../scheduler/scheduler.js';
import { stopOnSignals } from './signals.js';

export const SCHEDULER_USAGE = `Usage: k8ts scheduler --kubeconfig FILE [--config FILE] [--secure-port N] [--bind-address ADDR]
                       [--feature-gates K=V,...] [--leader-elect=true|false]
                       [--leader-elect-resource-namespace NS] [--leader-elect-resource-name NAME]
Runs kube-scheduler against any Kubernetes API server. --config takes a
KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1; its clientConnection.kubeconfig
wins over --kubeconfig, and its leaderElection over the --leader-elect* flags).
--secure-port (default 10259, 0 = off) serves /healthz /livez /readyz /metrics and,
behind ComponentStatusz/ComponentFlagz, /statusz /flagz over HTTPS. With leader
election on (the default) only the holder of the kube-system/kube-scheduler Lease
schedules. SIGINT or SIGTERM stops it and releases the Lease.`;

/** schedulerCommand is `k8ts scheduler`: a standalone kube-scheduler process. */
export async function schedulerCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      kubeconfig: { type: 'string' },
      config: { type: 'string' },
      'secure-port': { type: 'string', default: '10259' },
      'bind-address': { type: 'string', default: '0.0.0.0' },
      'feature-gates': { type: 'string', default: '' },
      'leader-elect': { type: 'string', default: 'true' },
      'leader-elect-resource-namespace': { type: 'string', default: 'kube-system' },
      'leader-elect-resource-name': { type: 'string', default: 'kube-scheduler' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(SCHEDULER_USAGE);
    return;
  }
  const port = Number(values['secure-port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--secure-port must be a port number, not "${values['secure-port']}"`);
  const gates = FeatureGates.parse(values['feature-gates']);
  for (const w of gates.warnings) console.error(`W: ${w}`);
  const features = featureSetOf(gates);
  let cfg;
  if (values.config) cfg = await loadConfigFile(values.config, features);
  else {
    // Without --config the deprecated flags fill the configuration, as upstream's do.
    cfg = defaultConfig(features);
    cfg.leaderElection.leaderElect = parseGoBool(values['leader-elect']);
    cfg.leaderElection.resourceNamespace = values['leader-elect-resource-namespace'];
    cfg.leaderElection.resourceName = values['leader-elect-resource-name'];
  }
  const kubeconfig = cfg.clientConnection.kubeconfig || values.kubeconfig;
  if (!kubeconfig) throw new Error('no API server to talk to: pass --kubeconfig or set clientConnection.kubeconfig in --config');
  const rest = await loadKubeconfig(kubeconfig);
  const client = new Client(new HttpTransport(rest));
  const warn = (e: unknown) => process.emitWarning(`k8ts scheduler: ${e instanceof Error ? e.message : String(e)}`);

  const le = leaderElectionOf(cfg);
  const profiles = profilesOf(cfg);
  const identity = newIdentity();
  const elector = le.leaderElect
    ? new LeaderElector({
        lock: new LeaseLock({ client, namespace: le.namespace, name: le.name, identity, eventSource: profiles[0]?.schedulerName, onError: warn }),
        leaseDurationMs: le.leaseDurationMs,
        renewDeadlineMs: le.renewDeadlineMs,
        retryPeriodMs: le.retryPeriodMs,
        releaseOnCancel: true,
        name: 'kube-scheduler',
        callbacks: {
          onStartedLeading: () => console.log(`k8ts scheduler: became leader of ${le.namespace}/${le.name} as ${identity}`),
          onStoppedLeading: (reason) => {
            if (reason !== 'lost') return;
            console.error('k8ts scheduler: leaderelection lost');
            process.exit(1);
          },
        },
      })
    : undefined;

  let synced = false;
  const flags: Record<string, string> = {
    kubeconfig: values.kubeconfig ?? '',
    config: values.config ?? '',
    'secure-port': String(port),
    'bind-address': values['bind-address'],
    'feature-gates': values['feature-gates'],
    'leader-elect': String(le.leaderElect),
    'leader-elect-resource-namespace': values['leader-elect-resource-namespace'],
    'leader-elect-resource-name': values['leader-elect-resource-name'],
  };
  const component = schedulerComponent({ gates, flags, handlersSynced: () => synced, leaderElection: elector });
  // Building the profiles is where unknown plugins and bad plugin args surface: refuse to start.
  const sched = startScheduler({
    client,
    gates,
    profiles,
    percentageOfNodesToScore: cfg.percentageOfNodesToScore,
    podInitialBackoffSeconds: cfg.podInitialBackoffSeconds,
    podMaxBackoffSeconds: cfg.podMaxBackoffSeconds,
    extenders: extendersOf(cfg),
    leading: elector?.leading,
    metricsRegistry: component.metrics,
    onError: warn,
  });
  void sched.synced.then(() => (synced = true));

  let serving: RunningServer | undefined;
  if (port > 0) {
    // No --tls-cert-file: a self-signed serving certificate, as kube-scheduler makes one in memory.
    const host = values['bind-address'];
    const ca = await newCa();
    const cert = await issue(ca, { commonName: `localhost@${Math.floor(Date.now() / 1000)}`, dnsNames: ['localhost'], ips: ['127.0.0.1', ...(isIP(host) && host !== '0.0.0.0' && host !== '::' ? [host] : [])], usage: 'server' });
    const listener = await startSecureComponentServer(component, { port, host, cert: cert.cert, key: cert.key, clientCa: rest.ca });
    serving = listener;
    console.log(`k8ts scheduler: serving securely on https://${host.includes(':') ? `[${host}]` : host}:${listener.port}`);
  }
  console.log(`k8ts scheduler: profiles ${profiles.map((p) => p.schedulerName).join(', ')}; API server ${rest.server}; leader election ${elector ? `on (${le.namespace}/${le.name})` : 'off'}`);
  void elector?.run();

  // Stop scheduling before handing the Lease over, so two leaders never bind at once.
  stopOnSignals(
    'k8ts scheduler',
    async () => {
      await sched.stop();
      await elector?.stop();
      await serving?.close();
      client.close();
    },
    () => component.markShuttingDown(),
  );
}
