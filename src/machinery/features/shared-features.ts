import { alpha, beta, deprecated, ga, type FeatureSpec } from './spec.js';

/**
 * SHARED_FEATURES are gates declared outside pkg/features but registered on every
 * kube binary's --feature-gates flag: k8s.io/apiserver (generic API server), apiextensions,
 * client-go, component-base (logging, metrics, z-pages) and controller-manager.
 * Values are the v1.35 specs.
 */
export const SHARED_FEATURES: Readonly<Record<string, FeatureSpec>> = {
  // k8s.io/component-base/featuregate: the two "special" gates that flip whole stages.
  AllAlpha: alpha(),
  AllBeta: beta(false),

  // k8s.io/apiextensions-apiserver/pkg/features
  CRDObservedGenerationTracking: beta(false),
  CRDValidationRatcheting: ga(),
  CustomResourceFieldSelectors: ga(),

  // k8s.io/apiserver/pkg/features
  APIResponseCompression: beta(true),
  APIServerIdentity: beta(true),
  APIServerTracing: ga(),
  APIServingWithRoutine: alpha(),
  AggregatedDiscoveryRemoveBetaType: deprecated(true, true),
  AllowParsingUserUIDFromCertAuth: beta(true),
  AllowUnsafeMalformedObjectDeletion: alpha(),
  AnonymousAuthConfigurableEndpoints: ga(),
  AuthorizeWithSelectors: ga(),
  BtreeWatchCache: ga(),
  CBORServingAndStorage: alpha(),
  ConcurrentWatchObjectDecode: beta(false),
  ConsistentListFromCache: ga(),
  ConstrainedImpersonation: alpha(),
  CoordinatedLeaderElection: beta(false),
  DeclarativeValidation: beta(true),
  DeclarativeValidationTakeover: beta(false),
  DetectCacheInconsistency: beta(true),
  KMSv1: deprecated(false),
  ListFromCacheSnapshot: beta(true),
  MutatingAdmissionPolicy: beta(false),
  OpenAPIEnums: beta(true),
  RemoteRequestHeaderUID: beta(true),
  ResilientWatchCacheInitialization: ga(),
  RetryGenerateName: ga(),
  SeparateCacheWatchRPC: deprecated(false),
  SizeBasedListCostEstimate: beta(true),
  StorageVersionAPI: alpha(),
  StorageVersionHash: beta(true),
  StructuredAuthenticationConfiguration: ga(),
  StructuredAuthenticationConfigurationEgressSelector: beta(true),
  StructuredAuthenticationConfigurationJWKSMetrics: beta(true),
  StructuredAuthorizationConfiguration: ga(),
  TokenRequestServiceAccountUIDValidation: beta(true),
  UnauthenticatedHTTP2DOSMitigation: beta(true),
  UnknownVersionInteroperabilityProxy: alpha(),
  WatchCacheInitializationPostStartHook: beta(false),
  WatchFromStorageWithoutResourceVersion: deprecated(false, true),
  WatchList: beta(true),

  // k8s.io/client-go/features
  ClientsAllowCBOR: alpha(),
  ClientsPreferCBOR: alpha(),
  InOrderInformers: beta(true),
  InOrderInformersBatchProcess: beta(true),
  InformerResourceVersion: ga(false),
  WatchListClient: beta(true),

  // k8s.io/component-base: logs/api/v1, metrics/features, zpages/features
  ContextualLogging: beta(true),
  LoggingAlphaOptions: alpha(),
  LoggingBetaOptions: beta(true),
  ComponentSLIs: ga(),
  ComponentFlagz: alpha(),
  ComponentStatusz: alpha(),

  // k8s.io/controller-manager/pkg/features
  CloudControllerManagerWatchBasedRoutesReconciliation: alpha(),
  CloudControllerManagerWebhook: alpha(),
};
