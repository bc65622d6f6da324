import type { GroupVersionKind } from '../../api/meta.js';
import type { ResourceInfo } from '../../api/resources/index.js';
import { PATCH_SCHEMA_NAME, ref, type JSONSchema } from './schemas.js';
import { deleteReturnsObject, parameterDescription, subresourceOptions } from './upstream.js';

/**
 * paths of an OpenAPI v3 group-version document: collection, item and subresource paths
 * with one operation per verb, in upstream's shape. kubectl relies on two things here:
 * a PATCH operation whose x-kubernetes-group-version-kind (a single object) matches the
 * object and that lists the fieldValidation query parameter (then it validates
 * server-side), and application/strategic-merge-patch+json among the PATCH media types
 * (then it computes client-side apply patches from components.schemas).
 */

/** SchemaNamer maps a kind to its components.schemas name, undefined when unknown. */
export type SchemaNamer = (gvk: GroupVersionKind) => string | undefined;

const STATUS = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';
const DELETE_OPTIONS = 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions';
const RESPONSE_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** query is a query parameter with upstream's description (the fallback text when it has none). */
const query = (name: string, type: string, fallback: string): JSONSchema => ({ name, in: 'query', description: parameterDescription(name) ?? fallback, schema: { type, uniqueItems: true } });
const LIST_PARAMS = ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'];

/** The shared parameters, built on first use: their texts come from the lazily parsed upstream data. */
const params = memo(() => ({
  pretty: query('pretty', 'string', "If 'true', then the output is pretty printed."),
  dryRun: query('dryRun', 'string', 'When present, indicates that modifications should not be persisted. Valid value: All.'),
  fieldManager: query('fieldManager', 'string', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  fieldValidation: query('fieldValidation', 'string', 'How the server handles unknown or duplicate fields in the request body: Ignore, Warn or Strict.'),
  force: query('force', 'boolean', 'Force is going to "force" Apply requests; must be unset for non-apply patch requests.'),
  gracePeriodSeconds: query('gracePeriodSeconds', 'integer', 'The duration in seconds before the object should be deleted.'),
  propagationPolicy: query('propagationPolicy', 'string', "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'."),
  orphanDependents: query('orphanDependents', 'boolean', 'Deprecated: please use the PropagationPolicy.'),
  list: LIST_PARAMS.map((n) => query(n, ['allowWatchBookmarks', 'sendInitialEvents', 'watch'].includes(n) ? 'boolean' : ['limit', 'timeoutSeconds'].includes(n) ? 'integer' : 'string', `${n} list option`)),
  path: (name: string, description: string): JSONSchema => ({ name, in: 'path', required: true, description, schema: { type: 'string', uniqueItems: true } }),
}));

function memo<T>(build: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= build());
}

