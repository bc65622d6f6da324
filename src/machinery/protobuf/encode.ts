import { fieldFlags, messageData, type FieldTuple } from '../../api/schema/index.js';
import { parseRFC3339 } from './special.js';
import { ProtoError, WIRE_VARINT, Writer } from './wire.js';

/**
 * encodeMessage writes a JSON object as the protobuf bytes upstream's generated Marshal
 * would produce (k8s-protobuf.md §4): ascending field numbers, non-pointer scalars and
 * messages always written, pointers only when set, one entry per list element, maps
 * sorted by key. It is the inverse of decodeMessage and serves tests and protobuf
 * responses.
 */
export function encodeMessage(name: string, json: unknown): Uint8Array {
  const data = messageData(name);
  if (!data) throw new ProtoError(`no schema for message ${name}`);
  const w = new Writer();
  const obj = (json && typeof json === 'object' && !Array.isArray(json) ? json : {}) as Record<string, unknown>;
  if (data.j) return encodeSpecial(data.j, json);
  for (const f of [...data.f].sort((a, b) => a[0] - b[0])) {
    if (fieldFlags.inline(f)) {
      w.bytes(f[0], encodeMessage(f[2], obj));
      continue;
    }
    writeField(w, f, obj[f[1]]);
  }
  return w.finish();
}

function writeField(w: Writer, f: FieldTuple, v: unknown): void {
  const [n, , type] = f;
  if (fieldFlags.map(f)) {
    if (!v || typeof v !== 'object') return;
    const m = v as Record<string, unknown>;
    for (const key of Object.keys(m).sort()) {
      const entry = new Writer().string(1, key);
      const value = m[key];
      if (!(type === 'bytes' && value === null)) writeValue(entry, 2, type, value);
      w.bytes(n, entry.finish());
    }
    return;
  }
  if (fieldFlags.repeated(f)) {
    if (Array.isArray(v)) for (const item of v) writeValue(w, n, type, item);
    return;
  }
  // Pointers and []byte are written only when set; everything else always (zero values too).
  if ((v === undefined || v === null) && (fieldFlags.ptr(f) || type === 'bytes')) return;
  writeValue(w, n, type, v);
}

function writeValue(w: Writer, n: number, type: string, v: unknown): void {
  switch (type) {
    case 'string':
      w.string(n, typeof v === 'string' ? v : '');
      return;
    case 'bytes':
      w.bytes(n, typeof v === 'string' ? Buffer.from(v, 'base64') : new Uint8Array(0));
      return;
    case 'bool':
      w.tag(n, WIRE_VARINT).varint(v === true ? 1 : 0);
      return;
    case 'int32':
    case 'int64':
      w.tag(n, WIRE_VARINT).varint(typeof v === 'number' ? BigInt(Math.trunc(v)) : 0n);
      return;
    default:
      w.bytes(n, encodeMessage(type, v));
  }
}

function encodeSpecial(form: string, v: unknown): Uint8Array {
  const w = new Writer();
  switch (form) {
    case 'quantity':
      return w.string(1, v === undefined || v === null ? '' : String(v)).finish();
    case 'intOrString':
      if (typeof v === 'string') return w.tag(1, WIRE_VARINT).varint(1).tag(2, WIRE_VARINT).varint(0).string(3, v).finish();
      return w.tag(1, WIRE_VARINT).varint(0).tag(2, WIRE_VARINT).varint(typeof v === 'number' ? v : 0).string(3, '').finish();
    case 'rfc3339':
    case 'rfc3339micro': {
      if (typeof v !== 'string') return w.finish();
      const t = parseRFC3339(v);
      w.tag(1, WIRE_VARINT).varint(t.seconds);
      return w.tag(2, WIRE_VARINT).varint(form === 'rfc3339' ? 0n : t.nanos).finish();
    }
    case 'duration':
      throw new ProtoError('encoding Duration is not supported');
    case 'rawJSON':
      return v === undefined || v === null ? w.finish() : w.bytes(1, new TextEncoder().encode(JSON.stringify(v))).finish();
    case 'stringArray':
      if (Array.isArray(v)) for (const s of v) w.string(1, String(s));
      return w.finish();
    default:
      throw new ProtoError(`cannot encode ${form}`);
  }
}
