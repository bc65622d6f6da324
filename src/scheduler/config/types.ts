import type { EXTENSION_POINT_FIELDS } from './schema.js';

/** The kubescheduler.config.k8s.io/v1 types as written in a file (every field optional). */
export type ExtensionPointField = (typeof EXTENSION_POINT_FIELDS)[number];

export interface PluginV1 {
  name: string;
  weight?: number;
}

export interface PluginSetV1 {
  enabled?: PluginV1[];
  disabled?: PluginV1[];
}

export type PluginsV1 = Partial<Record<'multiPoint' | ExtensionPointField, PluginSetV1>>;

export interface PluginConfigV1 {
  name: string;
  args?: Record<string, unknown>;
}

export interface KubeSchedulerProfileV1 {
  schedulerName?: string;
  percentageOfNodesToScore?: number;
  plugins?: PluginsV1;
  pluginConfig?: PluginConfigV1[];
}

export interface LeaderElectionV1 {
  leaderElect?: boolean;
  leaseDuration?: string;
  renewDeadline?: string;
  retryPeriod?: string;
  resourceLock?: string;
  resourceName?: string;
  resourceNamespace?: string;
}

export interface ClientConnectionV1 {
  kubeconfig?: string;
  acceptContentTypes?: string;
  contentType?: string;
  qps?: number;
  burst?: number;
}

export interface KubeSchedulerConfigurationV1 {
  apiVersion?: string;
  kind?: string;
  parallelism?: number;
  leaderElection?: LeaderElectionV1;
  clientConnection?: ClientConnectionV1;
  enableProfiling?: boolean;
  enableContentionProfiling?: boolean;
  percentageOfNodesToScore?: number;
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  profiles?: KubeSchedulerProfileV1[];
  extenders?: Array<Record<string, unknown>>;
  delayCacheUntilActive?: boolean;
}

/** KubeSchedulerConfiguration is the v1 object after defaulting: what /configz shows. */
export interface KubeSchedulerConfiguration extends KubeSchedulerConfigurationV1 {
  apiVersion: string;
  kind: 'KubeSchedulerConfiguration';
  parallelism: number;
  leaderElection: Required<LeaderElectionV1>;
  clientConnection: ClientConnectionV1 & { contentType: string; qps: number; burst: number };
  enableProfiling: boolean;
  percentageOfNodesToScore: number;
  podInitialBackoffSeconds: number;
  podMaxBackoffSeconds: number;
  profiles: Array<KubeSchedulerProfileV1 & { plugins: PluginsV1; pluginConfig: PluginConfigV1[] }>;
}
