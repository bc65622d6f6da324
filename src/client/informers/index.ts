export * from './store.js';
export * from './reflector.js';
export * from './shared-informer.js';
