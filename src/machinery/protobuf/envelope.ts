import { messageNameForKind } from '../../api/schema/index.js';
import type { GroupVersionKind } from '../../api/meta.js';
import { errors, isStatusError, type StatusError } from '../errors.js';
import { decodeMessage } from './decode.js';
import { encodeMessage } from './encode.js';
import { ProtoError, Reader, utf8String, WIRE_BYTES, Writer } from './wire.js';

/** The 4 bytes every Kubernetes protobuf body starts with: 'k8s\0'. */
export const K8S_PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** DecodedObject is a protobuf request body as the JSON upstream would have produced. */
export interface DecodedObject {
  apiVersion: string;
  kind: string;
  object: Record<string, unknown>;
}

/**
 * decodeK8sProtobuf decodes an `application/vnd.kubernetes.protobuf` body: the magic,
 * the runtime.Unknown envelope, then the object's own message, looked up by the
 * envelope's apiVersion/kind. An empty kind or apiVersion is filled from `expected`
 * (the kind the endpoint serves), as upstream does. The object's JSON starts with kind
 * and apiVersion. Any malformed input throws a 400 StatusError.
 */
export function decodeK8sProtobuf(body: Uint8Array, expected?: GroupVersionKind): DecodedObject {
  try {
    return decode(body, expected);
  } catch (e) {
    throw asBadRequest(e);
  }
}

function decode(body: Uint8Array, expected?: GroupVersionKind): DecodedObject {
  if (body.length < 4 || !K8S_PROTOBUF_MAGIC.every((b, i) => body[i] === b)) {
    throw new ProtoError('provided object is not a Kubernetes protobuf object (missing "k8s\\0" prefix)');
  }
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array = new Uint8Array(0);
  const r = new Reader(body.subarray(4));
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field >= 1 && field <= 4 && wire !== WIRE_BYTES) throw new ProtoError(`proto: wrong wireType = ${wire} for field ${['TypeMeta', 'Raw', 'ContentEncoding', 'ContentType'][field - 1]}`);
    if (field === 1) ({ apiVersion, kind } = typeMeta(r.bytes(), apiVersion, kind));
    else if (field === 2) raw = r.bytes();
    else r.skip(wire);
  }
  if (expected) {
    if (kind === '') kind = expected.kind;
    if (apiVersion === '') apiVersion = expected.group ? `${expected.group}/${expected.version}` : expected.version;
  }
  if (kind === '') throw new ProtoError("Object 'Kind' is missing in protobuf body");
  if (apiVersion === '') throw new ProtoError("Object 'apiVersion' is missing in protobuf body");
  const slash = apiVersion.indexOf('/');
  const gvk = slash < 0 ? { group: '', version: apiVersion, kind } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind };
  const message = messageNameForKind(gvk);
  if (!message) throw new ProtoError(`no kind "${kind}" is registered for version "${apiVersion}" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"`);
  const decoded = decodeMessage(message, raw) as Record<string, unknown>;
  return { apiVersion, kind, object: { kind, apiVersion, ...decoded } };
}

/** typeMeta reads runtime.TypeMeta {1 apiVersion, 2 kind}; fields merge like any message. */
function typeMeta(bytes: Uint8Array, apiVersion: string, kind: string): { apiVersion: string; kind: string } {
  const r = new Reader(bytes);
  while (!r.done) {
    const { field, wire } = r.tag();
    if ((field === 1 || field === 2) && wire !== WIRE_BYTES) throw new ProtoError(`proto: wrong wireType = ${wire} for field ${field === 1 ? 'APIVersion' : 'Kind'}`);
    if (field === 1) apiVersion = utf8String(r.bytes());
    else if (field === 2) kind = utf8String(r.bytes());
    else r.skip(wire);
  }
  return { apiVersion, kind };
}

/**
 * encodeK8sProtobuf writes an object as upstream's protobuf serializer does: magic,
 * then runtime.Unknown with all four fields (raw even when empty).
 */
export function encodeK8sProtobuf(obj: { apiVersion?: unknown; kind?: unknown } & Record<string, unknown>): Uint8Array {
  const apiVersion = String(obj.apiVersion ?? '');
  const kind = String(obj.kind ?? '');
  const slash = apiVersion.indexOf('/');
  const gvk = slash < 0 ? { group: '', version: apiVersion, kind } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind };
  const message = messageNameForKind(gvk);
  if (!message) throw errors.badRequest(`no kind "${kind}" is registered for version "${apiVersion}"`);
  const tm = new Writer().string(1, apiVersion).string(2, kind).finish();
  const unknown = new Writer().bytes(1, tm).bytes(2, encodeMessage(message, obj)).string(3, '').string(4, '').finish();
  const out = new Uint8Array(4 + unknown.length);
  out.set(K8S_PROTOBUF_MAGIC);
  out.set(unknown, 4);
  return out;
}

function asBadRequest(e: unknown): StatusError {
  if (isStatusError(e)) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return errors.badRequest(e instanceof ProtoError ? msg : `failed to decode protobuf body: ${msg}`);
}
