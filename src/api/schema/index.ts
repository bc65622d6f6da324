import type { GroupVersionKind } from '../meta.js';
import { nodeForType } from './build.js';
import { unknownFieldPaths } from './known-fields.js';
import { messageNameForKind } from './lookup.js';
import type { ObjectNode, SchemaNode } from './types.js';

export type { SchemaNode, ObjectNode, FieldInfo, ArrayNode, MapNode, ScalarNode } from './types.js';
export type { FieldTags, FieldTuple, JsonForm, MessageData } from './data-types.js';
export { fieldFlags, isRequired, jsonFields, kindOfMessage, messageData, messageNameForKind, openAPIName } from './lookup.js';
export { MESSAGES } from './generated/messages.js';
export { decodeError } from './decode-errors.js';

/**
 * schemaForKind is the schema of a built-in kind (group '' for core), built lazily and
 * cached; undefined for kinds the schema data does not cover (custom resources).
 */
export function schemaForKind(gvk: GroupVersionKind): ObjectNode | undefined {
  const name = messageNameForKind(gvk);
  const node = name ? nodeForType(name) : undefined;
  return node?.type === 'object' ? node : undefined;
}

/**
 * schemaForType looks a schema up by type name: the OpenAPI name
 * ('io.k8s.api.core.v1.PodSpec'), the message name ('api.core.v1.PodSpec') or a scalar
 * protobuf type ('string', 'int32').
 */
export function schemaForType(name: string): SchemaNode | undefined {
  return nodeForType(name.startsWith('io.k8s.') ? name.slice('io.k8s.'.length) : name);
}

/**
 * knownFieldsCheck returns the paths of fields in obj that the kind's schema does not
 * know, in document order, as upstream's strict decoding names them
 * ('spec.containers[0].foo'); the API server reports each as `unknown field "<path>"`
 * for fieldValidation=Strict (error) or Warn (warning). Kinds without a schema get [].
 */
export function knownFieldsCheck(gvk: GroupVersionKind, obj: unknown): string[] {
  const schema = schemaForKind(gvk);
  return schema ? unknownFieldPaths(schema, obj) : [];
}
