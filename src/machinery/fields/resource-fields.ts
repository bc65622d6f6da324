import { errors } from '../errors.js';
import { parseFieldSelector, type Fields } from './selector.js';

/**
 * Which field labels each resource accepts in a fieldSelector, and the string values
 * its objects expose for them (spec/resources-tables-selectors.md §3). The two layers
 * are kept apart as upstream keeps them: a label can be accepted yet never populated
 * (pods status.podIPs), or populated yet rejected (replicasets status.replicas).
 */

type Obj = Record<string, any>;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const bool = (v: unknown): string => (v === true ? 'true' : 'false');
const int = (v: unknown): string => (typeof v === 'number' ? String(Math.trunc(v)) : '0');

/** Layer 1: accepted labels, the renames, and the rejection message of one conversion function. */
interface Conversion {
  accepted: ReadonlySet<string>;
  renames?: Readonly<Record<string, string>>;
  reject: (label: string) => string;
}

const notSupported = (label: string) => `field label not supported: ${label}`;
const set = (...l: string[]) => new Set(l);
const META = ['metadata.name', 'metadata.namespace'];

const DEFAULT_CONVERSION: Conversion = {
  accepted: set(...META),
  reject: (l) => `"${l}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
};

const EVENT_INVOLVED = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'];

const CONVERSIONS: Record<string, Conversion> = {
  '/pods': {
    accepted: set(...META, 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName', 'spec.host'),
    renames: { 'spec.host': 'spec.nodeName' },
    reject: notSupported,
  },
  '/nodes': { accepted: set('metadata.name', 'spec.unschedulable'), reject: notSupported },
  '/namespaces': { accepted: set('metadata.name', 'status.phase'), reject: notSupported },
  '/secrets': { accepted: set(...META, 'type'), reject: notSupported },
  '/services': { accepted: set(...META, 'spec.clusterIP', 'spec.type'), reject: notSupported },
  '/replicationcontrollers': { accepted: set(...META, 'status.replicas'), reject: notSupported },
  '/events': {
    accepted: set(...META, ...EVENT_INVOLVED.map((f) => `involvedObject.${f}`), 'reason', 'reportingComponent', 'source', 'type'),
    reject: notSupported,
  },
  'events.k8s.io/events': {
    accepted: set(...META, ...EVENT_INVOLVED.map((f) => `regarding.${f}`), 'reason', 'reportingController', 'source', 'type'),
    renames: { reportingController: 'reportingComponent', ...Object.fromEntries(EVENT_INVOLVED.map((f) => [`regarding.${f}`, `involvedObject.${f}`])) },
    reject: notSupported,
  },
  'batch/jobs': { accepted: set(...META, 'status.successful'), reject: (l) => `field label "${l}" not supported for Job` },
  'certificates.k8s.io/certificatesigningrequests': { accepted: set('metadata.name', 'spec.signerName'), reject: notSupported },
};

function conversionFor(group: string, resource: string): Conversion {
  const c = CONVERSIONS[`${group}/${resource}`];
  return c !== undefined && Object.prototype.hasOwnProperty.call(CONVERSIONS, `${group}/${resource}`) ? c : DEFAULT_CONVERSION;
}

/**
 * acceptFieldLabel is layer 1: it returns the (possibly renamed) label, or throws the
 * 400 BadRequest a real server sends for a label the resource does not support.
 */
export function acceptFieldLabel(group: string, resource: string, label: string): string {
  const c = conversionFor(group, resource);
  if (!c.accepted.has(label)) throw errors.badRequest(c.reject(label));
  return c.renames && Object.prototype.hasOwnProperty.call(c.renames, label) ? c.renames[label]! : label;
}

function metaFields(o: Obj): Fields {
  return { 'metadata.name': str(o.metadata?.name), 'metadata.namespace': str(o.metadata?.namespace) };
}

function eventFields(o: Obj): Fields {
  const involved: Obj = o.involvedObject ?? o.regarding ?? {};
  const reporting = str(o.reportingComponent ?? o.reportingController);
  const source = str(o.source?.component ?? o.deprecatedSource?.component) || reporting;
  const f: Fields = { ...metaFields(o), reason: str(o.reason), reportingComponent: reporting, source, type: str(o.type) };
  for (const k of EVENT_INVOLVED) f[`involvedObject.${k}`] = str(involved[k]);
  return f;
}

const SELECTABLE: Record<string, (o: Obj) => Fields> = {
  '/pods': (o) => ({
    ...metaFields(o),
    'spec.nodeName': str(o.spec?.nodeName),
    'spec.restartPolicy': str(o.spec?.restartPolicy),
    'spec.schedulerName': str(o.spec?.schedulerName),
    'spec.serviceAccountName': str(o.spec?.serviceAccountName),
    'spec.hostNetwork': bool(o.spec?.hostNetwork),
    'status.phase': str(o.status?.phase),
    'status.podIP': str(o.status?.podIPs?.[0]?.ip),
    'status.nominatedNodeName': str(o.status?.nominatedNodeName),
  }),
  '/nodes': (o) => ({ 'metadata.name': str(o.metadata?.name), 'spec.unschedulable': bool(o.spec?.unschedulable) }),
  '/namespaces': (o) => ({ 'metadata.name': str(o.metadata?.name), 'status.phase': str(o.status?.phase) }),
  '/secrets': (o) => ({ ...metaFields(o), type: str(o.type) }),
  '/services': (o) => ({ ...metaFields(o), 'spec.clusterIP': str(o.spec?.clusterIP), 'spec.type': str(o.spec?.type) }),
  '/replicationcontrollers': (o) => ({ ...metaFields(o), 'status.replicas': int(o.status?.replicas) }),
  '/events': eventFields,
  'events.k8s.io/events': eventFields,
  'batch/jobs': (o) => ({ ...metaFields(o), 'status.successful': int(o.status?.succeeded) }),
  'apps/replicasets': (o) => ({ ...metaFields(o), 'status.replicas': int(o.status?.replicas) }),
  'certificates.k8s.io/certificatesigningrequests': (o) => ({ 'metadata.name': str(o.metadata?.name), 'spec.signerName': str(o.spec?.signerName) }),
};

/** fieldsFor is layer 2: the selectable field values of one object (missing ones read as ""). */
export function fieldsFor(group: string, resource: string, obj: unknown): Fields {
  const o = (obj ?? {}) as Obj;
  const key = `${group}/${resource}`;
  const fn = Object.prototype.hasOwnProperty.call(SELECTABLE, key) ? SELECTABLE[key]! : metaFields;
  return fn(o);
}

/**
 * compileFieldSelector parses a fieldSelector for a resource, validates and renames its
 * labels (400 on failure, before any storage access), and returns the predicate the
 * registry applies to each object. An empty selector matches everything.
 */
export function compileFieldSelector(group: string, resource: string, selector: string): (obj: unknown) => boolean {
  const sel = parseFieldSelector(selector).transform((field, value) => [acceptFieldLabel(group, resource, field), value]);
  if (sel.empty()) return () => true;
  return (obj) => sel.matches(fieldsFor(group, resource, obj));
}