/** resourcePaths returns the path items of one resource and its subresources. */
export function resourcePaths(r: ResourceInfo, schemaName: SchemaNamer, builtin: boolean): Record<string, JSONSchema> {
  const gv = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const nsPart = r.namespaced ? '/namespaces/{namespace}' : '';
  const collection = `${gv}${nsPart}/${r.plural}`;
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const ctx = new OpContext(r, schemaName, builtin);
  const P = params();
  const common = [...(r.namespaced ? [P.path('namespace', 'object name and auth scope, such as for teams and projects')] : []), P.pretty];
  const out: Record<string, JSONSchema> = {};
  const has = (v: string) => r.verbs.includes(v);

  const coll: JSONSchema = {};
  if (has('list')) coll.get = ctx.op('list', gvk, r.listKind, P.list, 'list');
  if (has('create')) coll.post = ctx.op('create', gvk, r.kind, [P.dryRun, P.fieldManager, P.fieldValidation], 'post', 'body', ['200', '201', '202']);
  if (has('deletecollection')) coll.delete = ctx.op('deletecollection', gvk, 'Status', [...P.list, P.gracePeriodSeconds, P.propagationPolicy, P.orphanDependents, P.dryRun], 'deletecollection', 'delete');
  if (Object.keys(coll).length > 0) out[collection] = { ...coll, parameters: common };
  if (has('list') && r.namespaced) {
    out[`${gv}/${r.plural}`] = { get: ctx.op('listForAllNamespaces', gvk, r.listKind, P.list, 'list'), parameters: [P.pretty] };
  }

  const item: JSONSchema = {};
  if (has('get')) item.get = ctx.op('read', gvk, r.kind, [], 'get');
  if (has('update')) item.put = ctx.op('replace', gvk, r.kind, [P.dryRun, P.fieldManager, P.fieldValidation], 'put', 'body', ['200', '201']);
  if (has('patch')) item.patch = ctx.op('patch', gvk, r.kind, [P.dryRun, P.fieldManager, P.fieldValidation, P.force], 'patch', 'patch', ['200', '201']);
  const deleted = deleteReturnsObject(r.group, r.plural) ? r.kind : 'Status';
  if (has('delete')) item.delete = ctx.op('delete', gvk, deleted, [P.dryRun, P.gracePeriodSeconds, P.propagationPolicy, P.orphanDependents], 'delete', 'delete', ['200', '202']);
  const itemParams = [P.path('name', `name of the ${r.kind}`), ...common];
  const subParams = (kind: string) => [P.path('name', `name of the ${kind}`), ...common];
  if (Object.keys(item).length > 0) out[`${collection}/{name}`] = { ...item, parameters: itemParams };

  for (const sub of r.subresources) {
    const subItem: JSONSchema = {};
    const suffix = sub.name.charAt(0).toUpperCase() + sub.name.slice(1);
    const k = sub.kind.kind;
    const subPath = `${collection}/{name}/${sub.name}`;
    const optionsKey = `${gv}/${r.plural}/${sub.name}`;
    if (isConnect(sub.kind)) {
      const byName = (a: JSONSchema, b: JSONSchema) => ((a.name as string) < (b.name as string) ? -1 : 1);
      const pathParams = [P.path('name', `name of the ${k}`), ...(r.namespaced ? [P.path('namespace', 'object name and auth scope, such as for teams and projects')] : [])];
      out[subPath] = { ...ctx.connect(sub.verbs, suffix, sub.kind), parameters: [...pathParams, ...options(optionsKey)].sort(byName) };
      if (sub.name === 'proxy') {
        const withPath = [...pathParams, P.path('path', 'path to the resource'), ...options(`${optionsKey}/{path}`)].sort(byName);
        out[`${subPath}/{path}`] = { ...ctx.connect(sub.verbs, `${suffix}WithPath`, sub.kind), parameters: withPath };
      }
      continue;
    }
    if (sub.name === 'log') {
      // The log is text, read with its own query options.
      subItem.get = ctx.op(`read@${suffix}`, gvk, 'string', [], 'get', undefined, ['200'], sub.kind);
      out[subPath] = { ...subItem, parameters: [...subParams(k), ...options(optionsKey)].sort((a, b) => ((a.name as string) < (b.name as string) ? -1 : 1)) };
      continue;
    }
    if (sub.verbs.includes('get')) subItem.get = ctx.op(`read@${suffix}`, gvk, k, [], 'get', undefined, ['200'], sub.kind);
    if (sub.verbs.includes('update')) subItem.put = ctx.op(`replace@${suffix}`, gvk, k, [P.dryRun, P.fieldManager, P.fieldValidation], 'put', 'body', ['200', '201'], sub.kind);
    if (sub.verbs.includes('patch')) subItem.patch = ctx.op(`patch@${suffix}`, gvk, k, [P.dryRun, P.fieldManager, P.fieldValidation, P.force], 'patch', 'patch', ['200', '201'], sub.kind);
    if (sub.verbs.includes('create')) subItem.post = ctx.op(`create@${suffix}`, gvk, k, [P.dryRun, P.fieldManager, P.fieldValidation], 'post', 'body', ['200', '201', '202'], sub.kind);
    if (Object.keys(subItem).length > 0) out[subPath] = { ...subItem, parameters: subParams(k) };
  }
  return out;
}

/** Connect subresources (exec, attach, portforward, proxy) take an options kind and stream. */
function isConnect(kind: GroupVersionKind): boolean {
  return kind.kind.endsWith('Options');
}

/** options are the query parameters of a connect subresource or pods/log, as upstream lists them. */
function options(key: string): JSONSchema[] {
  return (subresourceOptions(key) ?? []).map(([name, type, description]) => ({ name, in: 'query', description, schema: { type, uniqueItems: true } }));
}

/** HTTP methods of connect verbs, and their operation-id words. */
const CONNECT_METHODS: readonly (readonly [verb: string, method: string, word: string])[] = [
  ['delete', 'delete', 'Delete'],
  ['get', 'get', 'Get'],
  ['patch', 'patch', 'Patch'],
  ['create', 'post', 'Post'],
  ['update', 'put', 'Put'],
];

/** OpContext builds operations for one resource. */
class OpContext {
  constructor(
    private readonly r: ResourceInfo,
    private readonly schemaName: SchemaNamer,
    private readonly builtin: boolean,
  ) {}

  /** connect builds the operations of a connect subresource: 'connect GET requests to attach of Pod'. */
  connect(verbs: readonly string[], suffix: string, kind: GroupVersionKind): JSONSchema {
    const item: JSONSchema = {};
    const sub = suffix.replace(/WithPath$/, '');
    const namespaced = this.r.namespaced ? 'Namespaced' : '';
    for (const [verb, method, word] of CONNECT_METHODS) {
      if (!verbs.includes(verb)) continue;
      item[method] = {
        tags: [this.tag()],
        description: `connect ${word.toUpperCase()} requests to ${sub.toLowerCase()} of ${this.r.kind}`,
        operationId: `connect${this.gvName()}${word}${namespaced}${this.r.kind}${suffix}`,
        responses: { '200': { description: 'OK', content: { '*/*': { schema: { type: 'string' } } } }, '401': { description: 'Unauthorized' } },
        'x-kubernetes-action': 'connect',
        'x-kubernetes-group-version-kind': pickGVK(kind),
      };
    }
    return item;
  }

