import type { KubeObject } from '../../api/meta.js';
import { errors } from '../../machinery/errors.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../../machinery/patch/index.js';
import { decodeBody, mediaType, PATCH_TYPES } from '../negotiate.js';
import type { ApiResponse } from '../types.js';
import { applyObject } from '../apply/index.js';
import { rfc3339 } from '../../util/time.js';
import { checkUnknownFields } from './body.js';
import { servedApiVersion, updateTracker } from './field-manager.js';
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
      checkPatchedDecodes(c, patched, ct === PATCH_TYPES.strategic ? patch : patched);
      checkUnknownFields(c, patched);
      return patched;
    },
    { dryRun, subresource, retryOnConflict: true, managedFields: updateTracker(c, subresource) },
  );
  return json(200, out, c.warnings);
}

/**
 * checkPatchedDecodes refuses a patch result of the wrong shape for its kind, as upstream
 * does when decoding it: 422 with the decoder's words on the field "patch" (whose value
 * upstream prints as the patched JSON, or the strategic patch itself).
 */
function checkPatchedDecodes(c: HandlerContext, patched: KubeObject, shown: unknown): void {
  const err = c.services.decodeError?.({ group: c.info.group, version: c.info.version, kind: c.info.kind }, patched);
  if (err) throw errors.invalid({ group: '', kind: '' }, '', [{ type: 'FieldValueInvalid', field: 'patch', badValue: JSON.stringify(shown), detail: err }]);
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
 * applyPatch is server-side apply: the applied configuration is merged by field ownership
 * (managedFields), creating the object when it is missing; conflicts answer 409.
 */
async function applyPatch(c: HandlerContext, patch: unknown, dryRun: boolean, subresource: string): Promise<ApiResponse> {
  const manager = c.req.query.get('fieldManager');
  if (!manager) {
    throw errors.invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [{ type: 'FieldValueRequired', field: 'fieldManager', detail: 'is required for apply patch' }]);
  }
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw errors.badRequest('apply patch must be an object');
  const applied = patch as KubeObject;
  checkUnknownFields(c, applied);
  const force = c.req.query.get('force') === 'true';
  const schema = c.services.schemaFor(c.info);
  const apiVersion = servedApiVersion(c);
  const now = rfc3339(c.services.clock.now());
  try {
    await c.store.get(c.ri.namespace, c.ri.name);
  } catch (e) {
    if ((e as { reason?: string }).reason !== 'NotFound' || subresource) throw e;
    const obj = applyObject({ applied, manager, force, schema, now, apiVersion });
    obj.metadata ??= {};
    obj.metadata.name ??= c.ri.name;
    return json(201, await c.store.create(c.ri.namespace, obj, { dryRun }), c.warnings);
  }
  const out = await c.store.update(
    c.ri.namespace,
    c.ri.name,
    (current) => applyObject({ current, applied, manager, force, schema, now, apiVersion, subresource: subresource || undefined }),
    { dryRun, subresource, retryOnConflict: true },
  );
  return json(200, out, c.warnings);
}
