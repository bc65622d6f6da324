export * from './errors.js';
export * from './field-errors.js';
export * from './deep.js';
export * from './quantity.js';
