import { randomUUID } from 'node:crypto';
import type { KubeList, KubeObject } from '../../api/meta.js';
import type { ResourceInfo } from '../../api/resources/types.js';
import { errors, type GroupResource } from '../../machinery/errors.js';
import { copyJson, deepEqual } from '../../machinery/deep.js';
import { isStorageError, type KeyValue } from '../../storage/interface.js';
import { collectionPrefix, decode, encode, generateNameSuffix, listItemWithRv, objectKey, rememberWritten } from './codec.js';
import { rfc3339 } from '../../util/time.js';
import type { AdmissionAttributes, Operation, RegistryContext } from './context.js';
import { CONTINUE_EXPIRED_MESSAGE, decodeContinue, encodeContinue } from './continue.js';
import { strategyFor, type Strategy } from './strategy.js';

export type ObjectFilter = (obj: KubeObject) => boolean;

export interface ListParams {
  filter?: ObjectFilter;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface WriteParams {
  dryRun?: boolean;
  /** '' for the main resource, 'status', 'resize', ... */
  subresource?: string;
  /** Patches re-read and re-apply on a storage conflict instead of answering 409. */
  retryOnConflict?: boolean;
  /** Records field ownership (managedFields) once defaults are in, as upstream's field manager. */
  managedFields?: (obj: KubeObject, old?: KubeObject) => void;
}

/** UpdateFn computes the new object from the current one (a private copy it may mutate). */
export type UpdateFn = (current: KubeObject) => KubeObject | Promise<KubeObject>;

const MAX_UPDATE_RETRIES = 8;

/**
 * ResourceStore is the generic registry of one resource: the create/get/list/update/delete
 * rules of upstream's genericregistry.Store over the etcd-like Storage.
 */
export class ResourceStore {
  readonly strategy: Strategy;
  readonly gr: GroupResource;
  /** Decoded objects for getShared, by stored KeyValue (the memory store hands out one per version). */
  private readonly decoded = new WeakMap<KeyValue, KubeObject>();

  constructor(
    readonly info: ResourceInfo,
    readonly ctx: RegistryContext,
  ) {
    this.strategy = strategyFor(info);
    this.gr = { group: info.group, resource: info.plural };
  }

  key(namespace: string, name: string): string {
    return objectKey(this.info, namespace, name);
  }

  prefix(namespace: string): string {
    return collectionPrefix(this.info, namespace);
  }

  decode(kv: KeyValue, revision?: number): KubeObject {
    return decode(kv, this.info, revision);
  }

  async get(namespace: string, name: string, resourceVersion?: string): Promise<KubeObject> {
    const rev = resourceVersion && resourceVersion !== '0' ? parseRv(resourceVersion) : undefined;
    let kv: KeyValue | undefined;
    try {
      kv = await this.ctx.storage.get(this.key(namespace, name), rev ? { revision: rev } : undefined);
    } catch (e) {
      throw mapStorageError(e, this.gr, name);
    }
    if (!kv) throw errors.notFound(this.gr, name);
    return this.decode(kv);
  }

  /**
   * getShared is get for server-internal readers that never modify the object (admission
   * lookups done on every create): it is decoded once per stored version and then shared.
   */
  async getShared(namespace: string, name: string): Promise<Readonly<KubeObject>> {
    let kv: KeyValue | undefined;
    try {
      kv = await this.ctx.storage.get(this.key(namespace, name));
    } catch (e) {
      throw mapStorageError(e, this.gr, name);
    }
    if (!kv) throw errors.notFound(this.gr, name);
    return this.decodeShared(kv);
  }

  /** decodeShared decodes a stored version once; readers that never modify it share the object. */
  private decodeShared(kv: KeyValue): KubeObject {
    let obj = this.decoded.get(kv);
    if (!obj) this.decoded.set(kv, (obj = this.decode(kv)));
    return obj;
  }

