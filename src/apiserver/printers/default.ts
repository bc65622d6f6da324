import { parseTime } from './duration.js';
import { col, nameCol, type TablePrinter } from './types.js';

/** rfc3339 formats epoch ms as Go's time.RFC3339 in UTC (whole seconds, 'Z'). */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * defaultPrinter is the apiserver's generic table for resources without a printer (roles,
 * clusterroles, limitranges, reviews): Name plus the raw creation time in a 'date' column, which
 * kubectl prints verbatim under CREATED AT. A zero time renders as Go's zero time.
 */
export const defaultPrinter: TablePrinter = {
  columns: [nameCol(), col('Created At', 'date', 'CreationTimestamp is a timestamp representing the server time when this object was created.')],
  cells(o) {
    const t = parseTime(o.metadata?.creationTimestamp);
    return [o.metadata?.name ?? '', t === undefined ? '0001-01-01T00:00:00Z' : rfc3339(t)];
  },
};
