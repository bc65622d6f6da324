import type { GroupVersionKind } from '../../api/meta.js';
import { fieldFlags, isRequired, jsonFields, kindOfMessage, messageData, openAPIName, type FieldTuple, type JsonForm } from '../../api/schema/index.js';
import { messageDocs, type PropertyDocs } from './upstream.js';

/**
 * Schemas of OpenAPI documents, built from the schema data in upstream's shape: one schema
 * per message named 'io.k8s.api.core.v1.Pod', nested types by $ref, SMP and list tags as
 * x-kubernetes-* extensions, and x-kubernetes-group-version-kind (an array) on kinds.
 * Descriptions, required lists, v3 defaults and map types come from upstream's published
 * spec (./upstream.ts). kubectl reads these for explain, for client-side apply's strategic
 * merge patch and (1.27/1.28, from v2) for client-side validation.
 *
 * The two flavors differ as upstream's do: v3 ('#/components/schemas/') wraps a $ref that
 * has siblings in allOf and carries defaults; v2 ('#/definitions/') puts description and
 * extensions beside the $ref, has no defaults, and writes Quantity and IntOrString as strings.
 */

export type JSONSchema = Record<string, unknown>;
export type Flavor = 'v2' | 'v3';

const REF_PREFIX: Record<Flavor, string> = { v3: '#/components/schemas/', v2: '#/definitions/' };
export const ref = (name: string, flavor: Flavor = 'v3'): JSONSchema => ({ $ref: `${REF_PREFIX[flavor]}${name}` });

/** PATCH bodies are described by this schema, as upstream does. */
export const PATCH_SCHEMA_NAME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
const PATCH_SCHEMA: JSONSchema = {
  description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
  type: 'object',
};

/** Schemas of the types whose JSON is not an object of fields (k8s-protobuf.md §5). */
const SPECIAL: Record<JsonForm, (flavor: Flavor) => JSONSchema> = {
  quantity: (v) => (v === 'v3' ? { oneOf: [{ type: 'string' }, { type: 'number' }] } : { type: 'string' }),
  intOrString: (v) => (v === 'v3' ? { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] } : { type: 'string', format: 'int-or-string' }),
  rfc3339: () => ({ type: 'string', format: 'date-time' }),
  rfc3339micro: () => ({ type: 'string', format: 'date-time' }),
  duration: () => ({ type: 'string' }),
  rawJSON: () => ({ type: 'object' }),
  stringArray: (v) => ({ type: 'array', items: v === 'v3' ? { type: 'string', default: '' } : { type: 'string' } }),
  envelope: () => ({ type: 'object' }),
};

/** Special types upstream writes in place instead of as a definition of their own. */
const INLINED: ReadonlySet<JsonForm> = new Set(['duration', 'stringArray']);

const SCALAR: Record<string, JSONSchema> = {
  string: { type: 'string' },
  bytes: { type: 'string', format: 'byte' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  bool: { type: 'boolean' },
};

const TYPE_META_DOCS = {
  apiVersion: 'APIVersion defines the versioned schema of this representation of an object.',
  kind: 'Kind is a string value representing the REST resource this object represents.',
};

/**
 * componentSchemas returns the schemas of the given root messages and of every type they
 * reach, keyed by OpenAPI name. sharedGVKs lists the GVKs the meta options kinds
 * (DeleteOptions, ...) are registered under, since upstream registers them in every
 * group-version.
 */
export function componentSchemas(roots: Iterable<string>, sharedGVKs: readonly GroupVersionKind[] = [], flavor: Flavor = 'v3'): Record<string, JSONSchema> {
  const out: Record<string, JSONSchema> = { [PATCH_SCHEMA_NAME]: PATCH_SCHEMA };
  const queue = [...roots];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name) || !messageData(name)) continue;
    seen.add(name);
    out[openAPIName(name)] = messageSchema(name, sharedGVKs, flavor, (t) => queue.push(t));
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]!]));
}

