#!/usr/bin/env node
// Extracts from upstream's published OpenAPI spec (k8s.io/kubernetes v1.35.4,
// api/openapi-spec/swagger.json and v3/*.json) what k8ts's OpenAPI documents need beyond
// the schema data in src/api/schema/generated/messages.ts: descriptions, required lists,
// v3 property defaults, x-kubernetes-map-type and x-kubernetes-unions, the texts of the
// shared query parameters, the query options of connect subresources and pods/log, and
// which resources' DELETE returns the object. Only messages k8ts knows are kept. It also reports where
// messages.ts's list and patch tags disagree with upstream, so the overlay can be fixed.
// Writes src/apiserver/openapi/generated/upstream.ts. Development-time only: the product
// never reads the Go module cache.
//
//   node scripts/gen-openapi-docs.mjs [path/to/kubernetes/api/openapi-spec]
//   node scripts/gen-openapi-docs.mjs --print    (the carried data, decoded)
//
// Without an argument the spec comes from the Go module cache:
//   mkdir /tmp/gm && cd /tmp/gm && go mod init x && GOFLAGS=-mod=mod go mod download -json k8s.io/kubernetes@v1.35.4
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = 'v1.35.4';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'src/apiserver/openapi/generated/upstream.ts');

if (process.argv[2] === '--print') {
  const b64 = [...readFileSync(out, 'utf8').matchAll(/^ {2}'([A-Za-z0-9+/=]+)'/gm)].map((m) => m[1]).join('');
  console.log(JSON.stringify(JSON.parse(brotliDecompressSync(Buffer.from(b64, 'base64')).toString()), null, 1));
  process.exit(0);
}
const specDir = process.argv[2] ?? join(execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim(), `k8s.io/kubernetes@${VERSION}/api/openapi-spec`);

const swagger = JSON.parse(readFileSync(join(specDir, 'swagger.json'), 'utf8'));
const v3Schemas = {};
for (const file of readdirSync(join(specDir, 'v3'))) {
  const doc = JSON.parse(readFileSync(join(specDir, 'v3', file), 'utf8'));
  Object.assign(v3Schemas, doc.components?.schemas ?? {});
}

// messages.ts holds one message per line: `  "name": {json},`.
const messages = {};
for (const line of readFileSync(join(root, 'src/api/schema/generated/messages.ts'), 'utf8').split('\n')) {
  const m = /^ {2}("[^"]+"): (\{.*\}),$/.exec(line);
  if (m) messages[JSON.parse(m[1])] = JSON.parse(m[2]);
}
if (Object.keys(messages).length < 400) throw new Error('gen-openapi-docs: could not read messages.ts');

/** jsonFields mirrors src/api/schema/lookup.ts: inlined messages expanded, '-' dropped. */
function jsonFields(name) {
  const fields = [];
  for (const f of messages[name]?.f ?? []) {
    if (f[3].includes('i')) fields.push(...jsonFields(f[2]));
    else if (f[1] !== '-') fields.push(f);
  }
  return fields;
}

const TAG_KEYS = { ps: 'x-kubernetes-patch-strategy', pk: 'x-kubernetes-patch-merge-key', lt: 'x-kubernetes-list-type', lk: 'x-kubernetes-list-map-keys' };
const mismatches = [];
const data = {};
let missing = 0;
for (const name of Object.keys(messages).sort()) {
  const def = swagger.definitions[`io.k8s.${name}`];
  if (!def) {
    missing++;
    continue;
  }
  const v3 = v3Schemas[`io.k8s.${name}`] ?? {};
  const entry = {};
  if (def.description) entry.d = def.description;
  if (def.required) entry.r = def.required;
  const x = {};
  for (const k of ['x-kubernetes-map-type', 'x-kubernetes-unions']) if (def[k] !== undefined) x[k] = def[k];
  if (Object.keys(x).length > 0) entry.x = x;
  const props = {};
  for (const [key, p] of Object.entries(def.properties ?? {})) {
    const prop = {};
    if (p.description) prop.d = p.description;
    const dflt = v3.properties?.[key]?.default;
    if (dflt !== undefined) prop.v = dflt;
    if (p['x-kubernetes-map-type']) prop.m = p['x-kubernetes-map-type'];
    if (Object.keys(prop).length > 0) props[key] = prop;
  }
  if (Object.keys(props).length > 0) entry.p = props;
  data[name] = entry;

  // Where the schema data's tags disagree with upstream, clients would compute patches
  // the server does not expect; list them for scripts/schema-overlay.mjs. Special JSON
  // forms (Time, Quantity, ...) are strings upstream: their protobuf fields do not show.
  for (const f of messages[name].j ? [] : jsonFields(name)) {
    const p = def.properties?.[f[1]];
    if (!p) {
      mismatches.push(`${name}.${f[1]}: not in upstream`);
      continue;
    }
    for (const [tag, ext] of Object.entries(TAG_KEYS)) {
      const ours = f[4]?.[tag];
      if (JSON.stringify(ours) !== JSON.stringify(p[ext])) mismatches.push(`${name}.${f[1]}: ${ext} ours ${JSON.stringify(ours)} upstream ${JSON.stringify(p[ext])}`);
    }
  }
}

