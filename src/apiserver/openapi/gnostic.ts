import { WIRE_VARINT, Writer } from '../../machinery/protobuf/wire.js';
import type { JSONSchema } from './schemas.js';

/**
 * encodeOpenAPIV2 writes a Swagger 2.0 document as the protobuf message
 * openapi.v2.Document of google/gnostic (openapiv2/OpenAPIv2.proto), the form kubectl
 * asks /openapi/v2 for (application/com.github.proto-openapi.spec.v2@v1.0+protobuf).
 * Upstream gets it by parsing its JSON with gnostic and marshalling; this covers the
 * subset of Swagger k8ts's documents use and throws on anything else, so a new keyword
 * cannot be dropped silently. Vendor extensions (x-*) become NamedAny whose `yaml` holds
 * the value: kubectl YAML-decodes it, and JSON text is valid YAML.
 */
export function encodeOpenAPIV2(doc: JSONSchema): Uint8Array {
  const w = new Writer();
  encode(w, DOCUMENT, doc, 'document');
  return w.finish();
}

/** Enc writes one JSON value as field n; at names the JSON key, for errors. */
type Enc = (w: Writer, n: number, v: unknown, at: string) => void;

/** A message: JSON key -> [field number, encoder]; ext is the vendor_extension field. */
interface Message {
  fields: Record<string, readonly [number, Enc]>;
  ext?: number;
}

function fail(at: string, what: string): never {
  throw new Error(`openapi v2 protobuf: ${what} at ${at}`);
}

const str: Enc = (w, n, v, at) => {
  if (typeof v !== 'string') fail(at, 'expected a string');
  if (v !== '') w.string(n, v);
};
const bool: Enc = (w, n, v, at) => {
  if (typeof v !== 'boolean') fail(at, 'expected a boolean');
  if (v) w.tag(n, WIRE_VARINT).varint(1);
};
/** A bool inside a oneof: written even when false, since the case itself is the information. */
const oneofBool: Enc = (w, n, v, at) => {
  if (typeof v !== 'boolean') fail(at, 'expected a boolean');
  w.tag(n, WIRE_VARINT).varint(v ? 1 : 0);
};
const list =
  (enc: Enc): Enc =>
  (w, n, v, at) => {
    if (!Array.isArray(v)) fail(at, 'expected an array');
    for (const x of v) enc(w, n, x, at);
  };
const strings = list(str);
const msg =
  (m: () => Message): Enc =>
  (w, n, v, at) => {
    const mark = w.begin(n);
    encode(w, m(), v, at);
    w.end(mark);
  };
/** A message holding one field: the oneof and wrapper messages gnostic uses. */
const wrap =
  (field: number, enc: Enc): Enc =>
  (w, n, v, at) => {
    const mark = w.begin(n);
    enc(w, field, v, at);
    w.end(mark);
  };
/** A JSON object as `repeated Named<T> {string name = 1; T value = 2;}` in key order. */
const named =
  (value: Enc): Enc =>
  (w, n, v, at) => {
    for (const [k, x] of entries(v, at)) {
      const mark = w.begin(n);
      w.string(1, k);
      value(w, 2, x, k);
      w.end(mark);
    }
  };
/** google/gnostic's Any: the value as YAML text (field 2). */
const any: Enc = (w, n, v) => {
  const mark = w.begin(n);
  w.string(2, JSON.stringify(v));
  w.end(mark);
};

function entries(v: unknown, at: string): [string, unknown][] {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(at, 'expected an object');
  return Object.entries(v);
}

/** encode writes the fields of one message (its content, without tag and length) into w. */
function encode(w: Writer, m: Message, v: unknown, at: string): void {
  const present: [number, Enc, unknown, string][] = [];
  const ext: [string, unknown][] = [];
  for (const [k, x] of entries(v, at)) {
    if (x === undefined) continue;
    const f = m.fields[k];
    if (f) present.push([f[0], f[1], x, k]);
    else if (k.startsWith('x-') && m.ext) ext.push([k, x]);
    else fail(`${at}.${k}`, 'unsupported keyword');
  }
  // Go's proto.Marshal writes fields in field-number order; vendor_extension is the last field of each message.
  present.sort((a, b) => a[0] - b[0]);
  for (const [n, enc, x, key] of present) enc(w, n, x, key);
  for (const [k, x] of ext) {
    const mark = w.begin(m.ext!);
    w.string(1, k);
    any(w, 2, x, k);
    w.end(mark);
  }
}

