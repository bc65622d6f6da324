import { createHash } from 'node:crypto';
import type { GroupVersionKind } from '../../api/meta.js';
import type { ResourceInfo } from '../../api/resources/index.js';
import { messageNameForKind, openAPIName } from '../../api/schema/index.js';
import { resourcePaths } from './paths.js';
import { componentSchemas, ref, type JSONSchema } from './schemas.js';

/**
 * OpenAPI v3 documents per group-version, as served under /openapi/v3. Documents are
 * computed once per resource set (the array identity) and kept with their JSON text and
 * hash, so the index's ?hash= changes exactly when a document does.
 */

/** One served document: the object, its JSON text and upstream-style hash (uppercase sha512 hex). */
export interface OpenAPIEntry {
  document: JSONSchema;
  json: string;
  hash: string;
}

const cache = new WeakMap<readonly ResourceInfo[], Map<string, OpenAPIEntry>>();

/** groupVersionPath is a resource's document key: 'api/v1' or 'apis/apps/v1'. */
export function groupVersionPath(r: { group: string; version: string }): string {
  return r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`;
}

/** openapiV3Index is the body of GET /openapi/v3. */
export function openapiV3Index(resources: readonly ResourceInfo[]): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [path, entry] of entries(resources)) paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${entry.hash}` };
  return { paths };
}

/** openapiV3Document is the body of GET /openapi/v3/<groupVersionPath>, or undefined when not served. */
export function openapiV3Document(groupVersionPath: string, resources: readonly ResourceInfo[]): JSONSchema | undefined {
  return openapiV3Entry(groupVersionPath, resources)?.document;
}

/** openapiV3Entry gives the document with its serialised JSON and hash (for ETag and caching). */
export function openapiV3Entry(groupVersionPath: string, resources: readonly ResourceInfo[]): OpenAPIEntry | undefined {
  return entries(resources).get(groupVersionPath.replace(/^\/+|\/+$/g, ''));
}

function entries(resources: readonly ResourceInfo[]): Map<string, OpenAPIEntry> {
  let m = cache.get(resources);
  if (m) return m;
  const byGV = new Map<string, ResourceInfo[]>();
  for (const r of resources) {
    const key = groupVersionPath(r);
    byGV.set(key, [...(byGV.get(key) ?? []), r]);
  }
  m = new Map();
  for (const key of [...byGV.keys()].sort()) {
    const document = buildDocument(byGV.get(key)!);
    const json = JSON.stringify(document);
    m.set(key, { document, json, hash: createHash('sha512').update(json).digest('hex').toUpperCase() });
  }
  cache.set(resources, m);
  return m;
}

const META = 'apimachinery.pkg.apis.meta.v1';

function buildDocument(resources: readonly ResourceInfo[]): JSONSchema {
  const { group, version } = resources[0]!;
  const roots = new Set<string>([`${META}.Status`, `${META}.DeleteOptions`, `${META}.WatchEvent`, `${META}.APIResourceList`, `${META}.ObjectMeta`]);
  const extra: Record<string, JSONSchema> = {};
  const schemaName = (gvk: GroupVersionKind): string | undefined => {
    const msg = messageNameForKind(gvk);
    if (msg) {
      roots.add(msg);
      return openAPIName(msg);
    }
    const name = fallbackName(gvk);
    extra[name] ??= fallbackSchema(gvk);
    return name;
  };
  const paths: Record<string, JSONSchema> = {};
  for (const r of resources) {
    const builtin = messageNameForKind(r) !== undefined;
    Object.assign(paths, resourcePaths(r, schemaName, builtin));
  }
  const shared = ['DeleteOptions', 'WatchEvent'].map((kind) => ({ group, version, kind }));
  const schemas = { ...componentSchemas(roots, shared), ...extra };
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.35.0' },
    paths: Object.fromEntries(Object.keys(paths).sort().map((k) => [k, paths[k]!])),
    components: { schemas: Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]!])) },
  };
}

/** fallbackName names a kind without schema data like upstream names CRD schemas: reversed group. */
function fallbackName(gvk: GroupVersionKind): string {
  const group = gvk.group ? gvk.group.split('.').reverse().join('.') : 'io.k8s.api.core';
  return `${group}.${gvk.version}.${gvk.kind}`;
}

/** fallbackSchema accepts any fields, so server-side validation decides. */
function fallbackSchema(gvk: GroupVersionKind): JSONSchema {
  return {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { allOf: [ref(`io.k8s.${META}.ObjectMeta`)], default: {} },
    },
    'x-kubernetes-preserve-unknown-fields': true,
    'x-kubernetes-group-version-kind': [{ group: gvk.group, kind: gvk.kind, version: gvk.version }],
  };
}
