import { errors } from '../../machinery/errors.js';
import type { ApiResponse } from '../types.js';
import type { HandlerContext } from './context.js';
import { handlePatch } from './patch.js';
import { handleGet, handleList, handleWatch } from './read.js';
import { handleReview } from './reviews.js';
import { handleEviction } from './eviction.js';
import { handleBinding, handleLog, handleScale, handleToken } from './subresources.js';
import { handleCreate, handleDelete, handleDeleteCollection, handleUpdate } from './write.js';

/** Verbs per subresource that share the main resource's handlers. */
const OBJECT_LIKE = new Set(['status', 'resize', 'finalize', 'ephemeralcontainers']);

/** routeResource dispatches a resource request by verb and subresource. */
export async function routeResource(c: HandlerContext): Promise<ApiResponse> {
  const { ri, info } = c;
  if (ri.subresource) return routeSubresource(c);
  if (!info.verbs.includes(ri.verb)) throw errors.methodNotSupported({ group: info.group, resource: info.plural }, ri.verb);
  if (info.virtual) {
    if (info.plural === 'bindings') return handleBinding(c, readBindingName(c));
    return handleReview(c);
  }
  if (info.namespaced && !ri.namespace && ['create', 'get', 'update', 'patch', 'delete', 'deletecollection'].includes(ri.verb)) {
    throw errors.notFound({ group: '', resource: '' }, '');
  }
  switch (ri.verb) {
    case 'get':
      return handleGet(c);
    case 'list':
      return handleList(c);
    case 'watch':
      return handleWatch(c);
    case 'create':
      return handleCreate(c);
    case 'update':
      return handleUpdate(c);
    case 'patch':
      return handlePatch(c);
    case 'delete':
      return handleDelete(c);
    case 'deletecollection':
      return handleDeleteCollection(c);
    default:
      throw errors.methodNotSupported({ group: info.group, resource: info.plural }, ri.verb);
  }
}

function readBindingName(c: HandlerContext): string {
  const o = (c.req.object ?? JSON.parse(Buffer.from(c.req.body ?? []).toString('utf8') || '{}')) as { metadata?: { name?: string } };
  const name = o?.metadata?.name;
  if (!name) throw errors.badRequest('name is required for bindings');
  return name;
}

function routeSubresource(c: HandlerContext): Promise<ApiResponse> {
  const { ri, info } = c;
  const sub = info.subresources.find((s) => s.name === ri.subresource);
  const verb = ri.verb === 'list' ? 'get' : ri.verb;
  if (!sub) throw errors.notFound({ group: '', resource: '' }, '');
  if (!sub.verbs.includes(verb)) throw errors.methodNotSupported({ group: info.group, resource: `${info.plural}/${sub.name}` }, verb);
  if (OBJECT_LIKE.has(sub.name)) {
    if (verb === 'get') return handleGet(c);
    if (verb === 'update') return handleUpdate(c, sub.name);
    if (verb === 'patch') return handlePatch(c, sub.name);
  }
  switch (sub.name) {
    case 'scale':
      return handleScale(c);
    case 'binding':
      return handleBinding(c, ri.name);
    case 'eviction':
      return handleEviction(c);
    case 'log':
      return handleLog(c);
    case 'token':
      return handleToken(c);
  }
  throw errors.methodNotSupported({ group: info.group, resource: `${info.plural}/${sub.name}` }, verb);
}
