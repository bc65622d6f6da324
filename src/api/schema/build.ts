import type { FieldInfo, ObjectNode, SchemaNode } from './types.js';
import type { FieldTuple } from './data-types.js';
import { SCALAR_TYPES } from './data-types.js';
import { fieldFlags, jsonFields, messageData, openAPIName } from './lookup.js';

/**
 * Turns the generated message data into the SchemaNode trees that patching, pruning and
 * validation walk. Nodes are built on first use and cached, so a cycle of message
 * references (none exist today, but nothing forbids them) costs nothing.
 */

const STRING: SchemaNode = Object.freeze({ type: 'string' });
const INTEGER: SchemaNode = Object.freeze({ type: 'integer' });
const BOOLEAN: SchemaNode = Object.freeze({ type: 'boolean' });
const TYPE_META_FIELDS: readonly FieldInfo[] = Object.freeze([
  Object.freeze({ name: 'kind', schema: STRING }),
  Object.freeze({ name: 'apiVersion', schema: STRING }),
]);

const nodes = new Map<string, SchemaNode>();

/** nodeForType returns the schema of a scalar type name or a message name. */
export function nodeForType(type: string): SchemaNode | undefined {
  if (SCALAR_TYPES.has(type)) return scalarNode(type);
  let node = nodes.get(type);
  if (node) return node;
  const data = messageData(type);
  if (!data) return undefined;
  switch (data.j) {
    case 'quantity':
      node = { type: 'quantity' };
      break;
    case 'intOrString':
      node = { type: 'int-or-string' };
      break;
    case 'rfc3339':
    case 'rfc3339micro':
      node = { type: 'time' };
      break;
    case 'duration':
      node = STRING;
      break;
    case 'stringArray':
      node = { type: 'array', items: STRING };
      break;
    case 'rawJSON':
    case 'envelope':
      node = { type: 'any' };
      break;
    default:
      node = new MessageNode(type, data.k === 1);
  }
  nodes.set(type, node);
  return node;
}

function scalarNode(type: string): SchemaNode {
  if (type === 'int32' || type === 'int64') return INTEGER;
  if (type === 'bool') return BOOLEAN;
  return STRING; // string, and bytes as base64
}

/** fieldSchema is the JSON schema of one field: element and map wrappers included. */
export function fieldSchema(f: FieldTuple): SchemaNode {
  const item = nodeForType(f[2]) ?? { type: 'any' };
  if (fieldFlags.map(f)) return { type: 'map', values: item };
  if (fieldFlags.repeated(f)) return { type: 'array', items: item };
  return item;
}

/** MessageNode is the ObjectNode of one message, its fields resolved lazily. */
class MessageNode implements ObjectNode {
  readonly type = 'object';
  readonly name: string;
  private readonly message: string;
  private readonly typeMeta: boolean;
  private fields?: Map<string, FieldInfo>;

  constructor(message: string, typeMeta: boolean) {
    this.message = message;
    this.name = openAPIName(message);
    this.typeMeta = typeMeta;
  }

  field(name: string): FieldInfo | undefined {
    return this.resolve().get(name);
  }

  fieldNames(): string[] {
    return [...this.resolve().keys()];
  }

  private resolve(): Map<string, FieldInfo> {
    if (this.fields) return this.fields;
    const fields = new Map<string, FieldInfo>();
    if (this.typeMeta) for (const f of TYPE_META_FIELDS) fields.set(f.name, f);
    for (const f of jsonFields(this.message)) {
      const info: FieldInfo = { name: f[1], schema: fieldSchema(f) };
      const tags = f[4];
      if (tags?.ps) info.patchStrategy = tags.ps;
      if (tags?.pk) info.patchMergeKey = tags.pk;
      if (tags?.lt) info.listType = tags.lt;
      if (tags?.lk) info.listMapKeys = [...tags.lk];
      fields.set(f[1], Object.freeze(info));
    }
    this.fields = fields;
    return fields;
  }
}
