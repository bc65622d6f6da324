import { fieldFlags, messageData, type FieldTuple, type MessageData } from '../../api/schema/index.js';
import { canonicalQuantity, goDuration, rfc3339, rfc3339Micro } from './special.js';
import { concatBytes, ProtoError, Reader, utf8String, WIRE_BYTES, WIRE_END_GROUP, WIRE_VARINT } from './wire.js';

/**
 * decodeMessage turns one message's protobuf bytes into the JSON value upstream's Go
 * types would marshal to (k8s-protobuf.md §7): pointer presence is kept, non-pointer
 * zero values follow omitempty, maps come out key-sorted, inlined sub-messages are
 * merged into their parent. TypeMeta (kind/apiVersion) is the envelope's business.
 */
export function decodeMessage(name: string, bytes: Uint8Array, depth = 0): unknown {
  const data = messageData(name);
  if (!data) throw new ProtoError(`no schema for message ${name}`);
  if (depth > 100) throw new ProtoError('proto: message nesting too deep');
  const values = readFields(name, data, bytes);
  if (data.j) return special(data, values, bytes);
  const out: Record<string, unknown> = {};
  for (const f of data.f) {
    const raw = values.get(f[0]) ?? [];
    if (fieldFlags.inline(f)) {
      const sub = decodeMessage(f[2], concatBytes(raw as Uint8Array[]), depth + 1);
      if (sub && typeof sub === 'object') Object.assign(out, sub);
      continue;
    }
    const v = fieldValue(f, raw, depth);
    if (v !== OMIT) out[f[1]] = v;
  }
  return out;
}

/** A raw field occurrence: a varint or a length-delimited payload. */
type Raw = bigint | Uint8Array;
const OMIT = Symbol('omit');

function readFields(name: string, data: MessageData, bytes: Uint8Array): Map<number, Raw[]> {
  const byNumber = new Map(data.f.map((f) => [f[0], f]));
  const values = new Map<number, Raw[]>();
  const r = new Reader(bytes);
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 0) throw new ProtoError(`proto: ${shortName(name)}: illegal tag 0 (wire type ${wire})`);
    if (wire === WIRE_END_GROUP) throw new ProtoError(`proto: ${shortName(name)}: wiretype end group for non-group`);
    const f = byNumber.get(field);
    if (!f) {
      r.skip(wire);
      continue;
    }
    const packedOk = isVarintType(f) && fieldFlags.repeated(f);
    const want = isVarintType(f) ? WIRE_VARINT : WIRE_BYTES;
    if (wire !== want && !(packedOk && wire === WIRE_BYTES)) {
      throw new ProtoError(`proto: wrong wireType = ${wire} for field ${goFieldName(f[1])}`);
    }
    const v: Raw = wire === WIRE_VARINT ? r.varint() : r.bytes();
    const list = values.get(field);
    if (list) list.push(v);
    else values.set(field, [v]);
  }
  return values;
}

function isVarintType(f: FieldTuple): boolean {
  return !fieldFlags.map(f) && (f[2] === 'int32' || f[2] === 'int64' || f[2] === 'bool');
}

function fieldValue(f: FieldTuple, raw: Raw[], depth: number): unknown {
  const omitempty = fieldFlags.omitempty(f);
  const absent = omitempty ? OMIT : null;
  if (fieldFlags.map(f)) {
    if (raw.length === 0) return absent;
    const entries = new Map<string, unknown>();
    for (const e of raw) {
      const [k, v] = mapEntry(f, e as Uint8Array, depth);
      entries.set(k, v);
    }
    const out: Record<string, unknown> = {};
    for (const k of [...entries.keys()].sort()) out[k] = entries.get(k);
    return out;
  }
  if (fieldFlags.repeated(f)) {
    const items: unknown[] = [];
    for (const v of raw) {
      if (isVarintType(f) && v instanceof Uint8Array) {
        const packed = new Reader(v);
        while (!packed.done) items.push(scalar(f[2], packed.varint()));
      } else {
        items.push(element(f[2], v, depth));
      }
    }
    return items.length === 0 ? absent : items;
  }
  const isScalar = f[2] === 'string' || f[2] === 'bytes' || isVarintType(f);
  if (!isScalar) {
    if (raw.length === 0 && fieldFlags.ptr(f)) return absent;
    const v = decodeMessage(f[2], concatBytes(raw as Uint8Array[]), depth + 1);
    if (v === null && fieldFlags.omitzero(f)) return OMIT;
    return v;
  }
  const last = raw[raw.length - 1];
  if (last === undefined) {
    if (fieldFlags.ptr(f) || f[2] === 'bytes') return absent;
    return omitempty ? OMIT : zero(f[2]);
  }
  const v = element(f[2], last, depth);
  if (omitempty && !fieldFlags.ptr(f) && (v === '' || v === 0 || v === false)) return OMIT;
  return v;
}

