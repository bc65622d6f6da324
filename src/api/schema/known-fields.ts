import type { SchemaNode } from './types.js';

/**
 * unknownFieldPaths walks a decoded JSON value along its schema and lists every key the
 * schema does not know, as upstream's strict decoder (sigs.k8s.io/json) names them:
 * dotted object keys and [i] list indexes, e.g. 'spec.containers[0].foo'. Values of the
 * wrong JSON type are not followed; type errors are reported elsewhere.
 */
export function unknownFieldPaths(schema: SchemaNode, value: unknown, path = '', out: string[] = []): string[] {
  switch (schema.type) {
    case 'object': {
      if (!isPlainObject(value)) return out;
      for (const key of Object.keys(value)) {
        const child = path === '' ? key : `${path}.${key}`;
        const info = schema.field(key);
        if (!info) out.push(child);
        else unknownFieldPaths(info.schema, value[key], child, out);
      }
      return out;
    }
    case 'array':
      if (Array.isArray(value)) value.forEach((v, i) => unknownFieldPaths(schema.items, v, `${path}[${i}]`, out));
      return out;
    case 'map':
      if (isPlainObject(value)) {
        for (const key of Object.keys(value)) unknownFieldPaths(schema.values, value[key], path === '' ? key : `${path}.${key}`, out);
      }
      return out;
    default:
      return out;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
