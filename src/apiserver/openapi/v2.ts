import type { ResourceInfo } from '../../api/resources/index.js';
import { collect, entryOf, INFO, sharedKinds, type OpenAPIEntry } from './document.js';
import { encodeOpenAPIV2 } from './gnostic.js';
import type { JSONSchema } from './schemas.js';

/**
 * The OpenAPI v2 (Swagger 2.0) document served at /openapi/v2: every served resource in
 * one document, as upstream's aggregated spec. kubectl 1.27 and 1.28 download it (as
 * gnostic protobuf) before `create -f` / `apply` and look kinds up by the
 * x-kubernetes-group-version-kind of its definitions; apply reads patch strategies and
 * merge keys from it. The paths are the v3 ones rewritten in v2 form.
 */

/** The v2 document with its JSON text, hash (the ETag of both forms) and protobuf bytes. */
export interface OpenAPIV2Entry extends OpenAPIEntry {
  /** The gnostic protobuf encoding, built on first request. */
  protobuf(): Uint8Array;
}

const cache = new WeakMap<readonly ResourceInfo[], OpenAPIV2Entry>();

/** openapiV2Entry builds (once per resource set) the v2 document of the served resources. */
export function openapiV2Entry(resources: readonly ResourceInfo[]): OpenAPIV2Entry {
  let e = cache.get(resources);
  if (e) return e;
  const entry = entryOf(openapiV2Document(resources));
  let pb: Uint8Array | undefined;
  e = { ...entry, protobuf: () => (pb ??= encodeOpenAPIV2(entry.document)) };
  cache.set(resources, e);
  return e;
}

/** openapiV2Document is the Swagger 2.0 document of the served resources. */
export function openapiV2Document(resources: readonly ResourceInfo[]): JSONSchema {
  const { paths, schemas } = collect(resources, sharedKinds(resources), 'v2');
  const v2Paths: Record<string, JSONSchema> = {};
  for (const [path, item] of Object.entries(paths)) v2Paths[path] = pathItem(item);
  return {
    swagger: '2.0',
    info: INFO,
    paths: v2Paths,
    definitions: schemas,
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } },
    security: [{ BearerToken: [] }],
  };
}

const WATCH_TYPES = ['application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function pathItem(item: JSONSchema): JSONSchema {
  const out: JSONSchema = {};
  for (const [k, v] of Object.entries(item)) {
    if (METHODS.includes(k)) out[k] = operation(v as JSONSchema);
    else if (k === 'parameters') out[k] = (v as JSONSchema[]).map(parameter);
  }
  return out;
}

/** operation rewrites a v3 operation: requestBody becomes a body parameter, content types consumes/produces. */
function operation(op: JSONSchema): JSONSchema {
  const requestBody = op.requestBody as { content: Record<string, { schema: JSONSchema }>; required?: boolean } | undefined;
  const responses = op.responses as Record<string, { description: string; content?: Record<string, { schema: JSONSchema }> }>;
  const produced = Object.values(responses).find((r) => r.content)?.content ?? {};
  const produces = [...Object.keys(produced), ...(op['x-kubernetes-action'] === 'list' ? WATCH_TYPES : [])];
  const parameters: JSONSchema[] = [];
  if (requestBody) {
    const schema = Object.values(requestBody.content)[0]!.schema;
    parameters.push({ in: 'body', name: 'body', ...(requestBody.required ? { required: true } : {}), schema: v2Schema(schema) });
  }
  parameters.push(...((op.parameters as JSONSchema[] | undefined) ?? []).map(parameter));
  const v2Responses: Record<string, JSONSchema> = {};
  for (const [code, r] of Object.entries(responses)) {
    const schema = r.content ? Object.values(r.content)[0]!.schema : undefined;
    v2Responses[code] = schema ? { description: r.description, schema: v2Schema(schema) } : { description: r.description };
  }
  return {
    consumes: requestBody ? Object.keys(requestBody.content) : ['*/*'],
    description: op.description,
    operationId: op.operationId,
    ...(parameters.length > 0 ? { parameters } : {}),
    produces,
    responses: v2Responses,
    schemes: ['https'],
    tags: op.tags,
    'x-kubernetes-action': op['x-kubernetes-action'],
    'x-kubernetes-group-version-kind': op['x-kubernetes-group-version-kind'],
  };
}

/** parameter moves a v3 parameter's schema type up beside its name, as Swagger 2.0 has it. */
function parameter(p: JSONSchema): JSONSchema {
  const { schema, ...rest } = p as { schema: { type: string; uniqueItems?: boolean } } & JSONSchema;
  return { ...rest, type: schema.type, ...(schema.uniqueItems ? { uniqueItems: true } : {}) };
}

function v2Schema(s: JSONSchema): JSONSchema {
  const r = s.$ref;
  return typeof r === 'string' ? { $ref: r.replace('#/components/schemas/', '#/definitions/') } : s;
}
