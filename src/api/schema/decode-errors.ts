import type { GroupVersionKind } from '../meta.js';
import type { FieldTuple } from './data-types.js';
import { fieldFlags, jsonFields, messageData, messageNameForKind } from './lookup.js';

/**
 * decodeError returns the error upstream's JSON decoding (sigs.k8s.io/json, Go's
 * encoding/json) reports for the first value of the wrong JSON type in obj, undefined
 * when there is none. Like Go, it names the innermost struct and the JSON field path
 * without list indexes or map keys:
 *   json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32
 * Unknown fields and nulls are skipped (Go leaves them). Types with their own JSON
 * decoding (Quantity, IntOrString, Time) only check the JSON type of the value.
 */
export function decodeError(gvk: GroupVersionKind, obj: unknown): string | undefined {
  const name = messageNameForKind(gvk);
  if (!name || !isObject(obj)) return undefined;
  return walkMessage(name, obj, []);
}

/** FIELDS caches each message's JSON fields by name: every create walks the same few messages. */
const FIELDS = new Map<string, Map<string, FieldTuple>>();

function fieldsOf(name: string): Map<string, FieldTuple> {
  let m = FIELDS.get(name);
  if (!m) FIELDS.set(name, (m = new Map(jsonFields(name).map((f) => [f[1], f]))));
  return m;
}

function walkMessage(name: string, obj: Record<string, unknown>, stack: string[]): string | undefined {
  const fields = fieldsOf(name);
  for (const key in obj) {
    const value = obj[key];
    const f = fields.get(key);
    // undefined arrives only in-process (JSON has no such value) and means absent, like null.
    if (!f || value == null) continue;
    // The stack is shared down the walk (push/pop): errors copy it, the common path never does.
    stack.push(key);
    const err = walkField(f, value, stack, name);
    stack.pop();
    if (err) return err;
  }
  return undefined;
}

function walkField(f: FieldTuple, v: unknown, stack: string[], struct: string): string | undefined {
  const type = f[2];
  if (fieldFlags.map(f)) {
    if (!isObject(v)) return typeError(jsonKind(v), struct, stack, `map[string]${goType(type)}`);
    for (const x of Object.values(v)) {
      const err = x == null ? undefined : walkValue(type, x, stack, struct);
      if (err) return err;
    }
    return undefined;
  }
  if (fieldFlags.repeated(f)) {
    if (!Array.isArray(v)) return typeError(jsonKind(v), struct, stack, `[]${goType(type)}`);
    for (const x of v) {
      const err = x == null ? undefined : walkValue(type, x, stack, struct);
      if (err) return err;
    }
    return undefined;
  }
  return walkValue(type, v, stack, struct);
}

/** INT_RANGE bounds as doubles: [min, max) — every int64 a JSON number can hold is below 2^63. */
const INT_RANGE: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31],
  int64: [-(2 ** 63), 2 ** 63],
};

function walkValue(type: string, v: unknown, stack: string[], struct: string): string | undefined {
  switch (type) {
    case 'string':
      return typeof v === 'string' ? undefined : typeError(jsonKind(v), struct, stack, 'string');
    case 'bytes':
      return typeof v === 'string' ? undefined : typeError(jsonKind(v), struct, stack, '[]uint8');
    case 'bool':
      return typeof v === 'boolean' ? undefined : typeError(jsonKind(v), struct, stack, 'bool');
    case 'int32':
    case 'int64':
      return integerError(v, type, stack, struct);
  }
  const data = messageData(type);
  if (!data) return undefined;
  switch (data.j) {
    case 'intOrString':
      // IntOrString decodes a non-string into its int32.
      return typeof v === 'string' ? undefined : integerError(v, 'int32', stack, struct);
    case 'quantity':
      return typeof v === 'string' || typeof v === 'number' ? undefined : "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    case 'rfc3339':
    case 'rfc3339micro':
    case 'duration':
      // Time and Duration decode a JSON string first.
      return typeof v === 'string' ? undefined : typeError(jsonKind(v), struct, stack, 'string');
    case 'stringArray':
      return Array.isArray(v) ? v.map((x) => (x == null ? undefined : walkValue('string', x, stack, struct))).find(Boolean) : typeError(jsonKind(v), struct, stack, goType(type));
    case 'rawJSON':
    case 'envelope':
      return undefined;
  }
  if (!isObject(v)) return typeError(jsonKind(v), struct, stack, goType(type));
  return walkMessage(type, v, stack);
}

function integerError(v: unknown, type: string, stack: string[], struct: string): string | undefined {
  if (typeof v !== 'number') return typeError(jsonKind(v), struct, stack, type);
  const [min, max] = INT_RANGE[type]!;
  if (Number.isInteger(v) && v >= min && v < max) return undefined;
  return typeError(`number ${String(v)}`, struct, stack, type);
}

/** typeError names the innermost struct by its short name; message is its full message name. */
function typeError(value: string, message: string, stack: string[], goTypeName: string): string {
  const struct = message.slice(message.lastIndexOf('.') + 1);
  return `json: cannot unmarshal ${value} into Go struct field ${struct}.${stack.join('.')} of type ${goTypeName}`;
}

/** goType is Go's name of a field's type: 'int32', 'v1.PodSpec', 'resource.Quantity'. */
function goType(type: string): string {
  switch (type) {
    case 'bytes':
      return '[]uint8';
    case 'string':
    case 'bool':
    case 'int32':
    case 'int64':
      return type;
  }
  const parts = type.split('.');
  return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
}

/** jsonKind is how Go's decoder names a JSON value in type errors. */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'array' : 'object';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
