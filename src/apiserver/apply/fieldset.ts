/**
 * FieldSet is structured-merge-diff's fieldpath.Set: a tree of path elements in their
 * serialized form ('f:name', 'k:{"name":"c"}', 'v:"x"', 'i:0'). A node's `members` are
 * the paths owned at that level; `children` descend. managedFields' fieldsV1 is this tree
 * as JSON, where "." marks a child that is also a member.
 *
 * A set is built with insert (or fromJSON) and then only read: union, intersection and the
 * differences return new sets that share unchanged subtrees with their operands (every
 * write runs several of them over the whole object), so never insert into their results.
 */
export class FieldSet {
  readonly members = new Set<string>();
  /** children never holds an empty set: insert always adds below, the operations drop empties. */
  readonly children = new Map<string, FieldSet>();

  static of(...paths: (readonly string[])[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  /** insert adds path[from..] below this node (walking down instead of slicing the path). */
  insert(path: readonly string[], from = 0): this {
    if (from >= path.length) return this;
    if (from === path.length - 1) this.members.add(path[from]!);
    else this.descend(path[from]!).insert(path, from + 1);
    return this;
  }

  has(path: readonly string[], from = 0): boolean {
    if (from >= path.length) return false;
    if (from === path.length - 1) return this.members.has(path[from]!);
    return this.children.get(path[from]!)?.has(path, from + 1) ?? false;
  }

  child(pe: string): FieldSet | undefined {
    return this.children.get(pe);
  }

  descend(pe: string): FieldSet {
    let c = this.children.get(pe);
    if (!c) this.children.set(pe, (c = new FieldSet()));
    return c;
  }

  empty(): boolean {
    if (this.members.size) return false;
    for (const c of this.children.values()) if (!c.empty()) return false;
    return true;
  }

  /** blank: no members and no children (a cheap, non-recursive empty()). */
  private blank(): boolean {
    return this.members.size === 0 && this.children.size === 0;
  }

  union(o: FieldSet): FieldSet {
    if (o.blank()) return this;
    if (this.blank()) return o;
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const m of o.members) out.members.add(m);
    for (const [pe, c] of this.children) {
      const oc = o.children.get(pe);
      out.children.set(pe, oc ? c.union(oc) : c);
    }
    for (const [pe, c] of o.children) if (!this.children.has(pe)) out.children.set(pe, c);
    return out;
  }

  intersection(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (o.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const oc = o.children.get(pe);
      if (oc) out.setChild(pe, c.intersection(oc));
    }
    return out;
  }

  /** difference drops o's members level by level; a member of o does not drop s's children under it. */
  difference(o: FieldSet): FieldSet {
    if (o.blank()) return this;
    const out = new FieldSet();
    for (const m of this.members) if (!o.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const oc = o.children.get(pe);
      if (oc) out.setChild(pe, c.difference(oc));
      else out.children.set(pe, c);
    }
    return out;
  }

  /** recursiveDifference also drops whole subtrees below members of o (ignored/reset fields). */
  recursiveDifference(o: FieldSet): FieldSet {
    if (o.blank()) return this;
    const out = new FieldSet();
    for (const m of this.members) if (!o.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      if (o.members.has(pe)) continue;
      const oc = o.children.get(pe);
      if (oc) out.setChild(pe, c.recursiveDifference(oc));
      else out.children.set(pe, c);
    }
    return out;
  }

  /** copy is a deep copy (the set operations share unchanged subtrees instead). */
  copy(): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const [pe, c] of this.children) out.children.set(pe, c.copy());
    return out;
  }

  equals(o: FieldSet): boolean {
    return JSON.stringify(this.toJSON()) === JSON.stringify(o.toJSON());
  }

  /** paths lists every member path in upstream's Iterate order: members, then children, each sorted. */
  paths(prefix: string[] = [], out: string[][] = []): string[][] {
    for (const m of [...this.members].sort(comparePathElements)) out.push([...prefix, m]);
    for (const pe of [...this.children.keys()].sort(comparePathElements)) this.children.get(pe)!.paths([...prefix, pe], out);
    return out;
  }

  /** toJSON is fieldsV1, keys in upstream's order: "." first, then path elements sorted. */
  toJSON(): Record<string, unknown> {
    return this.emit(false);
  }

  private emit(self: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (self) out['.'] = {};
    const keys = [...this.members];
    for (const pe of this.children.keys()) if (!this.members.has(pe)) keys.push(pe);
    keys.sort(comparePathElements);
    for (const pe of keys) {
      const c = this.children.get(pe);
      out[pe] = c ? c.emit(this.members.has(pe)) : {};
    }
    return out;
  }

  static fromJSON(v: unknown): FieldSet {
    const s = new FieldSet();
    if (!isPlainObject(v)) throw new Error('fieldsV1 must be an object');
    for (const [k, sub] of Object.entries(v)) {
      if (k === '.') continue;
      if (!/^[fkvi]:/.test(k)) continue; // unknown element kinds are dropped, as upstream
      if (!isPlainObject(sub)) throw new Error(`fieldsV1 entry ${k} must be an object`);
      const keys = Object.keys(sub);
      if (keys.length === 0 || keys.includes('.')) s.members.add(k);
      if (keys.some((x) => x !== '.')) s.setChild(k, FieldSet.fromJSON(sub));
    }
    return s;
  }

  private setChild(pe: string, c: FieldSet): void {
    if (!c.empty()) this.children.set(pe, c);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** comparePathElements orders as upstream's PathElement.Compare: fields < keys < values < indexes. */
export function comparePathElements(a: string, b: string): number {
  const ra = RANK[a[0]] ?? 4;
  const rb = RANK[b[0]] ?? 4;
  if (ra !== rb) return ra - rb;
  // Field names (most elements) share the 'f:' prefix, so the whole strings order the same.
  if (ra === 0) return a < b ? -1 : a > b ? 1 : 0;
  const x = a.slice(2);
  const y = b.slice(2);
  switch (a[0]) {
    case 'i':
      return Number(x) - Number(y);
    case 'v':
      return compareValues(JSON.parse(x), JSON.parse(y));
    default:
      return compareKeys(JSON.parse(x) as Record<string, unknown>, JSON.parse(y) as Record<string, unknown>);
  }
}

function compareKeys(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ak = Object.keys(a).sort();
  const bk = Object.keys(b).sort();
  for (let i = 0; ; i++) {
    if (i >= ak.length || i >= bk.length) return ak.length - bk.length;
    if (ak[i] !== bk[i]) return ak[i] < bk[i] ? -1 : 1;
    const c = compareValues(a[ak[i]], b[bk[i]]);
    if (c) return c;
  }
}

/** compareValues is value.Compare: numbers < strings < booleans < lists < maps < null. */
export function compareValues(a: unknown, b: unknown): number {
  const rank = (v: unknown) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : Array.isArray(v) ? 3 : v === null || v === undefined ? 5 : 4);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (a as number) - (b as number);
  if (ra === 1) return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  if (ra === 2) return Number(a) - Number(b);
  if (ra === 3) {
    const x = a as unknown[];
    const y = b as unknown[];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = compareValues(x[i], y[i]);
      if (c) return c;
    }
    return x.length - y.length;
  }
  if (ra === 4) return compareKeys(a as Record<string, unknown>, b as Record<string, unknown>);
  return 0;
}

/** pathString renders a path as upstream's fieldpath.Path.String: `.spec.containers[name="c"].image`. */
export function pathString(path: readonly string[]): string {
  return path
    .map((pe) => {
      const body = pe.slice(2);
      switch (pe[0]) {
        case 'f':
          return `.${body}`;
        case 'k': {
          const key = JSON.parse(body) as Record<string, unknown>;
          return `[${Object.keys(key).sort().map((k) => `${k}=${valueString(key[k])}`).join(',')}]`;
        }
        case 'v':
          return `[=${valueString(JSON.parse(body))}]`;
        default:
          return `[${body}]`;
      }
    })
    .join('');
}

/** valueString is value.ToString: strings quoted, other scalars bare, null as null. */
function valueString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
