export { ComponentServer, type ComponentServerOptions } from './component-server.js';
export { startComponentServer, startSecureComponentServer, type RunningServer, type SecureServingOptions } from './start.js';
export { bootstrapAuthorize, forbidden } from './authorize.js';
export { HealthGroup, type HealthEndpoint } from './healthz.js';
export { negotiateZPage, parseAccept, type ZPageFormat, ZPAGE_GROUP, ZPAGE_VERSION } from './negotiate.js';
export type { Statusz, Flagz } from './zpages.js';
export * from './types.js';
