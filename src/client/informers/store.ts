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

/**
 * Store is the informer's keyed cache. Objects in it are shared with every handler and
 * lister: treat them as read-only and `structuredClone` before mutating.
 */
export class Store<T extends KubeObject> {
  private items = new Map<string, T>();

  constructor(readonly keyOf: (obj: T) => string = metaNamespaceKey) {}

  /** upsert stores obj and returns the previous value under its key, if any. */
  upsert(obj: T): T | undefined {
    const key = this.keyOf(obj);
    const old = this.items.get(key);
    this.items.set(key, obj);
    return old;
  }

  /** delete removes obj's key and returns what was stored there. */
  delete(obj: T): T | undefined {
    const key = this.keyOf(obj);
    const old = this.items.get(key);
    this.items.delete(key);
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
    return old;
  }
}
