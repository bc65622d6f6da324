import { createHash } from 'node:crypto';
import type { GroupVersionKind } from '../../api/meta.js';
import type { ResourceInfo } from '../../api/resources/index.js';
import { messageNameForKind, openAPIName } from '../../api/schema/index.js';
import { resourcePaths } from './paths.js';
import { componentSchemas, ref, type Flavor, type JSONSchema } from './schemas.js';

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

/** The document version both flavors announce, as a v1.35 server's do. */
export const INFO = { title: 'Kubernetes', version: 'v1.35.0' };

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

/** entryOf serialises a document and hashes it as upstream does (uppercase sha512 hex of the JSON). */
export function entryOf(document: JSONSchema): OpenAPIEntry {
  const json = JSON.stringify(document);
  return { document, json, hash: createHash('sha512').update(json).digest('hex').toUpperCase() };
}

function entries(resources: readonly ResourceInfo[]): Map<string, OpenAPIEntry> {
  let m = cache.get(resources);
  if (m) return m;
  const byGV = new Map<string, ResourceInfo[]>();
  for (const r of resources) {
    const key = groupVersionPath(r);
    byGV.set(key, [...(byGV.get(key) ?? []), r]);
  }
  const shared = sharedKinds(resources);
  m = new Map();
  for (const key of [...byGV.keys()].sort()) m.set(key, entryOf(buildDocument(byGV.get(key)!, shared)));
  cache.set(resources, m);
  return m;
}

function buildDocument(resources: readonly ResourceInfo[], shared: readonly GroupVersionKind[]): JSONSchema {
  const { paths, schemas } = collect(resources, shared, 'v3');
  return { openapi: '3.0.0', info: INFO, paths, components: { schemas } };
}

const META = 'apimachinery.pkg.apis.meta.v1';

/**
 * sharedKinds lists DeleteOptions and WatchEvent in every served group-version: upstream
 * registers them everywhere and names them all on the one definition, in both flavors.
 */
export function sharedKinds(resources: readonly ResourceInfo[]): GroupVersionKind[] {
  const gvs = new Map(resources.map((r) => [`${r.group}/${r.version}`, { group: r.group, version: r.version }]));
  const sorted = [...gvs.values()].sort((a, b) => (a.group === b.group ? (a.version < b.version ? -1 : 1) : a.group < b.group ? -1 : 1));
  return ['DeleteOptions', 'WatchEvent'].flatMap((kind) => sorted.map((gv) => ({ ...gv, kind })));
}

/**
 * collect builds the paths and schemas of the given resources (sorted by key): one
 * group-version for a v3 document, all served resources for v2. paths are always built
 * in v3 form; the v2 builder converts them.
 */
export function collect(resources: readonly ResourceInfo[], shared: readonly GroupVersionKind[], flavor: Flavor): { paths: Record<string, JSONSchema>; schemas: Record<string, JSONSchema> } {
  const roots = new Set<string>([`${META}.Status`, `${META}.DeleteOptions`, `${META}.WatchEvent`, `${META}.APIResourceList`, `${META}.ObjectMeta`]);
  const extra: Record<string, JSONSchema> = {};
  const schemaName = (gvk: GroupVersionKind): string | undefined => {
    const msg = messageNameForKind(gvk);
    if (msg) {
      roots.add(msg);
      return openAPIName(msg);
    }
    const name = fallbackName(gvk);
    extra[name] ??= fallbackSchema(gvk, flavor);
    return name;
  };
  const paths: Record<string, JSONSchema> = {};
  for (const r of resources) {
    const builtin = messageNameForKind(r) !== undefined;
    Object.assign(paths, resourcePaths(r, schemaName, builtin));
  }
  const schemas = { ...componentSchemas(roots, shared, flavor), ...extra };
  return { paths: sortKeys(paths), schemas: sortKeys(schemas) };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
}

/** fallbackName names a kind without schema data like upstream names CRD schemas: reversed group. */
function fallbackName(gvk: GroupVersionKind): string {
  const group = gvk.group ? gvk.group.split('.').reverse().join('.') : 'io.k8s.api.core';
  return `${group}.${gvk.version}.${gvk.kind}`;
}

/**
 * fallbackSchema accepts any fields, so server-side validation decides. In v2, as
 * upstream's CRD conversion does for x-kubernetes-preserve-unknown-fields, it has no
 * properties: kubectl 1.27 would otherwise report every other field as unknown.
 */
function fallbackSchema(gvk: GroupVersionKind, flavor: Flavor): JSONSchema {
  const gvks = [{ group: gvk.group, kind: gvk.kind, version: gvk.version }];
  if (flavor === 'v2') return { type: 'object', 'x-kubernetes-group-version-kind': gvks };
  return {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { allOf: [ref(`io.k8s.${META}.ObjectMeta`)], default: {} },
    },
    'x-kubernetes-preserve-unknown-fields': true,
    'x-kubernetes-group-version-kind': gvks,
  };
}