// Shared query parameters, by name (upstream dedups them under #/parameters).
const parameters = {};
for (const p of Object.values(swagger.parameters)) if (p.in === 'query' && p.description) parameters[p.name] ??= p.description;
for (const item of Object.values(swagger.paths)) {
  for (const op of Object.values(item)) {
    for (const p of (Array.isArray(op) ? op : op.parameters) ?? []) if (p.in === 'query' && p.description) parameters[p.name] ??= p.description;
  }
}

// Query options of connect subresources and pods/log ([name, type, description], upstream
// order), keyed by the path without namespace and name: '/api/v1/pods/attach'.
const subresources = {};
for (const [path, item] of Object.entries(swagger.paths)) {
  const ops = Object.entries(item).filter(([k]) => k !== 'parameters');
  if (!path.endsWith('/log') && !ops.some(([, op]) => op['x-kubernetes-action'] === 'connect')) continue;
  const key = path.replace('/namespaces/{namespace}', '').replace('/{name}', '');
  const query = (item.parameters ?? []).map((p) => (p.$ref ? swagger.parameters[p.$ref.split('/').pop()] : p)).filter((p) => p.in === 'query');
  subresources[key] = query.map((p) => [p.name, p.type, p.description ?? '']);
}

// Resources whose DELETE answers with the deleted object rather than a Status, as
// 'group/plural' ('/pods', 'storage.k8s.io/storageclasses'): upstream's storage decides.
const deleteReturnsObject = new Set();
for (const [path, item] of Object.entries(swagger.paths)) {
  const op = item.delete;
  if (op?.['x-kubernetes-action'] !== 'delete' || op.responses['200']?.schema?.$ref?.endsWith('.Status')) continue;
  const m = /^\/apis?\/(?:([^/]+)\/)?v[^/]+\/(?:namespaces\/\{namespace\}\/)?([^/]+)\/\{name\}$/.exec(path);
  if (m) deleteReturnsObject.add(`${path.startsWith('/api/') ? '' : m[1]}/${m[2]}`);
}

const json = JSON.stringify({ messages: data, parameters, subresources, deleteReturnsObject: [...deleteReturnsObject].sort() });
// Brotli and base64 keep the module small (~110 kB instead of ~530 kB) and cheap to load at
// startup; it is decompressed on the first OpenAPI request.
const packed = brotliCompressSync(Buffer.from(json), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).toString('base64');
const lines = packed.match(/.{1,120}/g).map((l) => `  '${l}'`);
const text = `// Code generated by scripts/gen-openapi-docs.mjs from k8s.io/kubernetes ${VERSION}
// api/openapi-spec (swagger.json and v3). DO NOT EDIT.

/**
 * Upstream descriptions, required lists, v3 defaults and map-type/union extensions of the
 * messages in src/api/schema/generated/messages.ts, shared query parameter texts, connect
 * subresource options and DELETE response kinds: JSON (${json.length} bytes), brotli, base64.
 * Read it with: node scripts/gen-openapi-docs.mjs --print
 */
export const UPSTREAM_DOCS_BROTLI_BASE64 = [
${lines.join(',\n')},
].join('');
`;
writeFileSync(out, text);
console.log(`gen-openapi-docs: ${Object.keys(data).length} messages (${missing} not upstream), ${Object.keys(parameters).length} parameters, ${Object.keys(subresources).length} subresources, ${json.length} bytes of JSON, ${text.length} bytes to ${out}`);
if (mismatches.length > 0) console.log(`gen-openapi-docs: tags differing from upstream:\n  ${mismatches.join('\n  ')}`);
