/**
 * Protobuf wire-format primitives (the subset Kubernetes uses: varints and
 * length-delimited fields, plus skipping of the other wire types for forward
 * compatibility). Errors carry the texts of upstream's generated Unmarshal code.
 */

/** ProtoError is a malformed-body error; the envelope turns it into a 400 Status. */
export class ProtoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtoError';
  }
}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

const UNEXPECTED_EOF = 'unexpected EOF';

/** Reader walks one message's bytes. */
export class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** varint reads an unsigned 64-bit varint. */
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift >= 64n) throw new ProtoError('proto: integer overflow');
      if (this.pos >= this.buf.length) throw new ProtoError(UNEXPECTED_EOF);
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
  }

  /** tag reads a field key and splits it into field number and wire type. */
  tag(): { field: number; wire: number } {
    const key = this.varint();
    const field = key >> 3n;
    if (field > 0x1fffffffn) throw new ProtoError(`proto: illegal tag ${BigInt.asIntN(64, field)} (wire type ${Number(key & 7n)})`);
    return { field: Number(field), wire: Number(key & 7n) };
  }

  /** bytes reads a length-delimited value (a view, not a copy). */
  bytes(): Uint8Array {
    const len = BigInt.asIntN(64, this.varint());
    if (len < 0n) throw new ProtoError('proto: negative length found during unmarshaling');
    const end = BigInt(this.pos) + len;
    if (end > BigInt(this.buf.length)) throw new ProtoError(UNEXPECTED_EOF);
    const out = this.buf.subarray(this.pos, Number(end));
    this.pos = Number(end);
    return out;
  }

  /** skip passes over a value of an unknown field, as upstream's skipGenerated does. */
  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_BYTES:
        this.bytes();
        return;
      case WIRE_FIXED32:
        this.advance(4);
        return;
      case WIRE_START_GROUP: {
        for (let depth = 1; depth > 0; ) {
          const t = this.tag();
          if (t.wire === WIRE_START_GROUP) depth++;
          else if (t.wire === WIRE_END_GROUP) depth--;
          else this.skip(t.wire);
        }
        return;
      }
      case WIRE_END_GROUP:
        throw new ProtoError('proto: unexpected end of group');
      default:
        throw new ProtoError(`proto: illegal wireType ${wire}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.buf.length) throw new ProtoError(UNEXPECTED_EOF);
    this.pos += n;
  }
}

/**
 * Writer builds one message's bytes in a growing buffer: nested messages are copied in
 * with one memcpy, so multi-megabyte messages (the OpenAPI v2 document) stay cheap.
 */
export class Writer {
  private buf = new Uint8Array(64);
  private len = 0;

  varint(v: bigint | number): this {
    if (typeof v === 'number' && v >= 0 && v <= 0x7fffffff && Number.isInteger(v)) {
      this.reserve(5);
      while (v >= 0x80) {
        this.buf[this.len++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      this.buf[this.len++] = v;
      return this;
    }
    let x = BigInt.asUintN(64, BigInt(v));
    this.reserve(10);
    while (x >= 0x80n) {
      this.buf[this.len++] = Number(x & 0x7fn) | 0x80;
      x >>= 7n;
    }
    this.buf[this.len++] = Number(x);
    return this;
  }

  tag(field: number, wire: number): this {
    return field < 0x10000000 ? this.varint(field * 8 + wire) : this.varint((BigInt(field) << 3n) | BigInt(wire));
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, WIRE_BYTES).varint(data.length);
    this.reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  string(field: number, s: string): this {
    const n = Buffer.byteLength(s, 'utf8');
    this.tag(field, WIRE_BYTES).varint(n);
    this.reserve(n);
    utf8Encoder.encodeInto(s, this.buf.subarray(this.len, this.len + n));
    this.len += n;
    return this;
  }

  /**
   * begin starts a length-delimited field written in place (no nested Writer and copy):
   * write the field's content, then call end with the returned mark.
   */
  begin(field: number): number {
    this.tag(field, WIRE_BYTES);
    this.reserve(1);
    this.len++;
    return this.len;
  }

  /** end writes the length of the field begun at mark, moving its content if the length needs more than one byte. */
  end(mark: number): this {
    const size = this.len - mark;
    let extra = 0;
    for (let x = size; x >= 0x80; x >>>= 7) extra++;
    if (extra > 0) {
      this.reserve(extra);
      this.buf.copyWithin(mark + extra, mark, this.len);
      this.len += extra;
    }
    let pos = mark - 1;
    let x = size;
    while (x >= 0x80) {
      this.buf[pos++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    this.buf[pos] = x;
    return this;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}

const utf8Encoder = new TextEncoder();
const utf8 = new TextDecoder('utf-8');

/** utf8String decodes string bytes; invalid sequences become U+FFFD like Go's JSON encoder. */
export function utf8String(b: Uint8Array): string {
  return utf8.decode(b);
}

/** concatBytes joins several occurrences of a message field: protobuf merges them. */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
