/**
 * FieldSet is structured-merge-diff's fieldpath.Set: a tree of path elements in their
 * serialized form ('f:name', 'k:{"name":"c"}', 'v:"x"', 'i:0'). A node's `members` are
 * the paths owned at that level; `children` descend. managedFields' fieldsV1 is this tree
 * as JSON, where "." marks a child that is also a member.
 */
export class FieldSet {
  readonly members = new Set<string>();
  readonly children = new Map<string, FieldSet>();

  static of(...paths: (readonly string[])[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: readonly string[]): this {
    if (path.length === 0) return this;
    const parent = path.slice(0, -1).reduce<FieldSet>((node, pe) => node.descend(pe), this);
    parent.members.add(path[path.length - 1]);
    return this;
  }

  has(path: readonly string[]): boolean {
    if (path.length === 0) return false;
    const parent = path.slice(0, -1).reduce<FieldSet | undefined>((node, pe) => node?.children.get(pe), this);
    return !!parent?.members.has(path[path.length - 1]);
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

  union(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const m of o.members) out.members.add(m);
    for (const [pe, c] of this.children) out.setChild(pe, o.children.has(pe) ? c.union(o.children.get(pe)!) : c.copy());
    for (const [pe, c] of o.children) if (!this.children.has(pe)) out.setChild(pe, c.copy());
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
    const out = new FieldSet();
    for (const m of this.members) if (!o.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const oc = o.children.get(pe);
      out.setChild(pe, oc ? c.difference(oc) : c.copy());
    }
    return out;
  }

  /** recursiveDifference also drops whole subtrees below members of o (ignored/reset fields). */
  recursiveDifference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!o.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      if (o.members.has(pe)) continue;
      const oc = o.children.get(pe);
      out.setChild(pe, oc ? c.recursiveDifference(oc) : c.copy());
    }
    return out;
  }

  copy(): FieldSet {
    return this.union(EMPTY);
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
    const keys = new Set([...this.members, ...[...this.children].filter(([, c]) => !c.empty()).map(([pe]) => pe)]);
    for (const pe of [...keys].sort(comparePathElements)) {
      const c = this.children.get(pe);
      out[pe] = c && !c.empty() ? c.emit(this.members.has(pe)) : {};
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

const EMPTY = new FieldSet();

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** comparePathElements orders as upstream's PathElement.Compare: fields < keys < values < indexes. */
export function comparePathElements(a: string, b: string): number {
  const ra = RANK[a[0]] ?? 4;
  const rb = RANK[b[0]] ?? 4;
  if (ra !== rb) return ra - rb;
  const x = a.slice(2);
  const y = b.slice(2);
  switch (a[0]) {
    case 'f':
      return x < y ? -1 : x > y ? 1 : 0;
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
