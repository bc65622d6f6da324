/**
 * Key ordering shared by every backend.
 *
 * Keys are ordered by Unicode code point, which is the same as UTF-8 byte order and
 * therefore the same as SQLite's BINARY collation. JavaScript's `<` compares UTF-16 code
 * units instead, which disagrees for characters above U+FFFF versus U+E000..U+FFFF. Using
 * one order everywhere keeps continue tokens valid when a paginated list moves from an
 * in-memory read (current revision) to an SQL read (older revision).
 */

/** compareKeys orders two keys by code point (UTF-8 byte order); returns <0, 0 or >0. */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Only surrogates (U+D800..U+DFFF) versus U+E000..U+FFFF sort differently in
      // code-point order; lift surrogates above the rest of the BMP to fix that.
      if (x >= 0xd800 && y >= 0xd800) return fixup(x) - fixup(y);
      return x - y;
    }
  }
  return a.length - b.length;
}

function fixup(c: number): number {
  return c < 0xe000 ? c + 0x2000 : c - 0x800;
}

/**
 * prefixEnd returns the smallest string greater than every string that starts with
 * prefix (an exclusive upper bound for range scans), or undefined if there is none
 * (empty prefix). Built by incrementing the last code point, so it is exact in
 * code-point order and needs no LIKE escaping.
 */
export function prefixEnd(prefix: string): string | undefined {
  const cps = Array.from(prefix, (c) => c.codePointAt(0)!);
  while (cps.length > 0) {
    let last = cps.pop()!;
    if (last < 0x10ffff) {
      last += 1;
      if (last === 0xd800) last = 0xe000; // skip the surrogate range
      cps.push(last);
      return String.fromCodePoint(...cps);
    }
  }
  return undefined;
}
