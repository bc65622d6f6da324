import { readFile } from 'node:fs/promises';
import { aggregateMessage } from '../../machinery/field-errors.js';
import type { FeatureSet } from '../framework/interface.js';
import type { ExtensionPoint, PluginSet, Profile } from '../framework/runtime/framework.js';
import { ConfigError, decodeConfig } from './decode.js';
import { setDefaults } from './defaults.js';
import { parseGoDuration } from './duration.js';
import { EXTENSION_POINT_FIELDS } from './schema.js';
import type { KubeSchedulerConfiguration, KubeSchedulerConfigurationV1 } from './types.js';
import { validateConfig } from './validation.js';
import type { ExtenderConfig } from '../extender/http-extender.js';

export { ConfigError, API_VERSION } from './decode.js';
export { setDefaults, mergePlugins, mergePluginSet } from './defaults.js';
export { validateConfig } from './validation.js';
export { parseGoDuration, formatGoDuration } from './duration.js';
export type * from './types.js';

/**
 * loadConfig is kube-scheduler's --config handling: strict decode, v1 defaults, then
 * validation. Any problem throws ConfigError with upstream's message.
 */
export function loadConfig(text: string, features?: FeatureSet): KubeSchedulerConfiguration {
  const cfg = setDefaults(decodeConfig(text) as KubeSchedulerConfigurationV1, features);
  const errs = validateConfig(cfg);
  if (errs.length) throw new ConfigError(aggregateMessage(errs));
  return cfg;
}

export async function loadConfigFile(path: string, features?: FeatureSet): Promise<KubeSchedulerConfiguration> {
  return loadConfig(await readFile(path, 'utf8'), features);
}

/** defaultConfig is what kube-scheduler runs with when no --config is given. */
export function defaultConfig(features?: FeatureSet): KubeSchedulerConfiguration {
  return setDefaults({}, features);
}

/** profilesOf turns the defaulted profiles into the framework's Profile: MultiPoint list, per-point sets, args by plugin. */
export function profilesOf(cfg: KubeSchedulerConfiguration): Profile[] {
  return cfg.profiles.map((p) => {
    const extensionPoints: Partial<Record<ExtensionPoint, PluginSet>> = {};
    for (const point of EXTENSION_POINT_FIELDS) {
      const set = p.plugins[point];
      if (set && (set.enabled?.length || set.disabled?.length)) extensionPoints[point] = { enabled: set.enabled, disabled: set.disabled };
    }
    return {
      schedulerName: p.schedulerName ?? '',
      plugins: p.plugins.multiPoint?.enabled ?? [],
      extensionPoints,
      pluginConfig: Object.fromEntries(p.pluginConfig.map((c) => [c.name, c.args])),
      percentageOfNodesToScore: p.percentageOfNodesToScore,
    };
  });
}

/** extendersOf is the configured HTTP extenders (validated by loadConfig). */
export function extendersOf(cfg: KubeSchedulerConfiguration): ExtenderConfig[] {
  return (cfg.extenders ?? []) as unknown as ExtenderConfig[];
}

/** LeaderElectionSettings are the leaderElection block in milliseconds. */
export interface LeaderElectionSettings {
  leaderElect: boolean;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  namespace: string;
  name: string;
}

export function leaderElectionOf(cfg: KubeSchedulerConfiguration): LeaderElectionSettings {
  const le = cfg.leaderElection;
  return {
    leaderElect: le.leaderElect,
    leaseDurationMs: parseGoDuration(le.leaseDuration),
    renewDeadlineMs: parseGoDuration(le.renewDeadline),
    retryPeriodMs: parseGoDuration(le.retryPeriod),
    namespace: le.resourceNamespace,
    name: le.resourceName,
  };
}
