import type { KubeObject } from '../../api/meta.js';

/** metaNamespaceKey is client-go's MetaNamespaceKeyFunc: `namespace/name`, or `name` when cluster-scoped. */
export function metaNamespaceKey(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? '';
  return ns ? `${ns}/${name}` : name;
}

/** splitMetaNamespaceKey undoes metaNamespaceKey. */
export function splitMetaNamespaceKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** IndexFunc is client-go's IndexFunc: the index values an object is filed under (may be none). */
export type IndexFunc<T> = (obj: T) => readonly string[];

/**
 * Store is the informer's keyed cache. Objects in it are shared with every handler and
 * lister: treat them as read-only and `structuredClone` before mutating. Like client-go's
 * Indexer it can keep secondary indexes, so "the objects with this value" is no full scan.
 */
export class Store<T extends KubeObject> {
  private items = new Map<string, T>();
  /** indexes: index name -> index value -> keys of the objects filed under it. */
  private readonly indexes = new Map<string, { fn: IndexFunc<T>; byValue: Map<string, Set<string>> }>();

  constructor(readonly keyOf: (obj: T) => string = metaNamespaceKey) {}

  /** addIndex registers an index and files the objects already stored. */
  addIndex(name: string, fn: IndexFunc<T>): void {
    if (this.indexes.has(name)) throw new Error(`index ${name} already exists`);
    this.indexes.set(name, { fn, byValue: new Map() });
    for (const [key, obj] of this.items) this.file(key, undefined, obj);
  }

  /** byIndex lists the objects filed under value in the named index. */
  byIndex(name: string, value: string): T[] {
    const index = this.indexes.get(name);
    if (!index) throw new Error(`index ${name} does not exist`);
    const out: T[] = [];
    for (const key of index.byValue.get(value) ?? []) out.push(this.items.get(key)!);
    return out;
  }

  /** upsert stores obj and returns the previous value under its key, if any. */
  upsert(obj: T): T | undefined {
    const key = this.keyOf(obj);
    const old = this.items.get(key);
    this.items.set(key, obj);
    this.file(key, old, obj);
    return old;
  }

  /** delete removes obj's key and returns what was stored there. */
  delete(obj: T): T | undefined {
    const key = this.keyOf(obj);
    const old = this.items.get(key);
    this.items.delete(key);
    this.file(key, old, undefined);
    return old;
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  /** getByName is a lister shortcut: `get(namespace ? ns/name : name)`. */
  getByName(namespace: string | undefined, name: string): T | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  get size(): number {
    return this.items.size;
  }

  /** replace swaps the whole content (after a relist) and returns the previous content. */
  replace(objs: readonly T[]): Map<string, T> {
    const old = this.items;
    this.items = new Map(objs.map((o) => [this.keyOf(o), o]));
    for (const index of this.indexes.values()) index.byValue.clear();
    if (this.indexes.size > 0) for (const [key, obj] of this.items) this.file(key, undefined, obj);
    return old;
  }

  /** file moves key from old's index values to obj's. */
  private file(key: string, old: T | undefined, obj: T | undefined): void {
    for (const { fn, byValue } of this.indexes.values()) {
      const before = old ? fn(old) : [];
      const after = obj ? fn(obj) : [];
      // Most updates keep their index values: leave the entry (and its position) alone.
      if (old && obj && before.length === after.length && before.every((v, i) => v === after[i])) continue;
      for (const v of before) {
        const keys = byValue.get(v);
        keys?.delete(key);
        if (keys?.size === 0) byValue.delete(v);
      }
      for (const v of after) {
        let keys = byValue.get(v);
        if (!keys) byValue.set(v, (keys = new Set()));
        keys.add(key);
      }
    }
  }
}
