/**
 * The JSON shape of kubescheduler.config.k8s.io/v1, as far as strict decoding needs it:
 * field names (case-sensitive, as sigs.k8s.io/json), Go types for type errors, and where
 * nested plugin args start. Core types inside args (TopologySpreadConstraint,
 * NodeAffinity) come from the API schema.
 */
export type FieldType =
  | { kind: 'string' | 'int32' | 'int64' | 'float32' | 'bool' | 'duration' | 'any' }
  | { kind: 'object'; go: string; fields: Record<string, FieldType> }
  | { kind: 'array'; items: FieldType }
  | { kind: 'api'; type: string }
  /** runtime.RawExtension: plugin args, decoded later by plugin name. */
  | { kind: 'raw' };

const str: FieldType = { kind: 'string' };
const i32: FieldType = { kind: 'int32' };
const i64: FieldType = { kind: 'int64' };
const bool: FieldType = { kind: 'bool' };
const duration: FieldType = { kind: 'duration' };
const arr = (items: FieldType): FieldType => ({ kind: 'array', items });
const obj = (go: string, fields: Record<string, FieldType>): FieldType => ({ kind: 'object', go, fields });
const typeMeta = { kind: str, apiVersion: str };

const plugin = obj('Plugin', { name: str, weight: i32 });
const pluginSet = obj('PluginSet', { enabled: arr(plugin), disabled: arr(plugin) });

/** EXTENSION_POINT_FIELDS are Plugins' fields besides multiPoint, in the v1 type's order. */
export const EXTENSION_POINT_FIELDS = ['preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'permit', 'preBind', 'bind', 'postBind'] as const;

const plugins = obj('Plugins', { multiPoint: pluginSet, ...Object.fromEntries(EXTENSION_POINT_FIELDS.map((p) => [p, pluginSet])) });

const profile = obj('KubeSchedulerProfile', {
  schedulerName: str,
  percentageOfNodesToScore: i32,
  plugins,
  pluginConfig: arr(obj('PluginConfig', { name: str, args: { kind: 'raw' } })),
});

const extender = obj('Extender', {
  urlPrefix: str,
  filterVerb: str,
  preemptVerb: str,
  prioritizeVerb: str,
  weight: i64,
  bindVerb: str,
  enableHTTPS: bool,
  tlsConfig: obj('ExtenderTLSConfig', { insecure: bool, serverName: str, certFile: str, keyFile: str, caFile: str, certData: str, keyData: str, caData: str }),
  httpTimeout: duration,
  nodeCacheCapable: bool,
  managedResources: arr(obj('ExtenderManagedResource', { name: str, ignoredByScheduler: bool })),
  ignorable: bool,
});

/** KUBE_SCHEDULER_CONFIGURATION is KubeSchedulerConfiguration v1 (its removed bind-address fields are unknown). */
export const KUBE_SCHEDULER_CONFIGURATION = obj('KubeSchedulerConfiguration', {
  ...typeMeta,
  parallelism: i32,
  leaderElection: obj('LeaderElectionConfiguration', {
    leaderElect: bool,
    leaseDuration: duration,
    renewDeadline: duration,
    retryPeriod: duration,
    resourceLock: str,
    resourceName: str,
    resourceNamespace: str,
  }),
  clientConnection: obj('ClientConnectionConfiguration', { kubeconfig: str, acceptContentTypes: str, contentType: str, qps: { kind: 'float32' }, burst: i32 }),
  enableProfiling: bool,
  enableContentionProfiling: bool,
  percentageOfNodesToScore: i32,
  podInitialBackoffSeconds: i64,
  podMaxBackoffSeconds: i64,
  profiles: arr(profile),
  extenders: arr(extender),
  delayCacheUntilActive: bool,
});

const resourceSpec = obj('ResourceSpec', { name: str, weight: i64 });
const shape = arr(obj('UtilizationShapePoint', { utilization: i32, score: i32 }));

/** ARGS are the typed plugin args (`<Plugin>Args` kinds) the v1 scheme decodes strictly. */
export const ARGS: Record<string, FieldType> = {
  DefaultPreemptionArgs: obj('DefaultPreemptionArgs', { ...typeMeta, minCandidateNodesPercentage: i32, minCandidateNodesAbsolute: i32 }),
  InterPodAffinityArgs: obj('InterPodAffinityArgs', { ...typeMeta, hardPodAffinityWeight: i32, ignorePreferredTermsOfExistingPods: bool }),
  NodeResourcesFitArgs: obj('NodeResourcesFitArgs', {
    ...typeMeta,
    ignoredResources: arr(str),
    ignoredResourceGroups: arr(str),
    scoringStrategy: obj('ScoringStrategy', {
      type: str,
      resources: arr(resourceSpec),
      requestedToCapacityRatio: obj('RequestedToCapacityRatioParam', { shape }),
    }),
  }),
  PodTopologySpreadArgs: obj('PodTopologySpreadArgs', { ...typeMeta, defaultConstraints: arr({ kind: 'api', type: 'api.core.v1.TopologySpreadConstraint' }), defaultingType: str }),
  NodeResourcesBalancedAllocationArgs: obj('NodeResourcesBalancedAllocationArgs', { ...typeMeta, resources: arr(resourceSpec) }),
  NodeAffinityArgs: obj('NodeAffinityArgs', { ...typeMeta, addedAffinity: { kind: 'api', type: 'api.core.v1.NodeAffinity' } }),
  VolumeBindingArgs: obj('VolumeBindingArgs', { ...typeMeta, bindTimeoutSeconds: i64, shape }),
  DynamicResourcesArgs: obj('DynamicResourcesArgs', { ...typeMeta, filterTimeout: duration, bindingTimeout: duration }),
};
