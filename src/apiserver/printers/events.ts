import type { KubeObject } from '../../api/meta.js';
import { since } from './duration.js';
import { get, num, rec, str, type Obj } from './fields.js';
import { col, nameCol, type TablePrinter } from './types.js';

/** CoreEventFields is the subset of a core v1 Event the printer reads. */
interface CoreEventFields {
  involvedObject: Obj;
  message: string;
  source: Obj;
  firstTimestamp: unknown;
  lastTimestamp: unknown;
  count: number;
}

/**
 * coreFields reads an event in either shape. events.k8s.io/v1 objects are the same stored
 * objects under other field names (regarding, note, deprecated*), and upstream converts them to
 * the internal core Event before printing, so both groups print identically.
 */
function coreFields(ev: KubeObject, eventsGroup: boolean): CoreEventFields {
  if (eventsGroup) {
    return {
      involvedObject: rec(ev.regarding),
      message: str(ev.note),
      source: rec(ev.deprecatedSource),
      firstTimestamp: ev.deprecatedFirstTimestamp,
      lastTimestamp: ev.deprecatedLastTimestamp,
      count: num(ev.deprecatedCount),
    };
  }
  return {
    involvedObject: rec(ev.involvedObject),
    message: str(ev.message),
    source: rec(ev.source),
    firstTimestamp: ev.firstTimestamp,
    lastTimestamp: ev.lastTimestamp,
    count: num(ev.count),
  };
}

/** eventCells computes the ten event cells (wide form); `eventsGroup` selects the field names. */
export function eventCells(ev: KubeObject, now: number, eventsGroup: boolean): unknown[] {
  const f = coreFields(ev, eventsGroup);
  let first = since(f.firstTimestamp, now);
  if (first === '<unknown>') first = since(ev.eventTime, now);
  let last = since(f.lastTimestamp, now);
  if (last === '<unknown>') last = first;
  let count = f.count;
  if (ev.series !== undefined && ev.series !== null) {
    last = since(get(ev.series, 'lastObservedTime'), now);
    count = num(get(ev.series, 'count'));
  } else if (count === 0) {
    count = 1;
  }
  const kind = str(f.involvedObject.kind).toLowerCase();
  const objName = str(f.involvedObject.name);
  // The internal Event's ReportingController is core/v1's reportingComponent.
  const component = str(f.source.component) || str(eventsGroup ? ev.reportingController : ev.reportingComponent);
  const host = str(f.source.host) || str(ev.reportingInstance);
  return [
    last,
    str(ev.type),
    str(ev.reason),
    objName ? `${kind}/${objName}` : kind,
    str(f.involvedObject.fieldPath),
    host ? `${component}, ${host}` : component,
    f.message.trim(),
    first,
    count,
    ev.metadata?.name ?? '',
  ];
}

const EVENT_COLUMNS = [
  col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
  col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
  col('Reason', 'string', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
  col('Object', 'string', 'The object that this event is about.'),
  col('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.', 1),
  col('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
  col('Message', 'string', 'A human-readable description of the status of this operation.'),
  col('First Seen', 'string', 'The time at which the event was first recorded.', 1),
  col('Count', 'string', 'The number of times this event has occurred.', 1),
  nameCol(1),
];

/** coreEventPrinter renders core v1 events. Note Name is the last, wide-only column. */
export const coreEventPrinter: TablePrinter = {
  columns: EVENT_COLUMNS,
  cells: (ev, now) => eventCells(ev, now, false),
};

/** eventsV1Printer renders events.k8s.io/v1 events with the same table as core events. */
export const eventsV1Printer: TablePrinter = {
  columns: EVENT_COLUMNS,
  cells: (ev, now) => eventCells(ev, now, true),
};
