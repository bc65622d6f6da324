import type { FeatureSet } from '../framework/interface.js';
import { defaultPlugins } from '../plugins/registry.js';
import { API_VERSION } from './decode.js';
import { ARGS, EXTENSION_POINT_FIELDS } from './schema.js';
import type { KubeSchedulerConfiguration, KubeSchedulerConfigurationV1, KubeSchedulerProfileV1, PluginConfigV1, PluginSetV1, PluginsV1, PluginV1 } from './types.js';

type Args = Record<string, unknown>;

const DEFAULT_RESOURCES = () => [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** oneWeights turns unset or zero resource weights into 1, as the v1 defaulters do. */
function oneWeights(resources: unknown): void {
  if (!Array.isArray(resources)) return;
  for (const r of resources as Array<{ weight?: number }>) if (!r.weight) r.weight = 1;
}

/** ARG_DEFAULTS are pkg/scheduler/apis/config/v1/defaults.go's SetDefaults_<Plugin>Args. */
const ARG_DEFAULTS: Record<string, (a: Args) => void> = {
  DefaultPreemptionArgs: (a) => {
    a.minCandidateNodesPercentage ??= 10;
    a.minCandidateNodesAbsolute ??= 100;
  },
  InterPodAffinityArgs: (a) => {
    a.hardPodAffinityWeight ??= 1;
  },
  NodeResourcesBalancedAllocationArgs: (a) => {
    if (!Array.isArray(a.resources) || a.resources.length === 0) a.resources = DEFAULT_RESOURCES();
    else oneWeights(a.resources);
  },
  NodeResourcesFitArgs: (a) => {
    const s = (a.scoringStrategy ??= { type: 'LeastAllocated', resources: DEFAULT_RESOURCES() }) as Args;
    if (!Array.isArray(s.resources) || s.resources.length === 0) s.resources = DEFAULT_RESOURCES();
    oneWeights(s.resources);
  },
  PodTopologySpreadArgs: (a) => {
    if (!a.defaultingType) a.defaultingType = 'System';
  },
  VolumeBindingArgs: (a) => {
    a.bindTimeoutSeconds ??= 600;
  },
  NodeAffinityArgs: () => undefined,
  DynamicResourcesArgs: () => undefined,
};

/**
 * setDefaults applies v1 defaulting (SetDefaults_KubeSchedulerConfiguration) to a decoded
 * file: parallelism 16, one `default-scheduler` profile when none is given, the default
 * plugins merged into every profile, default args for every enabled in-tree plugin,
 * backoff 1s..10s and leader election on a `kube-system/kube-scheduler` Lease.
 */
export function setDefaults(input: KubeSchedulerConfigurationV1, features?: FeatureSet): KubeSchedulerConfiguration {
  const c = structuredClone(input) as KubeSchedulerConfiguration;
  c.apiVersion ??= API_VERSION;
  c.kind = 'KubeSchedulerConfiguration';
  c.parallelism ??= 16;
  if (!c.profiles || c.profiles.length === 0) c.profiles = [{} as KubeSchedulerConfiguration['profiles'][number]];
  // Only a lone profile gets the default name; validation insists on names otherwise.
  if (c.profiles.length === 1 && c.profiles[0]!.schedulerName === undefined) c.profiles[0]!.schedulerName = 'default-scheduler';
  for (const p of c.profiles) defaultProfile(p, features);
  c.percentageOfNodesToScore ??= 0;
  const le = (c.leaderElection ??= {} as KubeSchedulerConfiguration['leaderElection']);
  if (!le.resourceLock) le.resourceLock = 'leases';
  if (!le.resourceNamespace) le.resourceNamespace = 'kube-system';
  if (!le.resourceName) le.resourceName = 'kube-scheduler';
  // component-base's RecommendedDefaultLeaderElectionConfiguration
  le.leaderElect ??= true;
  if (!le.leaseDuration) le.leaseDuration = '15s';
  if (!le.renewDeadline) le.renewDeadline = '10s';
  if (!le.retryPeriod) le.retryPeriod = '2s';
  const cc = (c.clientConnection ??= {} as KubeSchedulerConfiguration['clientConnection']);
  if (!cc.contentType) cc.contentType = 'application/vnd.kubernetes.protobuf';
  if (!cc.qps) cc.qps = 50;
  if (!cc.burst) cc.burst = 100;
  c.podInitialBackoffSeconds ??= 1;
  c.podMaxBackoffSeconds ??= 10;
  c.enableProfiling ??= true;
  if (c.enableProfiling) c.enableContentionProfiling ??= true;
  return c;
}

function defaultProfile(p: KubeSchedulerProfileV1, features?: FeatureSet): void {
  p.plugins = mergePlugins({ multiPoint: { enabled: defaultPlugins(features).map((r) => ({ ...r })) } }, p.plugins);
  p.pluginConfig ??= [];
  const configured = new Set<string>();
  for (const pc of p.pluginConfig) {
    configured.add(pc.name);
    const d = ARG_DEFAULTS[`${pc.name}Args`];
    if (d) d((pc.args ??= {}));
  }
  const appended: PluginConfigV1[] = [];
  for (const name of enabledNames(p.plugins)) {
    const kind = `${name}Args`;
    if (configured.has(name) || !ARGS[kind]) continue;
    const args: Args = { kind, apiVersion: API_VERSION };
    ARG_DEFAULTS[kind]!(args);
    appended.push({ name, args });
  }
  p.pluginConfig.push(...appended);
}

/** enabledNames lists every plugin enabled at any point, sorted (sets.List upstream). */
function enabledNames(plugins: PluginsV1): string[] {
  const names = new Set<string>();
  for (const set of Object.values(plugins)) for (const e of set?.enabled ?? []) names.add(e.name);
  return [...names].sort();
}

/** mergePlugins merges a profile's plugins into the defaults, point by point (upstream mergePlugins). */
export function mergePlugins(defaults: PluginsV1, custom: PluginsV1 | undefined): PluginsV1 {
  if (!custom) return defaults;
  const out: PluginsV1 = {};
  for (const point of ['multiPoint', ...EXTENSION_POINT_FIELDS] as const) {
    if (!defaults[point] && !custom[point]) continue;
    out[point] = mergePluginSet(defaults[point] ?? {}, custom[point] ?? {});
  }
  return out;
}

/**
 * mergePluginSet keeps the defaults in place (a custom entry of the same name replaces its
 * default, keeping the default's position, e.g. to change a weight), drops disabled ones
 * ('*' drops all), then appends the other custom plugins. Disabled names are kept so the
 * framework can also skip them when expanding MultiPoint.
 */
export function mergePluginSet(defaults: PluginSetV1, custom: PluginSetV1): PluginSetV1 {
  const disabled = [...(custom.disabled ?? []), ...(defaults.disabled ?? [])].map((d) => ({ name: d.name }));
  const disabledNames = new Set(disabled.map((d) => d.name));
  const customEnabled = custom.enabled ?? [];
  const replaced = new Set<number>();
  const enabled: PluginV1[] = [];
  if (!disabledNames.has('*')) {
    for (const d of defaults.enabled ?? []) {
      if (disabledNames.has(d.name)) continue;
      // Upstream indexes custom plugins in a map, so the last entry of a name wins.
      let i = -1;
      customEnabled.forEach((c, j) => {
        if (c.name === d.name) i = j;
      });
      if (i >= 0) {
        enabled.push(customEnabled[i]!);
        replaced.add(i);
      } else enabled.push(d);
    }
  }
  // Duplicated custom entries are appended too; building the framework rejects them.
  customEnabled.forEach((c, i) => {
    if (!replaced.has(i)) enabled.push(c);
  });
  const out: PluginSetV1 = {};
  if (enabled.length) out.enabled = enabled;
  if (disabled.length) out.disabled = disabled;
  return out;
}
