import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import type { ResourceInfo } from '../../api/resources/index.js';
import { BUILTIN_RESOURCES } from '../../api/resources/index.js';
import { Reader, utf8String, WIRE_BYTES, WIRE_VARINT } from '../../machinery/protobuf/wire.js';
import { encodeOpenAPIV2, openapiV2Document, openapiV2Entry } from './index.js';
import { res } from './testing.js';

type Doc = { swagger: string; paths: Record<string, Record<string, any>>; definitions: Record<string, any> };


const RESOURCES: readonly ResourceInfo[] = [
  res({
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    subresources: [
      { name: 'status', kind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get', 'patch', 'update'] },
      { name: 'exec', kind: { group: '', version: 'v1', kind: 'PodExecOptions' }, verbs: ['create', 'get'] },
      { name: 'log', kind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] },
    ],
  }),
  res({ group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments' }),
  res({ group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets' }),
];

const doc = openapiV2Document(RESOURCES) as Doc;

/** walk visits every object in a JSON value with its path. */
function walk(v: unknown, visit: (o: Record<string, unknown>, path: string) => void, path = ''): void {
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, visit, `${path}[${i}]`));
  else if (v && typeof v === 'object') {
    visit(v as Record<string, unknown>, path);
    for (const [k, x] of Object.entries(v)) walk(x, visit, `${path}.${k}`);
  }
}

describe('openapiV2Document', () => {
  it('is Swagger 2.0 with every $ref resolving under #/definitions', () => {
    assert.equal(doc.swagger, '2.0');
    walk(doc, (o, path) => {
      if (typeof o.$ref === 'string') assert.ok(doc.definitions[o.$ref.replace('#/definitions/', '')], `${path}: ${o.$ref}`);
    });
  });

  it('definitions use the v2 forms: no allOf, oneOf or defaults; description beside $ref', () => {
    walk(doc.definitions, (o, path) => {
      for (const k of ['allOf', 'oneOf', 'default']) assert.ok(!(k in o), `${path} has ${k}`);
    });
    const pod = doc.definitions['io.k8s.api.core.v1.Pod'];
    assert.deepEqual(pod.properties.spec, {
      $ref: '#/definitions/io.k8s.api.core.v1.PodSpec',
      description: 'Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
    });
    assert.deepEqual(doc.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'].type, 'string');
    assert.deepEqual(doc.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].format, 'int-or-string');
  });

  it('kinds carry x-kubernetes-group-version-kind; shared meta kinds list every served group-version', () => {
    assert.deepEqual(doc.definitions['io.k8s.api.core.v1.Pod']['x-kubernetes-group-version-kind'], [{ group: '', kind: 'Pod', version: 'v1' }]);
    assert.deepEqual(doc.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    assert.deepEqual(
      doc.definitions['io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions']['x-kubernetes-group-version-kind'].map((g: { group: string }) => g.group),
      ['', 'apps', 'example.com'],
    );
    // A custom kind accepts anything: kubectl 1.27 must not report its fields as unknown.
    assert.deepEqual(doc.definitions['com.example.v1.Widget'], { type: 'object', 'x-kubernetes-group-version-kind': [{ group: 'example.com', kind: 'Widget', version: 'v1' }] });
  });

  it('carries upstream descriptions, required lists, patch strategies, merge keys and list types', () => {
    const spec = doc.definitions['io.k8s.api.apps.v1.DeploymentSpec'];
    assert.deepEqual(spec.required, ['selector', 'template']);
    assert.equal(spec.description, 'DeploymentSpec is the specification of the desired behavior of the Deployment.');
    assert.equal(spec.properties.strategy['x-kubernetes-patch-strategy'], 'retainKeys');
    const containers = doc.definitions['io.k8s.api.core.v1.PodSpec'].properties.containers;
    assert.deepEqual(
      { ...containers, description: undefined },
      {
        type: 'array',
        items: { $ref: '#/definitions/io.k8s.api.core.v1.Container' },
        description: undefined,
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        'x-kubernetes-patch-merge-key': 'name',
        'x-kubernetes-patch-strategy': 'merge',
      },
    );
  });

  it('paths: operations in v2 form with body parameters, consumes and produces', () => {
    const item = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}']!;
    const patch = item.patch;
    assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: '', kind: 'Pod', version: 'v1' });
    assert.equal(patch['x-kubernetes-action'], 'patch');
    assert.deepEqual(patch.consumes, ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml']);
    assert.deepEqual(patch.parameters[0], { in: 'body', name: 'body', required: true, schema: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' } });
    const fv = patch.parameters.find((p: { name: string }) => p.name === 'fieldValidation');
    assert.deepEqual({ ...fv, description: undefined }, { name: 'fieldValidation', in: 'query', description: undefined, type: 'string', uniqueItems: true });
    assert.deepEqual(item.parameters[0], { name: 'name', in: 'path', required: true, description: 'name of the Pod', type: 'string', uniqueItems: true });
    assert.deepEqual(item.put.responses['201'], { description: 'Created', schema: { $ref: '#/definitions/io.k8s.api.core.v1.Pod' } });
    assert.deepEqual(item.delete.responses['200'], { description: 'OK', schema: { $ref: '#/definitions/io.k8s.api.core.v1.Pod' } });
    assert.deepEqual(doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']!.delete.responses['200'].schema, { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Status' });
    const list = doc.paths['/api/v1/namespaces/{namespace}/pods']!.get;
    assert.ok(list.produces.includes('application/json;stream=watch'));
    assert.equal(list.operationId, 'listCoreV1NamespacedPod');
    assert.equal(doc.paths['/api/v1/namespaces/{namespace}/pods']!.delete.operationId, 'deleteCoreV1CollectionNamespacedPod');
    assert.ok(!doc.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}']!.patch.consumes.includes('application/strategic-merge-patch+json'));
  });

  it('connect subresources and pods/log as upstream lists them', () => {
    const exec = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/exec']!;
    assert.equal(exec.post.operationId, 'connectCoreV1PostNamespacedPodExec');
    assert.equal(exec.get.description, 'connect GET requests to exec of Pod');
    assert.equal(exec.get['x-kubernetes-action'], 'connect');
    assert.deepEqual(exec.get['x-kubernetes-group-version-kind'], { group: '', kind: 'PodExecOptions', version: 'v1' });
    assert.deepEqual(exec.get.responses['200'], { description: 'OK', schema: { type: 'string' } });
    assert.deepEqual(
      exec.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`),
      ['query:command', 'query:container', 'path:name', 'path:namespace', 'query:stderr', 'query:stdin', 'query:stdout', 'query:tty'],
    );
    const log = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/log']!;
    assert.deepEqual(log.get.responses['200'], { description: 'OK', schema: { type: 'string' } });
    assert.equal(log.get.produces[0], 'text/plain');
    assert.ok(log.parameters.some((p: { name: string }) => p.name === 'tailLines'));
  });
});

/**
 * A decoder written from openapiv2/OpenAPIv2.proto independently of the encoder's tables:
 * message name -> field number -> [JSON key, kind]. 'named:X' is a map entry list
 * (Named* messages), 'one:N' a wrapper whose single field N is the value, '*' repeated.
 */
type Kind = 'string' | 'bool' | 'any' | `msg:${string}` | `named:${string}` | `one:${string}`;
const PROTO: Record<string, Record<number, [string, Kind, boolean?]>> = {
  Document: {
    1: ['swagger', 'string'],
    2: ['info', 'msg:Info'],
    8: ['paths', 'msg:Paths'],
    9: ['definitions', 'msg:Definitions'],
    12: ['security', 'msg:SecurityRequirement', true],
    13: ['securityDefinitions', 'msg:SecurityDefinitions'],
  },
  Definitions: { 1: ['', 'named:Schema'] },
  Properties: { 1: ['', 'named:Schema'] },
  SecurityRequirement: { 1: ['', 'named:StringArray'] },
  SecurityDefinitions: { 1: ['', 'named:SecurityDefinitionsItem'] },
  Info: { 1: ['title', 'string'], 2: ['version', 'string'] },
  Paths: { 2: ['', 'named:PathItem'] },
  PathItem: { 2: ['get', 'msg:Operation'], 3: ['put', 'msg:Operation'], 4: ['post', 'msg:Operation'], 5: ['delete', 'msg:Operation'], 8: ['patch', 'msg:Operation'], 9: ['parameters', 'msg:ParametersItem', true], 10: ['x', 'any', true] },
  Operation: {
    1: ['tags', 'string', true],
    3: ['description', 'string'],
    5: ['operationId', 'string'],
    6: ['produces', 'string', true],
    7: ['consumes', 'string', true],
    8: ['parameters', 'msg:ParametersItem', true],
    9: ['responses', 'msg:Responses'],
    10: ['schemes', 'string', true],
    13: ['x', 'any', true],
  },
  ParametersItem: { 1: ['', 'msg:Parameter'] },
  Parameter: { 1: ['', 'msg:BodyParameter'], 2: ['', 'msg:NonBodyParameter'] },
  NonBodyParameter: { 3: ['', 'msg:QueryParameterSubSchema'], 4: ['', 'msg:PathParameterSubSchema'] },
  BodyParameter: { 1: ['description', 'string'], 2: ['name', 'string'], 3: ['in', 'string'], 4: ['required', 'bool'], 5: ['schema', 'msg:Schema'] },
  QueryParameterSubSchema: { 1: ['required', 'bool'], 2: ['in', 'string'], 3: ['description', 'string'], 4: ['name', 'string'], 6: ['type', 'string'], 20: ['uniqueItems', 'bool'] },
  PathParameterSubSchema: { 1: ['required', 'bool'], 2: ['in', 'string'], 3: ['description', 'string'], 4: ['name', 'string'], 5: ['type', 'string'], 19: ['uniqueItems', 'bool'] },
  Responses: { 1: ['', 'named:ResponseValue'] },
  ResponseValue: { 1: ['', 'msg:Response'] },
  Response: { 1: ['description', 'string'], 2: ['schema', 'one:1:Schema'] },
  Schema: {
    1: ['$ref', 'string'],
    2: ['format', 'string'],
    4: ['description', 'string'],
    19: ['required', 'string', true],
    21: ['additionalProperties', 'one:1:Schema'],
    22: ['type', 'one:1:string'],
    23: ['items', 'one:1:Schema'],
    25: ['properties', 'msg:Properties'],
    31: ['x', 'any', true],
  },
  SecurityDefinitionsItem: { 2: ['', 'msg:ApiKeySecurity'] },
  ApiKeySecurity: { 1: ['type', 'string'], 2: ['name', 'string'], 3: ['in', 'string'], 4: ['description', 'string'] },
};

function decode(name: string, bytes: Uint8Array): unknown {
  const spec = PROTO[name]!;
  const r = new Reader(bytes);
  const out: Record<string, unknown> = {};
  let unwrapped: unknown;
  while (!r.done) {
    const { field, wire } = r.tag();
    const f = spec[field];
    assert.ok(f, `${name}: unexpected field ${field}`);
    const [key, kind, repeated] = f;
    let value: unknown;
    if (kind === 'bool') {
      assert.equal(wire, WIRE_VARINT);
      value = r.varint() === 1n;
    } else {
      assert.equal(wire, WIRE_BYTES, `${name}.${field}`);
      const b = r.bytes();
      if (kind === 'string') value = utf8String(b);
      else if (kind === 'any') value = decodeNamedAny(b);
      else if (kind.startsWith('msg:')) value = decode(kind.slice(4), b);
      else if (kind.startsWith('named:')) value = decodeNamed(kind.slice(6), b);
      else {
        const [, n, inner] = kind.split(':') as [string, string, string];
        value = decodeOne(Number(n), inner, b);
      }
    }
    if (key === 'x') Object.assign(out, value);
    else if (key === '') unwrapped = mergeInto(unwrapped, value, kind.startsWith('named:'));
    else if (repeated) out[key] = [...((out[key] as unknown[]) ?? []), value];
    else if (kind.startsWith('named:')) out[key] = { ...((out[key] as object) ?? {}), ...(value as object) };
    else out[key] = value;
  }
  return unwrapped !== undefined ? unwrapped : out;
}

function mergeInto(acc: unknown, value: unknown, named: boolean): unknown {
  if (named) return { ...((acc as object) ?? {}), ...(value as object) };
  if (Array.isArray(acc)) return [...acc, value];
  return acc === undefined ? value : [acc, value];
}

/** One Named<T> entry: {name: value}. */
function decodeNamed(inner: string, b: Uint8Array): Record<string, unknown> {
  const r = new Reader(b);
  let name = '';
  let value: unknown = {};
  while (!r.done) {
    const { field } = r.tag();
    const x = r.bytes();
    if (field === 1) name = utf8String(x);
    else value = inner === 'StringArray' ? stringArray(x) : decode(inner, x);
  }
  return { [name]: value };
}

/** StringArray { repeated string value = 1; } */
function stringArray(b: Uint8Array): string[] {
  const r = new Reader(b);
  const out: string[] = [];
  while (!r.done) {
    assert.equal(r.tag().field, 1);
    out.push(utf8String(r.bytes()));
  }
  return out;
}

function decodeNamedAny(b: Uint8Array): Record<string, unknown> {
  const r = new Reader(b);
  let name = '';
  let value: unknown;
  while (!r.done) {
    const { field } = r.tag();
    const x = r.bytes();
    if (field === 1) name = utf8String(x);
    else {
      // Any { string yaml = 2; }: kubectl YAML-decodes it.
      const a = new Reader(x);
      const t = a.tag();
      assert.equal(t.field, 2);
      value = parseYaml(utf8String(a.bytes()));
    }
  }
  return { [name]: value };
}

/** A wrapper message whose repeated field n holds the values (TypeItem, ItemsItem, SchemaItem, ...). */
function decodeOne(n: number, inner: string, b: Uint8Array): unknown {
  const r = new Reader(b);
  const values: unknown[] = [];
  while (!r.done) {
    const { field } = r.tag();
    const x = r.bytes();
    assert.equal(field, n);
    values.push(inner === 'string' ? utf8String(x) : decode(inner, x));
  }
  return values.length === 1 ? values[0] : values;
}

describe('encodeOpenAPIV2 (gnostic protobuf)', () => {
  const pb = encodeOpenAPIV2(doc);

  it('decodes back to the JSON document', () => {
    assert.deepEqual(decode('Document', pb), JSON.parse(JSON.stringify(doc)));
  });

  it('puts the Pod definition with its GVK extension where kubectl looks', () => {
    // Document.definitions (9) -> Definitions.additional_properties (1) -> NamedSchema {name 1, value 2}
    const r = new Reader(pb);
    let pod: Uint8Array | undefined;
    while (!r.done) {
      const { field, wire } = r.tag();
      if (wire !== WIRE_BYTES) {
        r.skip(wire);
        continue;
      }
      const b = r.bytes();
      if (field !== 9) continue;
      const defs = new Reader(b);
      while (!defs.done && !pod) {
        defs.tag();
        const entry = new Reader(defs.bytes());
        entry.tag();
        const name = utf8String(entry.bytes());
        entry.tag();
        if (name === 'io.k8s.api.core.v1.Pod') pod = entry.bytes();
      }
    }
    assert.ok(pod);
    const schema = decode('Schema', pod) as Record<string, unknown>;
    assert.deepEqual(schema['x-kubernetes-group-version-kind'], [{ group: '', kind: 'Pod', version: 'v1' }]);
    assert.match(schema.description as string, /^Pod is a collection of containers that can run on a host\./);
    assert.equal(schema.type, 'object');
  });

  it('writes fields in field-number order, drops empty strings and false, and refuses unknown keywords', () => {
    const bytes = encodeOpenAPIV2({ info: { version: 'v', title: 't' }, swagger: '2.0', host: '' });
    assert.deepEqual([...bytes], [0x0a, 3, 0x32, 0x2e, 0x30, 0x12, 6, 0x0a, 1, 0x74, 0x12, 1, 0x76]);
    const schema = (s: Record<string, unknown>) => encodeOpenAPIV2({ definitions: { a: s } });
    assert.deepEqual(schema({ readOnly: false }), schema({}));
    assert.throws(() => schema({ oneOf: [] }), /unsupported keyword at a\.oneOf/);
    assert.throws(() => encodeOpenAPIV2({ paths: { '/x': { get: { parameters: [{ in: 'cookie', name: 'c' }] } } } }), /unsupported parameter location cookie at/);
  });

  it('encodes the served document once and keeps it', () => {
    const e = openapiV2Entry(BUILTIN_RESOURCES);
    assert.equal(openapiV2Entry(BUILTIN_RESOURCES), e);
    assert.equal(e.protobuf(), e.protobuf());
    assert.match(e.hash, /^[0-9A-F]{128}$/);
    assert.equal(JSON.parse(e.json).swagger, '2.0');
  });
});
