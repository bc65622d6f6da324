import type { KubeObject } from '../../api/meta.js';
import { errors } from '../../machinery/errors.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../../machinery/patch/index.js';
import { decodeBody, mediaType, PATCH_TYPES } from '../negotiate.js';
import type { ApiResponse } from '../types.js';
import { checkUnknownFields } from './body.js';
import { isDryRun, json, type HandlerContext } from './context.js';

const ALL_PATCH_TYPES = Object.values(PATCH_TYPES);

/**
 * handlePatch applies a JSON, merge, strategic-merge or apply patch to the current object
 * and writes it back; a conflict re-reads and re-applies, as upstream's patcher does.
 */
export async function handlePatch(c: HandlerContext, subresource = ''): Promise<ApiResponse> {
  const ct = c.req.object !== undefined ? mediaType(c.req.headers['content-type']) || PATCH_TYPES.merge : mediaType(c.req.headers['content-type']);
  if (!ALL_PATCH_TYPES.includes(ct as (typeof ALL_PATCH_TYPES)[number])) {
    throw errors.unsupportedMediaType(ct, ALL_PATCH_TYPES);
  }
  const patch = decodeBody(c.req, [ct]);
  const dryRun = isDryRun(c.req.query);
  if (ct === PATCH_TYPES.apply) return applyPatch(c, patch, dryRun, subresource);
  const schema = c.services.schemaFor(c.info);
  if (ct === PATCH_TYPES.strategic && !schema) throw errors.unsupportedMediaType(ct, [PATCH_TYPES.json, PATCH_TYPES.merge, PATCH_TYPES.apply]);
  const out = await c.store.update(
    c.ri.namespace,
    c.ri.name,
    (current) => {
      const patched = patchObject(ct, current, patch, schema);
      checkUnknownFields(c, patched);
      return patched;
    },
    { dryRun, subresource, retryOnConflict: true },
  );
  return json(200, out, c.warnings);
}

function patchObject(ct: string, current: KubeObject, patch: unknown, schema: ReturnType<HandlerContext['services']['schemaFor']>): KubeObject {
  let out: unknown;
  switch (ct) {
    case PATCH_TYPES.json:
      if (!Array.isArray(patch)) throw errors.badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
      out = applyJsonPatch(current, patch);
      break;
    case PATCH_TYPES.merge:
      out = applyMergePatch(current, patch);
      break;
    default:
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw errors.badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
      out = applyStrategicMergePatch(current, patch, schema);
  }
  if (out === null || typeof out !== 'object' || Array.isArray(out)) throw errors.badRequest('the patched object is not a JSON object');
  return out as KubeObject;
}

/**
 * applyPatch is server-side apply's entry point. Until field ownership tracking lands it
 * creates the object when missing and otherwise merges the applied configuration with
 * strategic-merge semantics.
 */
async function applyPatch(c: HandlerContext, patch: unknown, dryRun: boolean, subresource: string): Promise<ApiResponse> {
  if (!c.req.query.get('fieldManager')) {
    throw errors.invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [{ type: 'FieldValueRequired', field: 'fieldManager', detail: 'is required for apply patch' }]);
  }
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw errors.badRequest('apply patch must be an object');
  const applied = patch as KubeObject;
  checkUnknownFields(c, applied);
  try {
    await c.store.get(c.ri.namespace, c.ri.name);
  } catch (e) {
    if ((e as { reason?: string }).reason !== 'NotFound' || subresource) throw e;
    applied.metadata ??= {};
    applied.metadata.name ??= c.ri.name;
    const created = await c.store.create(c.ri.namespace, applied, { dryRun });
    return json(201, created, c.warnings);
  }
  const schema = c.services.schemaFor(c.info);
  const out = await c.store.update(
    c.ri.namespace,
    c.ri.name,
    (current) => applyStrategicMergePatch(current, applied, schema) as KubeObject,
    { dryRun, subresource, retryOnConflict: true },
  );
  return json(200, out, c.warnings);
}