  /** listShared is list for server-internal readers that never modify the objects (see getShared). */
  async listShared(namespace: string): Promise<ReadonlyArray<Readonly<KubeObject>>> {
    const items: KubeObject[] = [];
    await this.scan(namespace, {}, (kv) => {
      items.push(this.decodeShared(kv));
      return true;
    });
    return items;
  }

  async list(namespace: string, p: ListParams = {}): Promise<KubeList> {
    const items: KubeObject[] = [];
    const filter = p.filter;
    const metadata = await this.scan(namespace, p, (kv) => {
      const obj = this.decode(kv);
      if (filter && !filter(obj)) return false;
      items.push(obj);
      return true;
    });
    return { apiVersion: apiVersionOf(this.info), kind: this.info.listKind, metadata, items };
  }

  /**
   * listJson serializes a list straight from stored values, without parsing each object:
   * the fast path for unfiltered JSON lists of resources stored under their own kind.
   */
  async listJson(namespace: string, p: Omit<ListParams, 'filter'>): Promise<string> {
    const parts: string[] = [];
    const metadata = await this.scan(namespace, p, (kv) => {
      parts.push(listItemWithRv(kv.value, kv.modRevision));
      return true;
    });
    return `{"kind":${JSON.stringify(this.info.listKind)},"apiVersion":${JSON.stringify(apiVersionOf(this.info))},"metadata":${JSON.stringify(metadata)},"items":[${parts.join(',')}]}`;
  }

  /** servesRawJson: stored values carry this resource's own apiVersion and kind. */
  get servesRawJson(): boolean {
    const s = this.info.storage;
    return !s || (s.group === this.info.group && s.resource === this.info.plural);
  }

  /** scan walks a list page by page; accept returns whether the item counted toward limit. */
  private async scan(namespace: string, p: Omit<ListParams, 'filter'> & { filter?: ObjectFilter }, accept: (kv: KeyValue) => boolean): Promise<KubeList['metadata']> {
    const prefix = this.prefix(namespace);
    let revision: number | undefined;
    let startAfter: string | undefined;
    if (p.continue) {
      const c = decodeContinue(p.continue, prefix);
      revision = c.rv;
      startAfter = c.startAfter;
    } else if (p.resourceVersion && p.resourceVersion !== '0') {
      const rv = parseRv(p.resourceVersion);
      if (p.resourceVersionMatch === 'Exact') revision = rv;
      else {
        const cur = await this.ctx.storage.currentRevision();
        if (rv > cur) throw errors.timeout(`Too large resource version: ${rv}, current: ${cur}`);
      }
    }
    const limit = p.limit && p.limit > 0 ? p.limit : 0;
    let count = 0;
    let more = false;
    let lastKey = '';
    let remaining: number | undefined;
    for (;;) {
      let res;
      try {
        res = await this.ctx.storage.list({ prefix, revision, startAfter, limit: limit ? limit - count : 0 });
      } catch (e) {
        if (isStorageError(e, 'Expired')) throw errors.resourceExpired(p.continue ? CONTINUE_EXPIRED_MESSAGE : 'The resourceVersion for the provided list is too old.');
        throw e;
      }
      revision = res.revision;
      for (const kv of res.items) {
        lastKey = kv.key;
        if (accept(kv)) count++;
      }
      more = res.more;
      remaining = res.remaining;
      if (!limit || !more || count >= limit) break;
      startAfter = lastKey;
    }
    const metadata: KubeList['metadata'] = { resourceVersion: String(revision) };
    if (limit && more) {
      metadata.continue = encodeContinue(revision!, lastKey, prefix);
      if (!p.filter && remaining !== undefined) metadata.remainingItemCount = remaining;
    }
    return metadata;
  }

