import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { FeatureGates } from '../machinery/features/index.js';
import type { HealthEndpoint } from './healthz.js';

/**
 * createComponentRegistry prepares the /metrics registry every component shares: Node's
 * process metrics (prom-client defaults, the counterpart of Go's process collector),
 * kubernetes_build_info and kubernetes_feature_enabled, which upstream components all expose.
 * A caller-supplied registry is reused; metrics it already has are not registered twice.
 */
export function createComponentRegistry(opts: { gates: FeatureGates; binaryVersion: string; registry?: Registry }): Registry {
  const registry = opts.registry ?? new Registry();
  if (!registry.getSingleMetric('process_cpu_seconds_total')) collectDefaultMetrics({ register: registry });
  if (!registry.getSingleMetric('kubernetes_build_info')) {
    const [major = '', minor = ''] = opts.binaryVersion.split('.');
    const info = new Gauge({
      name: 'kubernetes_build_info',
      help: "[ALPHA] A metric with a constant '1' value labeled by major, minor, git version, git commit, git tree state, build date, Go version, and compiler from which Kubernetes was built, and platform on which it is running.",
      labelNames: ['build_date', 'compiler', 'git_commit', 'git_tree_state', 'git_version', 'go_version', 'major', 'minor', 'platform'],
      registers: [registry],
    });
    info.set(
      {
        build_date: '',
        compiler: 'k8ts',
        git_commit: '',
        git_tree_state: '',
        git_version: `v${opts.binaryVersion}`,
        go_version: process.version,
        major,
        minor,
        platform: `${process.platform}/${process.arch}`,
      },
      1,
    );
  }
  if (!registry.getSingleMetric('kubernetes_feature_enabled')) {
    const gates = opts.gates;
    new Gauge({
      name: 'kubernetes_feature_enabled',
      help: '[BETA] This metric records the data about the stage and enablement of a k8s feature.',
      labelNames: ['name', 'stage'],
      registers: [registry],
      // computed at scrape time so later FeatureGates.set calls show up
      collect() {
        for (const name of gates.known()) {
          const stage = gates.spec(name)!.stage;
          this.set({ name, stage: stage === 'GA' ? '' : stage }, gates.enabled(name) ? 1 : 0);
        }
      },
    });
  }
  return registry;
}

/** HealthSLIs backs /metrics/slis: upstream's per-check health gauges and counters (ComponentSLIs, GA). */
export class HealthSLIs {
  readonly registry = new Registry();
  private readonly gauge = new Gauge({
    name: 'kubernetes_healthcheck',
    help: '[STABLE] This metric records the result of a single healthcheck.',
    labelNames: ['name', 'type'],
    registers: [this.registry],
  });
  private readonly total = new Counter({
    name: 'kubernetes_healthchecks_total',
    help: '[STABLE] This metric records the results of all healthcheck.',
    labelNames: ['name', 'status', 'type'],
    registers: [this.registry],
  });

  /** observe records one check result from a root health probe. */
  observe = (type: HealthEndpoint, name: string, healthy: boolean): void => {
    this.gauge.set({ name, type }, healthy ? 1 : 0);
    this.total.inc({ name, type, status: healthy ? 'success' : 'error' });
  };
}
