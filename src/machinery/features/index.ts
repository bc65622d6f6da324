export * from './spec.js';
export { KNOWN_FEATURES, FEATURE_DEPENDENCIES, SPECIAL_FEATURES } from './known-features.js';
export { FeatureGates, type FeatureGatesOptions } from './feature-gates.js';
export { parseGoBool } from './parse-bool.js';
export * from './runtime-config.js';
