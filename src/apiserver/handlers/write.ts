import type { KubeObject, Status } from '../../api/meta.js';
import { errors } from '../../machinery/errors.js';
import { deleteObject, type DeleteParams } from '../registry/delete.js';
import { decodeBody, JSON_TYPE, PROTOBUF_TYPE, YAML_TYPE } from '../negotiate.js';
import type { ApiResponse } from '../types.js';
import { readObject } from './body.js';
import { updateTracker } from './field-manager.js';
import { isDryRun, json, type HandlerContext } from './context.js';
import { buildFilter } from './read.js';

export async function handleCreate(c: HandlerContext): Promise<ApiResponse> {
  const obj = readObject(c);
  const out = await c.store.create(c.ri.namespace, obj, { dryRun: isDryRun(c.req.query), managedFields: updateTracker(c) });
  return json(201, out, c.warnings);
}

export async function handleUpdate(c: HandlerContext, subresource = ''): Promise<ApiResponse> {
  const obj = readObject(c);
  const urlName = c.ri.name;
  if (obj.metadata?.name && obj.metadata.name !== urlName) {
    throw errors.badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${urlName})`);
  }
  const out = await c.store.update(c.ri.namespace, urlName, () => obj, { dryRun: isDryRun(c.req.query), subresource, managedFields: updateTracker(c, subresource) });
  return json(200, out, c.warnings);
}

/** Kinds whose DELETE answers with the object rather than a Status, as upstream. */
const RETURNS_OBJECT = new Set(['/Pod', '/Service', '/Namespace']);

function readDeleteOptions(c: HandlerContext): DeleteParams {
  const q = c.req.query;
  let body: Record<string, unknown> = {};
  if ((c.req.body && c.req.body.length > 0) || c.req.object !== undefined) {
    const v = decodeBody(c.req, [JSON_TYPE, YAML_TYPE, PROTOBUF_TYPE], c.services.protobuf);
    if (v && typeof v === 'object' && !Array.isArray(v)) body = v as Record<string, unknown>;
    else if (v !== null) throw errors.badRequest('DeleteOptions must be an object');
  }
  const grace = q.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
  const dryRun = isDryRun(q) || (Array.isArray(body.dryRun) && body.dryRun.includes('All'));
  const p: DeleteParams = { dryRun };
  if (grace !== undefined && grace !== null) {
    const n = Number(grace);
    if (!Number.isInteger(n)) throw errors.badRequest(`invalid gracePeriodSeconds: ${String(grace)}`);
    p.gracePeriodSeconds = n;
  }
  const pp = q.get('propagationPolicy') ?? body.propagationPolicy;
  if (pp !== undefined && pp !== null) {
    if (pp !== 'Orphan' && pp !== 'Background' && pp !== 'Foreground') {
      throw errors.invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', [{ type: 'FieldValueNotSupported', field: 'propagationPolicy', badValue: pp, detail: 'supported values: "Foreground", "Background", "Orphan", "nil"' }]);
    }
    p.propagationPolicy = pp as string;
  }
  if (body.preconditions && typeof body.preconditions === 'object') p.preconditions = body.preconditions as DeleteParams['preconditions'];
  return p;
}

function successStatus(c: HandlerContext, obj: KubeObject): Status {
  const details: Status['details'] = { name: obj.metadata?.name, kind: c.info.plural, uid: obj.metadata?.uid };
  if (c.info.group) details.group = c.info.group;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 } as Status;
}

export async function handleDelete(c: HandlerContext): Promise<ApiResponse> {
  const p = readDeleteOptions(c);
  const res = await deleteObject(c.store, c.ri.namespace, c.ri.name, p);
  if (!res.deleted || RETURNS_OBJECT.has(`${c.info.group}/${c.info.kind}`)) return json(200, res.object, c.warnings);
  const st = successStatus(c, res.object);
  delete (st as { code?: number }).code;
  return json(200, st, c.warnings);
}

export async function handleDeleteCollection(c: HandlerContext): Promise<ApiResponse> {
  const p = readDeleteOptions(c);
  const list = await c.store.list(c.ri.namespace, { filter: buildFilter(c) });
  const deleted: KubeObject[] = [];
  for (const item of list.items) {
    try {
      const r = await deleteObject(c.store, item.metadata?.namespace ?? '', item.metadata!.name!, p);
      deleted.push(r.object);
    } catch (e) {
      if ((e as { reason?: string }).reason !== 'NotFound') throw e;
    }
  }
  return json(200, { ...list, items: deleted }, c.warnings);
}
