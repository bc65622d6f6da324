export * from './errors.js';
export * from './field-errors.js';
