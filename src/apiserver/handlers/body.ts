import type { KubeObject } from '../../api/meta.js';
import { errors } from '../../machinery/errors.js';
import { decodeBody, JSON_TYPE, PROTOBUF_TYPE, YAML_TYPE } from '../negotiate.js';
import type { HandlerContext } from './context.js';

const OBJECT_TYPES = [JSON_TYPE, YAML_TYPE, PROTOBUF_TYPE] as const;

/**
 * readObject decodes a create/update body, checks its apiVersion/kind against the URL and
 * applies fieldValidation (Strict refuses unknown fields, Warn reports them).
 */
export function readObject(c: HandlerContext, expectKind = c.info.kind, expectGroup = c.info.group): KubeObject {
  const v = decodeBody(c.req, OBJECT_TYPES, c.services.protobuf);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw errors.badRequest('Object \'Kind\' is missing in \'' + truncate(JSON.stringify(v) ?? '') + '\'');
  }
  const obj = v as KubeObject;
  const gv = expectGroup ? `${expectGroup}/${c.info.version}` : c.info.version;
  if (obj.apiVersion !== undefined && obj.apiVersion !== gv) {
    throw errors.badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${gv})`);
  }
  if (obj.kind !== undefined && obj.kind !== expectKind) {
    throw errors.badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${expectKind})`);
  }
  if (obj.metadata !== undefined && (obj.metadata === null || typeof obj.metadata !== 'object' || Array.isArray(obj.metadata))) {
    throw errors.badRequest('json: cannot unmarshal into Go struct field .metadata of type v1.ObjectMeta');
  }
  // Upstream's create and update name the kind they failed to decode.
  const prefix = `${expectKind} in version "${c.info.version}" cannot be handled as a ${expectKind}: `;
  const decodeError = c.services.decodeError?.({ group: expectGroup, version: c.info.version, kind: expectKind }, obj);
  if (decodeError) throw errors.badRequest(prefix + decodeError);
  obj.apiVersion = gv;
  obj.kind = expectKind;
  checkUnknownFields(c, obj, prefix);
  return obj;
}

/** checkUnknownFields applies the fieldValidation query parameter; prefix starts a Strict error. */
export function checkUnknownFields(c: HandlerContext, obj: KubeObject, prefix = ''): void {
  const mode = c.req.query.get('fieldValidation') ?? 'Warn';
  if (mode === 'Ignore') return;
  if (mode !== 'Strict' && mode !== 'Warn') {
    throw errors.badRequest(`fieldValidation parameter unsupported: ${mode}`);
  }
  const unknown = c.services.unknownFields(c.info, obj);
  if (!unknown.length) return;
  const msgs = unknown.map((p) => `unknown field "${p}"`);
  if (mode === 'Strict') throw errors.badRequest(`${prefix}strict decoding error: ${msgs.join(', ')}`);
  c.warnings.push(...msgs);
}

function truncate(s: string): string {
  return s.length > 80 ? s.slice(0, 80) + '...' : s;
}
