import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../../api/meta.js';
import type { KeyValue } from '../../storage/interface.js';
import type { ResourceInfo } from '../../api/resources/types.js';
import { conversionFor } from './conversion.js';

/** storagePrefix is '/registry/<group|core>/<resource>/': events.k8s.io shares core events. */
export function storagePrefix(info: ResourceInfo): string {
  const s = info.storage ?? { group: info.group, resource: info.plural };
  return `/registry/${s.group || 'core'}/${s.resource}/`;
}

export function objectKey(info: ResourceInfo, namespace: string, name: string): string {
  return info.namespaced ? `${storagePrefix(info)}${namespace}/${name}` : `${storagePrefix(info)}${name}`;
}

export function collectionPrefix(info: ResourceInfo, namespace: string): string {
  return info.namespaced && namespace ? `${storagePrefix(info)}${namespace}/` : storagePrefix(info);
}

/**
 * encode drops resourceVersion before storing: like etcd3's store, the version is the
 * key's modRevision and is put back on every read. apiVersion, kind and metadata always
 * lead, so the first '"metadata":{' in a stored value is the object's own (see withRv).
 */
export function encode(served: KubeObject, info?: ResourceInfo): string {
  const conv = info && conversionFor(info);
  const obj = conv ? conv.toStorage(served) : served;
  const { apiVersion, kind, metadata, ...rest } = obj;
  const meta = metadata ? { ...metadata } : {};
  delete meta.resourceVersion;
  return JSON.stringify({ apiVersion, kind, metadata: meta, ...rest });
}

const META = '"metadata":{';

/**
 * withRv puts resourceVersion into a stored value without parsing it, so large lists can
 * be served from the stored bytes.
 */
export function withRv(value: string, rv: number): string {
  return spliceRv(value, rv, true);
}

/**
 * listItemWithRv is withRv for a list item: kube-apiserver's list items carry no apiVersion
 * or kind, and in a stored value those are exactly what precedes "metadata" (see encode).
 */
export function listItemWithRv(value: string, rv: number): string {
  return spliceRv(value, rv, false);
}

function spliceRv(value: string, rv: number, keepTypeMeta: boolean): string {
  const i = value.indexOf(META);
  if (i < 0) return value;
  const at = i + META.length;
  const sep = value[at] === '}' ? '' : ',';
  const head = keepTypeMeta ? value.slice(0, at) : `{${META}`;
  return `${head}"resourceVersion":"${rv}"${sep}${value.slice(at)}`;
}

/**
 * WRITTEN pairs an object the store just wrote with its stored JSON (resourceVersion
 * spliced in), so a transport that writes bytes answers the write without encoding the
 * object again. Nothing between the store and the response changes such an object; an
 * in-process caller may, but it never serializes through this.
 */
const WRITTEN = new WeakMap<object, string>();

export function rememberWritten(obj: KubeObject, storedValue: string, rv: number): void {
  WRITTEN.set(obj, withRv(storedValue, rv));
}

/** writtenJson is the JSON of an object as the store just wrote it, if it is one. */
export function writtenJson(obj: unknown): string | undefined {
  return typeof obj === 'object' && obj !== null ? WRITTEN.get(obj) : undefined;
}

/** decode parses a stored value and sets resourceVersion and the served apiVersion/kind. */
export function decode(kv: KeyValue, info: ResourceInfo, revision = kv.modRevision): KubeObject {
  const conv = conversionFor(info);
  const stored = JSON.parse(kv.value) as KubeObject;
  const obj = conv ? conv.fromStorage(stored) : stored;
  obj.apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
  obj.kind = info.kind;
  obj.metadata ??= {};
  obj.metadata.resourceVersion = String(revision);
  return obj;
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Random bytes are drawn in blocks: every pod create needs five (its token volume's name). */
const RANDOM_BLOCK = 4096;
let randomPool = Buffer.alloc(0);
let randomAt = RANDOM_BLOCK;

/** generateNameSuffix is upstream's 5 random characters from a vowel-free alphabet. */
export function generateNameSuffix(): string {
  if (randomAt + 5 > randomPool.length) {
    randomPool = randomBytes(RANDOM_BLOCK);
    randomAt = 0;
  }
  let s = '';
  for (let i = 0; i < 5; i++) s += GENERATE_ALPHABET[randomPool[randomAt++]! % GENERATE_ALPHABET.length];
  return s;
}