function messageSchema(name: string, sharedGVKs: readonly GroupVersionKind[], flavor: Flavor, reach: (t: string) => void): JSONSchema {
  const data = messageData(name)!;
  const docs = messageDocs(name);
  const schema: JSONSchema = docs?.d ? { description: docs.d } : {};
  if (data.j) return { ...schema, ...SPECIAL[data.j](flavor) };
  const properties: Record<string, JSONSchema> = {};
  if (data.k) {
    for (const key of ['apiVersion', 'kind'] as const) properties[key] = { description: docs?.p?.[key]?.d ?? TYPE_META_DOCS[key], type: 'string' };
  }
  const heuristic: string[] = [];
  for (const f of jsonFields(name)) {
    properties[f[1]] = fieldSchema(f, flavor, reach, docs ? docs.p?.[f[1]] ?? {} : undefined);
    if (isRequired(f)) heuristic.push(f[1]);
  }
  // Upstream's list follows +optional/+required markers, which the Go tags only approximate
  // (a pointer can be required: DeploymentSpec.selector).
  const required = docs ? docs.r ?? [] : heuristic;
  Object.assign(schema, { type: 'object', properties });
  if (required.length > 0) schema.required = [...required];
  Object.assign(schema, docs?.x);
  const gvks = kindsOf(name, sharedGVKs);
  if (gvks.length > 0) schema['x-kubernetes-group-version-kind'] = gvks.map((g) => ({ group: g.group, kind: g.kind, version: g.version }));
  return schema;
}

const META_PACKAGE = 'apimachinery.pkg.apis.meta.v1.';

/**
 * kindsOf lists the GVKs a definition is served as. Meta kinds registered in every
 * group-version (DeleteOptions, WatchEvent) list them all; the other meta kinds (Status,
 * APIResourceList) are core v1 in upstream's documents.
 */
function kindsOf(name: string, sharedGVKs: readonly GroupVersionKind[]): GroupVersionKind[] {
  if (name.startsWith(META_PACKAGE)) {
    const kind = name.slice(META_PACKAGE.length);
    const shared = sharedGVKs.filter((g) => g.kind === kind);
    if (shared.length > 0) return shared;
  }
  const gvk = kindOfMessage(name);
  if (!gvk) return [];
  return [gvk.group === 'meta.k8s.io' ? { ...gvk, group: '' } : gvk];
}

/**
 * fieldSchema is one property. docs is upstream's data for it, or undefined when upstream
 * does not publish the message (then defaults follow the Go zero values).
 */
function fieldSchema(f: FieldTuple, flavor: Flavor, reach: (t: string) => void, docs: PropertyDocs | undefined): JSONSchema {
  const type = f[2];
  const v3 = flavor === 'v3';
  const single = (): JSONSchema => {
    if (SCALAR[type]) return { ...SCALAR[type] };
    const special = messageData(type)?.j;
    if (special && INLINED.has(special)) return SPECIAL[special](flavor);
    reach(type);
    return ref(openAPIName(type), flavor);
  };
  let schema: JSONSchema;
  if (fieldFlags.map(f)) {
    schema = { type: 'object', additionalProperties: element(single(), type, flavor) };
  } else if (fieldFlags.repeated(f)) {
    schema = { type: 'array', items: element(single(), type, flavor) };
  } else {
    schema = single();
  }
  if (docs?.d) schema.description = docs.d;
  if (v3) {
    // Non-pointer structs default to {} (the Go zero value), as upstream's v3 says.
    const dflt = docs ? docs.v : schema.$ref && !fieldFlags.ptr(f) && isPlainStruct(type) ? {} : undefined;
    if (dflt !== undefined) schema.default = dflt;
    // OpenAPI 3.0 ignores siblings of $ref: upstream moves the $ref into allOf.
    if (schema.$ref && Object.keys(schema).length > 1) {
      const { $ref, ...rest } = schema;
      schema = { allOf: [{ $ref }], ...rest };
    }
  }
  const tags = f[4];
  if (tags?.lt) schema['x-kubernetes-list-type'] = tags.lt;
  if (tags?.lk) schema['x-kubernetes-list-map-keys'] = [...tags.lk];
  if (tags?.pk) schema['x-kubernetes-patch-merge-key'] = tags.pk;
  if (tags?.ps) schema['x-kubernetes-patch-strategy'] = tags.ps;
  if (docs?.m) schema['x-kubernetes-map-type'] = docs.m;
  return schema;
}

function isPlainStruct(type: string): boolean {
  const d = messageData(type);
  return !!d && d.j === undefined;
}

const ZERO: Record<string, unknown> = { string: '', int32: 0, int64: 0, bool: false };

/** v3 element schemas of non-pointer structs and scalars carry upstream's zero defaults. */
function element(s: JSONSchema, type: string, flavor: Flavor): JSONSchema {
  if (flavor === 'v2') return s;
  if (s.$ref && isPlainStruct(type)) return { allOf: [s], default: {} };
  if (Object.hasOwn(ZERO, type)) return { ...s, default: ZERO[type] };
  return s;
}