  async create(namespace: string, input: KubeObject, p: WriteParams = {}): Promise<KubeObject> {
    const obj = input;
    obj.metadata ??= {};
    const meta = obj.metadata;
    if (this.info.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = namespace || meta.namespace;
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = meta.generateName + generateNameSuffix();
    meta.uid = randomUUID();
    meta.creationTimestamp = rfc3339(this.ctx.clock.now());
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.generation;
    dropEmptyMeta(meta);
    this.ctx.rules.defaults(this.info, obj);
    this.ctx.rules.prepareForCreate(this.info, obj);
    this.strategy.prepareForCreate(obj);
    p.managedFields?.(obj);
    await this.admit('CREATE', namespace, meta.name ?? '', obj, undefined, p);
    const errs = this.ctx.rules.validateCreate(this.info, obj);
    if (errs.length) throw errors.invalid({ group: this.info.group, kind: this.info.kind }, meta.name ?? '', errs);
    if (p.dryRun) {
      const existing = await this.ctx.storage.get(this.key(meta.namespace ?? '', meta.name!));
      if (existing) throw errors.alreadyExists(this.gr, meta.name!);
      return obj;
    }
    try {
      const value = encode(obj, this.info);
      const kv = await this.ctx.storage.create(this.key(meta.namespace ?? '', meta.name!), value);
      meta.resourceVersion = String(kv.modRevision);
      if (this.servesRawJson) rememberWritten(obj, value, kv.modRevision);
      return obj;
    } catch (e) {
      throw mapStorageError(e, this.gr, meta.name!);
    }
  }

  /**
   * update applies fn to the current object and writes the result, retrying on storage
   * conflicts unless the caller pinned a resourceVersion (then a conflict is the answer).
   */
  async update(namespace: string, name: string, fn: UpdateFn, p: WriteParams = {}): Promise<KubeObject> {
    const key = this.key(namespace, name);
    for (let attempt = 0; ; attempt++) {
      const kv = await this.ctx.storage.get(key);
      if (!kv) throw errors.notFound(this.gr, name);
      const old = this.decode(kv);
      // fn may change current freely; old stays as stored (a copy is cheaper than a second parse).
      const current = copyJson(old);
      const obj = await fn(current);
      obj.metadata ??= {};
      const pinned = obj.metadata.resourceVersion !== undefined && obj.metadata.resourceVersion !== '' && !p.retryOnConflict;
      if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== String(kv.modRevision)) {
        throw errors.conflict(this.gr, name, 'the object has been modified; please apply your changes to the latest version and try again');
      }
      try {
        return await this.finishUpdate(kv, obj, old, p);
      } catch (e) {
        if (isStorageError(e, 'Conflict') && !pinned && attempt < MAX_UPDATE_RETRIES) continue;
        throw mapStorageError(e, this.gr, name);
      }
    }
  }