/** element converts one occurrence of a scalar or message value. */
function element(type: string, v: Raw, depth: number): unknown {
  if (typeof v === 'bigint') return scalar(type, v);
  if (type === 'string') return utf8String(v);
  if (type === 'bytes') return Buffer.from(v).toString('base64');
  return decodeMessage(type, v, depth + 1);
}

function scalar(type: string, v: bigint): number | boolean {
  if (type === 'bool') return v !== 0n;
  if (type === 'int32') return Number(BigInt.asIntN(32, v));
  return Number(BigInt.asIntN(64, v));
}

function zero(type: string): unknown {
  if (type === 'string') return '';
  if (type === 'bool') return false;
  return 0;
}

/** mapEntry decodes {1: key, 2: value}; missing parts are zero values. */
function mapEntry(f: FieldTuple, bytes: Uint8Array, depth: number): [string, unknown] {
  let key = '';
  let value: Uint8Array | undefined;
  const r = new Reader(bytes);
  while (!r.done) {
    const { field, wire } = r.tag();
    if ((field === 1 || field === 2) && wire !== WIRE_BYTES) throw new ProtoError(`proto: wrong wireType = ${wire} for field ${goFieldName(f[1])}`);
    if (field === 1) key = utf8String(r.bytes());
    else if (field === 2) value = r.bytes();
    else r.skip(wire);
  }
  return [key, element(f[2], value ?? new Uint8Array(0), depth)];
}

/** special renders the types of §5 whose JSON is a scalar or a bare array. */
function special(data: MessageData, values: Map<number, Raw[]>, bytes: Uint8Array): unknown {
  const last = (n: number): Raw | undefined => values.get(n)?.at(-1);
  const int = (n: number): bigint => {
    const v = last(n);
    return typeof v === 'bigint' ? BigInt.asIntN(64, v) : 0n;
  };
  const str = (n: number): string => {
    const v = last(n);
    return v instanceof Uint8Array ? utf8String(v) : '';
  };
  switch (data.j) {
    case 'quantity':
      return canonicalQuantity(str(1));
    case 'intOrString': {
      const t = int(1);
      if (t === 0n) return Number(BigInt.asIntN(32, int(2)));
      if (t === 1n) return str(3);
      throw new ProtoError('impossible IntOrString.Type');
    }
    case 'rfc3339':
      return bytes.length === 0 ? null : rfc3339(int(1), BigInt.asIntN(32, int(2)));
    case 'rfc3339micro':
      return bytes.length === 0 ? null : rfc3339Micro(int(1), BigInt.asIntN(32, int(2)));
    case 'duration':
      return goDuration(int(1));
    case 'rawJSON': {
      const raw = last(1);
      if (!(raw instanceof Uint8Array) || raw.length === 0) return null;
      try {
        return JSON.parse(utf8String(raw));
      } catch {
        throw new ProtoError('raw value is not valid JSON');
      }
    }
    case 'stringArray': {
      const items = (values.get(1) ?? []).map((v) => (v instanceof Uint8Array ? utf8String(v) : ''));
      return items.length === 0 ? null : items;
    }
    default:
      throw new ProtoError('unexpected nested runtime.Unknown');
  }
}

function shortName(message: string): string {
  return message.slice(message.lastIndexOf('.') + 1);
}

function goFieldName(json: string): string {
  return json.charAt(0).toUpperCase() + json.slice(1);
}
