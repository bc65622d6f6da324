export * from './selector.js';
export * from './resource-fields.js';
