import type { KubeObject } from '../../api/meta.js';
import type { ResourceInfo } from '../../api/resources/types.js';

/**
 * Conversion maps a served version to the version objects are stored as, for resources
 * that share a store with another group: events.k8s.io/v1 Events live as core v1 Events,
 * so an event written through one API is read through the other.
 */
export interface Conversion {
  toStorage(obj: KubeObject): KubeObject;
  fromStorage(obj: KubeObject): KubeObject;
}

/** Field pairs: events.k8s.io/v1 name -> core/v1 name. */
const EVENT_FIELDS: Array<[string, string]> = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
  ['reportingController', 'reportingComponent'],
];

function rename(obj: KubeObject, pairs: Array<[string, string]>, apiVersion: string): KubeObject {
  const out: KubeObject = { ...obj, apiVersion, kind: 'Event' };
  for (const [from, to] of pairs) {
    if (from in out) {
      out[to] = out[from];
      delete out[from];
    }
  }
  return out;
}

const eventsV1: Conversion = {
  toStorage: (obj) => rename(obj, EVENT_FIELDS, 'v1'),
  fromStorage: (obj) => rename(obj, EVENT_FIELDS.map(([a, b]) => [b, a]), 'events.k8s.io/v1'),
};

export function conversionFor(info: ResourceInfo): Conversion | undefined {
  return info.group === 'events.k8s.io' && info.kind === 'Event' ? eventsV1 : undefined;
}
