export * from './validation.js';
export * from './selector.js';
export * from './parse.js';
export * from './label-selector.js';
