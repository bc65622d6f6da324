/**
 * SchemaNode describes the shape of one JSON value of a built-in kind, as much as
 * patching, pruning, protobuf decoding and OpenAPI need: the Go struct tags
 * (patchStrategy, patchMergeKey) and list/map types of upstream's types.go.
 */
export type SchemaNode = ObjectNode | ArrayNode | MapNode | ScalarNode;

export interface ObjectNode {
  type: 'object';
  /** Fully qualified name, e.g. 'io.k8s.api.core.v1.PodSpec'. */
  name?: string;
  field(name: string): FieldInfo | undefined;
  fieldNames(): string[];
}

export interface FieldInfo {
  name: string;
  schema: SchemaNode;
  /** 'merge', 'retainKeys', 'merge,retainKeys' or 'replace'; absent = replace/atomic. */
  patchStrategy?: string;
  patchMergeKey?: string;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
}

export interface ArrayNode {
  type: 'array';
  items: SchemaNode;
}

export interface MapNode {
  type: 'map';
  values: SchemaNode;
}

export interface ScalarNode {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'quantity' | 'time' | 'any';
}
