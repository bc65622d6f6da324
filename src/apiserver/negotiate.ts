import { parse as parseYaml } from 'yaml';
import { copyJson } from '../machinery/deep.js';
import { errors } from '../machinery/errors.js';
import type { ApiRequest } from './types.js';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export const JSON_TYPE = 'application/json';
export const YAML_TYPE = 'application/yaml';
export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';
export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

export type ProtobufDecoder = (body: Uint8Array) => { apiVersion: string; kind: string; object: unknown };

/** mediaType strips parameters: 'application/json; charset=utf-8' -> 'application/json'. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * decodeBody turns a request body into a JSON value. In-process requests carry the value
 * already and only get copied, so the caller's object is never changed by the server.
 */
export function decodeBody(req: ApiRequest, accepted: readonly string[], protobuf?: ProtobufDecoder): unknown {
  if (req.object !== undefined) return copyJson(req.object);
  const body = req.body;
  if (!body || body.length === 0) throw errors.badRequest('the body of the request is empty');
  if (body.length > MAX_BODY_BYTES) throw errors.tooLarge();
  const ct = mediaType(req.headers['content-type']) || JSON_TYPE;
  if (!accepted.includes(ct)) throw errors.unsupportedMediaType(ct, [...accepted]);
  if (ct === PROTOBUF_TYPE) {
    if (!protobuf) throw errors.unsupportedMediaType(ct, accepted.filter((a) => a !== PROTOBUF_TYPE));
    const d = protobuf(body);
    const obj = d.object as Record<string, unknown>;
    if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
      obj.apiVersion ??= d.apiVersion;
      obj.kind ??= d.kind;
    }
    return obj;
  }
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (ct === YAML_TYPE || ct === PATCH_TYPES.apply) return parseYamlBody(text);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw errors.badRequest(`json: ${(e as Error).message}`);
  }
}

function parseYamlBody(text: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 100, merge: false });
  } catch (e) {
    throw errors.badRequest(`error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Accept negotiation result for object responses. */
export interface Negotiated {
  table: boolean;
  yaml: boolean;
}

/** negotiate reads Accept as upstream does: Table when asked first, JSON otherwise. */
export function negotiate(accept: string | undefined): Negotiated {
  const out: Negotiated = { table: false, yaml: false };
  if (!accept) return out;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    const p = Object.fromEntries(params.map((x) => x.split('=').map((s) => s.trim())));
    if (type === JSON_TYPE && p.as === 'Table' && p.g === 'meta.k8s.io' && (p.v === 'v1' || p.v === 'v1beta1')) {
      out.table = true;
      return out;
    }
    if (type === JSON_TYPE && !p.as) return out;
    if (type === YAML_TYPE && !p.as) {
      out.yaml = true;
      return out;
    }
    if (type === '*/*' || type === 'application/*') return out;
  }
  return out;
}
