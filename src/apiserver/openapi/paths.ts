import type { GroupVersionKind } from '../../api/meta.js';
import type { ResourceInfo } from '../../api/resources/index.js';
import { PATCH_SCHEMA_NAME, ref, type JSONSchema } from './schemas.js';

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

const query = (name: string, type: string, description: string): JSONSchema => ({ name, in: 'query', description, schema: { type, uniqueItems: true } });
const P = {
  pretty: query('pretty', 'string', "If 'true', then the output is pretty printed."),
  dryRun: query('dryRun', 'string', 'When present, indicates that modifications should not be persisted. Valid value: All.'),
  fieldManager: query('fieldManager', 'string', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  fieldValidation: query('fieldValidation', 'string', 'How the server handles unknown or duplicate fields in the request body: Ignore, Warn or Strict.'),
  force: query('force', 'boolean', 'Force is going to "force" Apply requests; must be unset for non-apply patch requests.'),
  gracePeriodSeconds: query('gracePeriodSeconds', 'integer', 'The duration in seconds before the object should be deleted.'),
  propagationPolicy: query('propagationPolicy', 'string', "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'."),
  orphanDependents: query('orphanDependents', 'boolean', 'Deprecated: please use the PropagationPolicy.'),
  list: ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'].map((n) =>
    query(n, ['allowWatchBookmarks', 'sendInitialEvents', 'watch'].includes(n) ? 'boolean' : ['limit', 'timeoutSeconds'].includes(n) ? 'integer' : 'string', `${n} list option`),
  ),
  path: (name: string, description: string): JSONSchema => ({ name, in: 'path', required: true, description, schema: { type: 'string', uniqueItems: true } }),
};

/** resourcePaths returns the path items of one resource and its subresources. */
export function resourcePaths(r: ResourceInfo, schemaName: SchemaNamer, builtin: boolean): Record<string, JSONSchema> {
  const gv = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const nsPart = r.namespaced ? '/namespaces/{namespace}' : '';
  const collection = `${gv}${nsPart}/${r.plural}`;
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const ctx = new OpContext(r, schemaName, builtin);
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
  if (has('delete')) item.delete = ctx.op('delete', gvk, r.kind, [P.dryRun, P.gracePeriodSeconds, P.propagationPolicy, P.orphanDependents], 'delete', 'delete', ['200', '202']);
  const itemParams = [P.path('name', `name of the ${r.kind}`), ...common];
  if (Object.keys(item).length > 0) out[`${collection}/{name}`] = { ...item, parameters: itemParams };

  for (const sub of r.subresources) {
    const subItem: JSONSchema = {};
    const suffix = sub.name.charAt(0).toUpperCase() + sub.name.slice(1);
    const k = sub.kind.kind;
    if (sub.verbs.includes('get')) subItem.get = ctx.op(`read@${suffix}`, gvk, k, [], 'get', undefined, ['200'], sub.kind);
    if (sub.verbs.includes('update')) subItem.put = ctx.op(`replace@${suffix}`, gvk, k, [P.dryRun, P.fieldManager, P.fieldValidation], 'put', 'body', ['200', '201'], sub.kind);
    if (sub.verbs.includes('patch')) subItem.patch = ctx.op(`patch@${suffix}`, gvk, k, [P.dryRun, P.fieldManager, P.fieldValidation, P.force], 'patch', 'patch', ['200', '201'], sub.kind);
    if (sub.verbs.includes('create')) subItem.post = ctx.op(`create@${suffix}`, gvk, k, [P.dryRun, P.fieldManager, P.fieldValidation], 'post', 'body', ['200', '201', '202'], sub.kind);
    if (Object.keys(subItem).length > 0) out[`${collection}/{name}/${sub.name}`] = { ...subItem, parameters: itemParams };
  }
  return out;
}

/** OpContext builds operations for one resource. */
class OpContext {
  constructor(
    private readonly r: ResourceInfo,
    private readonly schemaName: SchemaNamer,
    private readonly builtin: boolean,
  ) {}

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
    const baseVerb = verb === 'listForAllNamespaces' ? 'list' : verb === 'deletecollection' ? 'deleteCollection' : verb;
    const gvName = groupName(this.r.group) + capitalize(this.r.version);
    const suffix = verb === 'listForAllNamespaces' ? 'ForAllNamespaces' : '';
    const respGVK = responseKind === 'Status' ? { group: '', version: 'v1', kind: 'Status' } : subKind ?? { ...gvk, kind: responseKind };
    const responseSchema = responseKind === 'Status' ? STATUS : this.schemaName(respGVK);
    const content = Object.fromEntries(RESPONSE_TYPES.map((t) => [t, { schema: responseSchema ? ref(responseSchema) : { type: 'object' } }]));
    const responses: Record<string, JSONSchema> = Object.fromEntries(codes.map((c) => [c, { description: c === '201' ? 'Created' : c === '202' ? 'Accepted' : 'OK', content }]));
    responses['401'] = { description: 'Unauthorized' };
    const operation: JSONSchema = {
      tags: [`${lowerFirst(groupName(this.r.group))}_${this.r.version}`],
      description: `${verb} ${sub ? `${sub.toLowerCase()} of ` : ''}${this.r.kind}`,
      operationId: `${baseVerb}${gvName}${namespaced}${this.r.kind}${sub}${suffix}`,
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
