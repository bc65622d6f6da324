import { brotliDecompressSync } from 'node:zlib';
import { UPSTREAM_DOCS_BROTLI_BASE64 } from './generated/upstream.js';

/**
 * Lookups into the data scripts/gen-openapi-docs.mjs extracts from upstream's published
 * OpenAPI spec. It is decompressed and parsed on the first OpenAPI request, not at startup.
 */

/** What upstream says about one property of a definition. */
export interface PropertyDocs {
  /** description. */
  d?: string;
  /** The v3 default value. */
  v?: unknown;
  /** x-kubernetes-map-type. */
  m?: string;
}

/** What upstream says about one definition (a message). */
export interface MessageDocs {
  /** description. */
  d?: string;
  /** required property names; absent means none. */
  r?: string[];
  /** Definition-level extensions (x-kubernetes-map-type, x-kubernetes-unions). */
  x?: Record<string, unknown>;
  p?: Record<string, PropertyDocs>;
}

/** A query option of a connect subresource or pods/log: [name, type, description]. */
export type QueryOption = readonly [name: string, type: string, description: string];

interface UpstreamDocs {
  messages: Record<string, MessageDocs>;
  parameters: Record<string, string>;
  subresources: Record<string, QueryOption[]>;
  deleteReturnsObject: string[];
}

let docs: UpstreamDocs | undefined;

function load(): UpstreamDocs {
  docs ??= JSON.parse(brotliDecompressSync(Buffer.from(UPSTREAM_DOCS_BROTLI_BASE64, 'base64')).toString('utf8')) as UpstreamDocs;
  return docs;
}

/** messageDocs returns upstream's data for a message (short name), undefined for messages upstream does not publish. */
export function messageDocs(message: string): MessageDocs | undefined {
  const m = load().messages;
  return Object.hasOwn(m, message) ? m[message] : undefined;
}

/** parameterDescription is upstream's text for a shared query parameter ('dryRun', 'limit', ...). */
export function parameterDescription(name: string): string | undefined {
  const p = load().parameters;
  return Object.hasOwn(p, name) ? p[name] : undefined;
}

/** subresourceOptions lists the query options of '/api/v1/pods/attach' (namespace and name left out). */
export function subresourceOptions(key: string): readonly QueryOption[] | undefined {
  const s = load().subresources;
  return Object.hasOwn(s, key) ? s[key] : undefined;
}

/** deleteReturnsObject tells whether upstream documents DELETE of 'group/plural' as returning the object (else a Status). */
export function deleteReturnsObject(group: string, plural: string): boolean {
  return load().deleteReturnsObject.includes(`${group}/${plural}`);
}
