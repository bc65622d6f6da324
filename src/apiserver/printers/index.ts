export type { ColumnDefinition, TablePrinter, TableRowCondition } from './types.js';
export { printerFor, hasCustomPrinter } from './registry.js';
export { defaultPrinter } from './default.js';
export { humanDuration, parseTime, since } from './duration.js';
export { formatLabels, formatLabelSelector, labelSelectorString } from './format.js';
export { summarizePod } from './pods.js';
export type { PodSummary } from './pods.js';
