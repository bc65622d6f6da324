/**
 * The compact shape of the generated schema data (generated/messages.ts). It is kept
 * terse on purpose: the product carries ~460 messages and reads them once, lazily.
 * Message names drop upstream's 'k8s.io.' prefix: 'api.core.v1.Pod',
 * 'apimachinery.pkg.apis.meta.v1.ObjectMeta'.
 */

/**
 * How a message's JSON differs from "an object of its fields" (k8s-protobuf.md §5).
 * Values match the `jsonForm` keys of the upstream-derived data.
 */
export type JsonForm = 'quantity' | 'intOrString' | 'rfc3339' | 'rfc3339micro' | 'duration' | 'rawJSON' | 'stringArray' | 'envelope';

/** Strategic-merge-patch and list tags of one field, from upstream's Go struct tags. */
export interface FieldTags {
  /** patchStrategy: 'merge', 'retainKeys', 'merge,retainKeys', 'replace'. */
  ps?: string;
  /** patchMergeKey. */
  pk?: string;
  /** +listType. */
  lt?: 'atomic' | 'set' | 'map';
  /** +listMapKey values, in order. */
  lk?: string[];
}

/**
 * One field: [protobuf number, JSON key, type, flags, tags?].
 * type is a scalar ('string' | 'bytes' | 'int32' | 'int64' | 'bool') or a message name;
 * for maps it is the value type (keys are always strings).
 * flags letters: p = Go pointer (presence matters), o = omitempty, z = omitzero,
 * r = repeated, m = map, i = inlined into the parent's JSON.
 */
export type FieldTuple = readonly [n: number, json: string, type: string, flags: string, tags?: FieldTags];

/** One message: k = embeds TypeMeta (JSON starts with kind, apiVersion); j = special JSON form. */
export interface MessageData {
  k?: 1;
  j?: JsonForm;
  f: readonly FieldTuple[];
}

/** Scalar protobuf types; anything else in a FieldTuple type slot is a message name. */
export const SCALAR_TYPES: ReadonlySet<string> = new Set(['string', 'bytes', 'int32', 'int64', 'bool']);