  private tag(): string {
    return `${lowerFirst(groupName(this.r.group))}_${this.r.version}`;
  }

  private gvName(): string {
    return groupName(this.r.group) + capitalize(this.r.version);
  }

  /**
   * op builds one operation. verbName may carry a subresource ('patch@Status'); body is
   * 'body' (object), 'patch' (patch media types) or 'delete' (DeleteOptions).
   */
  op(
    verbName: string,
    gvk: GroupVersionKind,
    responseKind: string,
    params: JSONSchema[],
    action: string,
    body?: 'body' | 'patch' | 'delete',
    codes: string[] = ['200'],
    subKind?: GroupVersionKind,
  ): JSONSchema {
    const [verb, sub = ''] = verbName.split('@') as [string, string?];
    const namespaced = this.r.namespaced && verb !== 'listForAllNamespaces' ? 'Namespaced' : '';
    const baseVerb = verb === 'listForAllNamespaces' ? 'list' : verb === 'deletecollection' ? 'delete' : verb;
    const collection = verb === 'deletecollection' ? 'Collection' : '';
    const suffix = verb === 'listForAllNamespaces' ? 'ForAllNamespaces' : '';
    const respGVK = responseKind === 'Status' ? { group: '', version: 'v1', kind: 'Status' } : subKind ?? { ...gvk, kind: responseKind };
    const responseSchema = responseKind === 'Status' ? STATUS : responseKind === 'string' ? undefined : this.schemaName(respGVK);
    const types = responseKind === 'string' ? ['text/plain', ...RESPONSE_TYPES] : RESPONSE_TYPES;
    const schema = responseSchema ? ref(responseSchema) : { type: responseKind === 'string' ? 'string' : 'object' };
    const content = Object.fromEntries(types.map((t) => [t, { schema }]));
    const responses: Record<string, JSONSchema> = Object.fromEntries(codes.map((c) => [c, { description: c === '201' ? 'Created' : c === '202' ? 'Accepted' : 'OK', content }]));
    responses['401'] = { description: 'Unauthorized' };
    const operation: JSONSchema = {
      tags: [this.tag()],
      description: describe(verb, sub.toLowerCase(), this.r.kind),
      operationId: `${baseVerb}${this.gvName()}${collection}${namespaced}${this.r.kind}${sub}${suffix}`,
      parameters: params,
      responses,
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': pickGVK(subKind ?? gvk),
    };
    const bodySchemaName = this.schemaName(subKind ?? gvk);
    const bodySchema = bodySchemaName ? ref(bodySchemaName) : { type: 'object' };
    if (body === 'body') operation.requestBody = { content: { '*/*': { schema: bodySchema } }, required: true };
    if (body === 'delete') operation.requestBody = { content: { '*/*': { schema: ref(DELETE_OPTIONS) } } };
    if (body === 'patch') {
      const types = ['application/json-patch+json', 'application/merge-patch+json', ...(this.builtin ? ['application/strategic-merge-patch+json'] : []), 'application/apply-patch+yaml'];
      operation.requestBody = { content: Object.fromEntries(types.map((t) => [t, { schema: ref(PATCH_SCHEMA_NAME) }])), required: true };
    }
    return operation;
  }
}

/** describe is upstream's operation description: 'partially update status of the specified Pod'. */
function describe(verb: string, sub: string, kind: string): string {
  const of = sub ? `${sub} of ` : '';
  switch (verb) {
    case 'list':
    case 'listForAllNamespaces':
      return `list or watch objects of kind ${kind}`;
    case 'create':
      return `create ${of}${article(kind)}${kind}`;
    case 'read':
      return `read ${of}the specified ${kind}`;
    case 'replace':
      return `replace ${of}the specified ${kind}`;
    case 'patch':
      return `partially update ${of}the specified ${kind}`;
    case 'delete':
      return `delete ${of}${article(kind)}${kind}`;
    case 'deletecollection':
      return `delete collection of ${kind}`;
    default:
      return `${verb} ${of}${kind}`;
  }
}

/** article is upstream's GetArticleForNoun: none for plurals ('Endpoints'), 'an ' before vowels. */
function article(noun: string): string {
  if (noun.endsWith('s') && !noun.endsWith('ss')) return '';
  return /^[aeiou]/i.test(noun) ? 'an ' : 'a ';
}

/** pickGVK orders a GVK's keys as upstream prints them. */
function pickGVK(g: GroupVersionKind): JSONSchema {
  return { group: g.group, kind: g.kind, version: g.version };
}

/** groupName is upstream's operation-id form of a group: 'rbac.authorization.k8s.io' -> 'RbacAuthorization'. */
export function groupName(group: string): string {
  if (group === '') return 'Core';
  return group
    .replace(/\.k8s\.io$/, '')
    .split('.')
    .map(capitalize)
    .join('');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