  private async finishUpdate(kv: KeyValue, obj: KubeObject, old: KubeObject, p: WriteParams): Promise<KubeObject> {
    const meta = obj.metadata!;
    const oldMeta = old.metadata!;
    obj.apiVersion = old.apiVersion;
    obj.kind = old.kind;
    if (meta.name !== undefined && meta.name !== oldMeta.name) {
      throw errors.badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${oldMeta.name})`);
    }
    if (this.info.namespaced && meta.namespace && meta.namespace !== oldMeta.namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.name = oldMeta.name;
    if (this.info.namespaced) meta.namespace = oldMeta.namespace;
    // Fields the server owns: clients may send them, but cannot change them.
    meta.uid = oldMeta.uid;
    meta.creationTimestamp = oldMeta.creationTimestamp;
    if (oldMeta.deletionTimestamp) {
      meta.deletionTimestamp = oldMeta.deletionTimestamp;
      meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    dropEmptyMeta(meta);
    const sub = p.subresource ?? '';
    if (sub === 'status') this.strategy.prepareForStatusUpdate(obj, old);
    else if (sub === 'resize') this.strategy.prepareForResize(obj, old);
    else if (sub === '' || sub === 'scale') this.strategy.prepareForUpdate(obj, old);
    this.ctx.rules.defaults(this.info, obj);
    p.managedFields?.(obj, old);
    await this.admit('UPDATE', oldMeta.namespace ?? '', oldMeta.name!, obj, old, p);
    const errs = this.ctx.rules.validateUpdate(this.info, obj, old, sub);
    if (errs.length) throw errors.invalid({ group: this.info.group, kind: this.info.kind }, oldMeta.name!, errs);
    // The last finalizer removed from an object being deleted completes the delete.
    if (meta.deletionTimestamp && !hasFinalizers(obj) && this.gracefulDone(obj)) {
      if (p.dryRun) return obj;
      const deleted = await this.ctx.storage.delete(kv.key, kv.modRevision);
      return this.decode({ ...deleted, value: encode(obj, this.info) });
    }
    const value = encode(obj, this.info);
    // An update that changes nothing is not written: no new resourceVersion, no watch event.
    if (sameStoredValue(value, kv.value)) {
      meta.resourceVersion = String(kv.modRevision);
      return obj;
    }
    if (p.dryRun) return obj;
    const out = await this.ctx.storage.update(kv.key, value, kv.modRevision);
    meta.resourceVersion = String(out.modRevision);
    if (this.servesRawJson) rememberWritten(obj, value, out.modRevision);
    return obj;
  }

  /** gracefulDone: a pod in graceful deletion waits for its grace period (kubelet) to end. */
  private gracefulDone(obj: KubeObject): boolean {
    return !(this.info.kind === 'Pod' && (obj.metadata?.deletionGracePeriodSeconds ?? 0) > 0);
  }

  async admit(operation: Operation, namespace: string, name: string, object: KubeObject | undefined, oldObject: KubeObject | undefined, p: WriteParams): Promise<void> {
    const a: AdmissionAttributes = { operation, info: this.info, subresource: p.subresource ?? '', namespace, name, object, oldObject, dryRun: !!p.dryRun };
    for (const plugin of this.ctx.admission) await plugin.admit?.(a);
    for (const plugin of this.ctx.admission) await plugin.validate?.(a);
  }

  /** rawDelete removes the key now, returning the last state. */
  async rawDelete(namespace: string, name: string, expectedRevision?: number): Promise<KubeObject> {
    try {
      const kv = await this.ctx.storage.delete(this.key(namespace, name), expectedRevision);
      return this.decode(kv);
    } catch (e) {
      throw mapStorageError(e, this.gr, name);
    }
  }
}

/**
 * sameStoredValue: both are encode() output (JSON.stringify), so equal values differ at
 * most in key order and always have the same length; only then is parsing worth it.
 */
function sameStoredValue(a: string, b: string): boolean {
  return a === b || (a.length === b.length && deepEqual(JSON.parse(a), JSON.parse(b)));
}

/** dropEmptyMeta removes empty maps and lists, which upstream's omitempty never stores. */
function dropEmptyMeta(meta: NonNullable<KubeObject['metadata']>): void {
  for (const k of ['labels', 'annotations'] as const) if (meta[k] && Object.keys(meta[k]!).length === 0) delete meta[k];
  for (const k of ['finalizers', 'ownerReferences', 'managedFields'] as const) if (Array.isArray(meta[k]) && meta[k]!.length === 0) delete meta[k];
}

/** hasFinalizers counts a namespace's spec.finalizers too: they hold its deletion the same way. */
export function hasFinalizers(obj: KubeObject): boolean {
  if (obj.metadata?.finalizers?.length) return true;
  return obj.kind === 'Namespace' && ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers?.length ?? 0) > 0;
}

function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

export function parseRv(rv: string): number {
  if (!/^\d+$/.test(rv)) throw errors.badRequest(`invalid resource version "${rv}"`);
  return Number(rv);
}

/** mapStorageError turns storage's own errors into Status errors for this resource. */
export function mapStorageError(e: unknown, gr: GroupResource, name: string): unknown {
  if (!isStorageError(e)) return e;
  switch (e.code) {
    case 'NotFound':
      return errors.notFound(gr, name);
    case 'AlreadyExists':
      return errors.alreadyExists(gr, name);
    case 'Conflict':
      return errors.conflict(gr, name, 'the object has been modified; please apply your changes to the latest version and try again');
    case 'Expired':
      return errors.resourceExpired(`too old resource version: ${e.message}`);
  }
}