// Field numbers from openapiv2/OpenAPIv2.proto.
const schema = msg(() => SCHEMA);
// AdditionalPropertiesItem { oneof { Schema schema = 1; bool boolean = 2; } }, TypeItem { repeated string value = 1; }, ItemsItem { repeated Schema schema = 1; }
const additionalSchema = wrap(1, schema);
const additionalBool = wrap(2, oneofBool);
const typeItem = wrap(1, strings);
const itemsItem = wrap(1, list(schema));
const SCHEMA: Message = {
  fields: {
    $ref: [1, str],
    format: [2, str],
    title: [3, str],
    description: [4, str],
    default: [5, any],
    required: [19, strings],
    enum: [20, list(any)],
    additionalProperties: [21, (w, n, v, at) => (typeof v === 'boolean' ? additionalBool(w, n, v, at) : additionalSchema(w, n, v, at))],
    type: [22, (w, n, v, at) => typeItem(w, n, typeof v === 'string' ? [v] : v, at)],
    items: [23, (w, n, v, at) => itemsItem(w, n, Array.isArray(v) ? v : [v], at)],
    allOf: [24, list(schema)],
    properties: [25, wrap(1, named(schema))],
    readOnly: [27, bool],
    uniqueItems: [16, bool],
  },
  ext: 31,
};

const QUERY_PARAMETER: Message = {
  fields: { required: [1, bool], in: [2, str], description: [3, str], name: [4, str], type: [6, str], format: [7, str], uniqueItems: [20, bool] },
  ext: 23,
};
const PATH_PARAMETER: Message = {
  fields: { required: [1, bool], in: [2, str], description: [3, str], name: [4, str], type: [5, str], format: [6, str], uniqueItems: [19, bool] },
  ext: 22,
};
const BODY_PARAMETER: Message = {
  fields: { description: [1, str], name: [2, str], in: [3, str], required: [4, bool], schema: [5, schema] },
  ext: 6,
};

const JSON_REFERENCE: Message = { fields: { $ref: [1, str], description: [2, str] } };
// ParametersItem { oneof { Parameter parameter = 1; JsonReference json_reference = 2; } },
// Parameter { oneof { BodyParameter body_parameter = 1; NonBodyParameter non_body_parameter = 2; } },
// NonBodyParameter { oneof { ...; QueryParameterSubSchema query = 3; PathParameterSubSchema path = 4; } }
const referenceParameter = wrap(2, msg(() => JSON_REFERENCE));
const bodyParameter = wrap(1, wrap(1, msg(() => BODY_PARAMETER)));
const queryParameter = wrap(1, wrap(2, wrap(3, msg(() => QUERY_PARAMETER))));
const pathParameter = wrap(1, wrap(2, wrap(4, msg(() => PATH_PARAMETER))));

const parametersItem: Enc = (w, n, v, at) => {
  const p = v as JSONSchema;
  if (typeof p.$ref === 'string') return referenceParameter(w, n, v, at);
  switch (p.in) {
    case 'body':
      return bodyParameter(w, n, v, at);
    case 'query':
      return queryParameter(w, n, v, at);
    case 'path':
      return pathParameter(w, n, v, at);
    default:
      return fail(at, `unsupported parameter location ${String(p.in)}`);
  }
};

const RESPONSE: Message = {
  fields: { description: [1, str], schema: [2, wrap(1, schema)] },
  ext: 5,
};

const OPERATION: Message = {
  fields: {
    tags: [1, strings],
    summary: [2, str],
    description: [3, str],
    operationId: [5, str],
    produces: [6, strings],
    consumes: [7, strings],
    parameters: [8, list(parametersItem)],
    // Responses { repeated NamedResponseValue response_code = 1; }, ResponseValue { Response response = 1; }
    responses: [9, wrap(1, named(wrap(1, msg(() => RESPONSE))))],
    schemes: [10, strings],
    deprecated: [11, bool],
  },
  ext: 13,
};

const PATH_ITEM: Message = {
  fields: {
    $ref: [1, str],
    get: [2, msg(() => OPERATION)],
    put: [3, msg(() => OPERATION)],
    post: [4, msg(() => OPERATION)],
    delete: [5, msg(() => OPERATION)],
    options: [6, msg(() => OPERATION)],
    head: [7, msg(() => OPERATION)],
    patch: [8, msg(() => OPERATION)],
    parameters: [9, list(parametersItem)],
  },
  ext: 10,
};

const API_KEY_SECURITY: Message = { fields: { type: [1, str], name: [2, str], in: [3, str], description: [4, str] }, ext: 5 };

const DOCUMENT: Message = {
  fields: {
    swagger: [1, str],
    info: [2, msg(() => ({ fields: { title: [1, str], version: [2, str], description: [3, str] }, ext: 7 }))],
    host: [3, str],
    basePath: [4, str],
    schemes: [5, strings],
    consumes: [6, strings],
    produces: [7, strings],
    // Paths { repeated NamedAny vendor_extension = 1; repeated NamedPathItem path = 2; }
    paths: [8, wrap(2, named(msg(() => PATH_ITEM)))],
    definitions: [9, wrap(1, named(schema))],
    // SecurityRequirement { repeated NamedStringArray additional_properties = 1; }, StringArray { repeated string value = 1; }
    security: [12, list(wrap(1, named(wrap(1, strings))))],
    // SecurityDefinitionsItem { oneof { ...; ApiKeySecurity api_key_security = 2; ... } }
    securityDefinitions: [13, wrap(1, named(wrap(2, msg(() => API_KEY_SECURITY))))],
  },
  ext: 16,
};
