import type { FieldInfo, ObjectNode, SchemaNode } from '../../api/schema/index.js';
import { fieldFlags, jsonFields, schemaForType } from '../../api/schema/index.js';

/**
 * The type information structured merge needs, derived from our schema nodes the way
 * upstream's schemaconv derives it from OpenAPI: list types from +listType or from
 * patchStrategy=merge (with a merge key: associative; without: a set), atomic structs
 * and maps from +structType/+mapType, and `untyped` (upstream's deduced type: objects
 * are granular maps, lists atomic) for custom resources and RawExtension-like fields.
 */
export type TypeRef = StructType | MapType | ListType | { kind: 'scalar' } | { kind: 'untyped' };

export interface StructType {
  kind: 'struct';
  atomic: boolean;
  field(name: string): FieldType | undefined;
}

export interface FieldType {
  type: TypeRef;
  /**
   * How the field looks in Go's zero value of its struct: value structs are `{}` and
   * fields without omitempty are null. Upstream compares Go objects, so such fields are
   * never "added" as a whole; we treat them as present when absent.
   */
  zero?: 'object' | 'null';
}

export interface MapType {
  kind: 'map';
  atomic: boolean;
  values: TypeRef;
}

export interface ListType {
  kind: 'list';
  rel: 'atomic' | 'set' | 'map';
  keys: string[];
  items: TypeRef;
}

export const SCALAR: TypeRef = Object.freeze({ kind: 'scalar' });
export const UNTYPED: TypeRef = Object.freeze({ kind: 'untyped' });

/** Structs marked +structType=atomic upstream (x-kubernetes-map-type: atomic). */
const ATOMIC_STRUCTS = new Set(
  [
    'apimachinery.pkg.apis.meta.v1.LabelSelector',
    'api.core.v1.ObjectFieldSelector',
    'api.core.v1.ResourceFieldSelector',
    'api.core.v1.ConfigMapKeySelector',
    'api.core.v1.SecretKeySelector',
    'api.core.v1.FileKeySelector',
    'api.core.v1.LocalObjectReference',
    'api.core.v1.TypedLocalObjectReference',
    'api.core.v1.ObjectReference',
    'api.core.v1.SecretReference',
    'api.core.v1.NodeSelector',
    'api.core.v1.NodeSelectorTerm',
    'api.core.v1.TopologySelectorTerm',
  ].map((n) => `io.k8s.${n}`),
);

/** Map fields marked +mapType=atomic upstream, as '<struct>.<field>'. */
const ATOMIC_MAPS = new Set(['io.k8s.api.core.v1.PodSpec.nodeSelector', 'io.k8s.api.core.v1.ServiceSpec.selector', 'io.k8s.api.core.v1.ReplicationControllerSpec.selector']);

/** Defaults of list-map key fields, which upstream fills in when an item omits them. */
export const KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: 'TCP' };

const structs = new WeakMap<ObjectNode, StructType>();

/** typeForSchema is the root type of a kind; no schema means untyped with a typed metadata. */
export function typeForSchema(schema: ObjectNode | undefined): TypeRef {
  if (schema) return structType(schema);
  const meta = schemaForType('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  const metaType = meta?.type === 'object' ? structType(meta) : UNTYPED;
  return {
    kind: 'struct',
    atomic: false,
    field: (name) => (name === 'metadata' ? { type: metaType, zero: 'object' } : name === 'apiVersion' || name === 'kind' ? { type: SCALAR } : { type: UNTYPED }),
  };
}

function structType(node: ObjectNode): StructType {
  let t = structs.get(node);
  if (t) return t;
  const message = node.name?.startsWith('io.k8s.') ? node.name.slice('io.k8s.'.length) : undefined;
  const tuples = new Map(message ? jsonFields(message).map((f) => [f[1], f] as const) : []);
  const cache = new Map<string, FieldType | undefined>();
  t = {
    kind: 'struct',
    atomic: !!node.name && ATOMIC_STRUCTS.has(node.name),
    field(name) {
      if (cache.has(name)) return cache.get(name);
      const info = node.field(name);
      let ft: FieldType | undefined;
      if (info) {
        ft = { type: fieldType(info, node.name) };
        const tuple = tuples.get(name);
        if (tuple && !fieldFlags.ptr(tuple) && !fieldFlags.repeated(tuple) && !fieldFlags.map(tuple) && ft.type.kind === 'struct') ft.zero = 'object';
        else if (tuple && !fieldFlags.omitempty(tuple) && !fieldFlags.omitzero(tuple)) ft.zero = 'null';
      }
      cache.set(name, ft);
      return ft;
    },
  };
  structs.set(node, t);
  return t;
}

function fieldType(info: FieldInfo, parent: string | undefined): TypeRef {
  const s = info.schema;
  if (s.type === 'array') {
    const items = nodeType(s.items);
    if (info.listType) return { kind: 'list', rel: info.listType, keys: info.listType === 'map' ? [...(info.listMapKeys ?? [])] : [], items };
    if (info.patchStrategy?.split(',').includes('merge')) {
      return info.patchMergeKey ? { kind: 'list', rel: 'map', keys: [info.patchMergeKey], items } : { kind: 'list', rel: 'set', keys: [], items };
    }
    return { kind: 'list', rel: 'atomic', keys: [], items };
  }
  if (s.type === 'map') return { kind: 'map', atomic: ATOMIC_MAPS.has(`${parent}.${info.name}`), values: nodeType(s.values) };
  return nodeType(s);
}

function nodeType(s: SchemaNode): TypeRef {
  switch (s.type) {
    case 'object':
      return structType(s);
    case 'array':
      return { kind: 'list', rel: 'atomic', keys: [], items: nodeType(s.items) };
    case 'map':
      return { kind: 'map', atomic: false, values: nodeType(s.values) };
    case 'any':
      return UNTYPED;
    default:
      return SCALAR;
  }
}
