import type { GroupVersionKind } from '../../api/meta.js';
import { fieldFlags, isRequired, jsonFields, kindOfMessage, messageData, openAPIName, type FieldTuple } from '../../api/schema/index.js';

/**
 * components.schemas of an OpenAPI v3 document, built from the schema data in upstream's
 * shape: one schema per message named 'io.k8s.api.core.v1.Pod', nested types by $ref
 * (allOf-wrapped for non-pointer structs, as upstream does), SMP and list tags as
 * x-kubernetes-* extensions, and x-kubernetes-group-version-kind (an array) on kinds.
 * kubectl reads these for explain and for client-side apply's strategic merge patch.
 */

export type JSONSchema = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';
export const ref = (name: string): JSONSchema => ({ $ref: `${REF_PREFIX}${name}` });

/** PATCH bodies are described by this schema, as upstream does. */
export const PATCH_SCHEMA_NAME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
const PATCH_SCHEMA: JSONSchema = {
  description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
  type: 'object',
};

/** Schemas of the types whose JSON is not an object of fields (k8s-protobuf.md §5). */
const SPECIAL: Record<string, (name: string) => JSONSchema> = {
  quantity: () => ({ oneOf: [{ type: 'string' }, { type: 'number' }] }),
  intOrString: () => ({ format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true }),
  rfc3339: () => ({ type: 'string', format: 'date-time' }),
  rfc3339micro: () => ({ type: 'string', format: 'date-time' }),
  duration: () => ({ type: 'string' }),
  rawJSON: () => ({ type: 'object' }),
  stringArray: () => ({ type: 'array', items: { type: 'string', default: '' } }),
  envelope: () => ({ type: 'object' }),
};

const SCALAR: Record<string, JSONSchema> = {
  string: { type: 'string' },
  bytes: { type: 'string', format: 'byte' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  bool: { type: 'boolean' },
};

/**
 * componentSchemas returns the schemas of the given root messages and of every type they
 * reach, keyed by OpenAPI name. sharedGVKs lists the GVKs the meta options kinds
 * (DeleteOptions, ...) are registered under, since upstream registers them in every
 * group-version.
 */
export function componentSchemas(roots: Iterable<string>, sharedGVKs: readonly GroupVersionKind[] = []): Record<string, JSONSchema> {
  const out: Record<string, JSONSchema> = { [PATCH_SCHEMA_NAME]: PATCH_SCHEMA };
  const queue = [...roots];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name) || !messageData(name)) continue;
    seen.add(name);
    out[openAPIName(name)] = messageSchema(name, sharedGVKs, (t) => queue.push(t));
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]!]));
}

function messageSchema(name: string, sharedGVKs: readonly GroupVersionKind[], reach: (t: string) => void): JSONSchema {
  const data = messageData(name)!;
  if (data.j) return SPECIAL[data.j]!(name);
  const properties: Record<string, JSONSchema> = {};
  if (data.k) {
    properties.apiVersion = { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' };
    properties.kind = { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' };
  }
  const required: string[] = [];
  for (const f of jsonFields(name)) {
    properties[f[1]] = fieldSchema(f, reach);
    if (isRequired(f)) required.push(f[1]);
  }
  const schema: JSONSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  const gvk = kindOfMessage(name);
  if (gvk) {
    const gvks = gvk.group === 'meta.k8s.io' && sharedGVKs.some((g) => g.kind === gvk.kind) ? sharedGVKs.filter((g) => g.kind === gvk.kind) : [gvk];
    schema['x-kubernetes-group-version-kind'] = gvks.map((g) => ({ group: g.group, kind: g.kind, version: g.version }));
  }
  return schema;
}

function fieldSchema(f: FieldTuple, reach: (t: string) => void): JSONSchema {
  const type = f[2];
  const single = (): JSONSchema => {
    if (SCALAR[type]) return { ...SCALAR[type] };
    reach(type);
    return { ...ref(openAPIName(type)) };
  };
  let schema: JSONSchema;
  if (fieldFlags.map(f)) {
    schema = { type: 'object', additionalProperties: withDefault(single(), type) };
  } else if (fieldFlags.repeated(f)) {
    schema = { type: 'array', items: withDefault(single(), type) };
  } else {
    const s = single();
    // Non-pointer structs: upstream wraps the $ref in allOf and adds default {}.
    schema = s.$ref && !fieldFlags.ptr(f) && isPlainStruct(type) ? { allOf: [s], default: {} } : s;
  }
  const tags = f[4];
  if (tags?.lt) schema['x-kubernetes-list-type'] = tags.lt;
  if (tags?.lk) schema['x-kubernetes-list-map-keys'] = [...tags.lk];
  if (tags?.pk) schema['x-kubernetes-patch-merge-key'] = tags.pk;
  if (tags?.ps) schema['x-kubernetes-patch-strategy'] = tags.ps;
  return schema;
}

function isPlainStruct(type: string): boolean {
  const d = messageData(type);
  return !!d && d.j === undefined;
}

/** Element schemas of non-pointer structs and strings carry upstream's zero defaults. */
function withDefault(s: JSONSchema, type: string): JSONSchema {
  if (s.$ref && isPlainStruct(type)) return { allOf: [s], default: {} };
  if (type === 'string') return { ...s, default: '' };
  return s;
}
