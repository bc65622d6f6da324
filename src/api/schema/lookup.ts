import type { GroupVersionKind } from '../meta.js';
import type { FieldTuple, MessageData } from './data-types.js';
import { MESSAGES } from './generated/messages.js';

/**
 * Where each message package is served: the protobuf package decides the API group and
 * version of the kinds it holds. scheduling v1alpha1 and autoscaling v1 are hand-added
 * (see scripts/schema-overlay.mjs).
 */
const PACKAGES: Readonly<Record<string, { group: string; version: string }>> = {
  'api.core.v1': { group: '', version: 'v1' },
  'api.apps.v1': { group: 'apps', version: 'v1' },
  'api.batch.v1': { group: 'batch', version: 'v1' },
  'api.rbac.v1': { group: 'rbac.authorization.k8s.io', version: 'v1' },
  'api.policy.v1': { group: 'policy', version: 'v1' },
  'api.scheduling.v1': { group: 'scheduling.k8s.io', version: 'v1' },
  'api.scheduling.v1alpha1': { group: 'scheduling.k8s.io', version: 'v1alpha1' },
  'api.networking.v1': { group: 'networking.k8s.io', version: 'v1' },
  'api.authorization.v1': { group: 'authorization.k8s.io', version: 'v1' },
  'api.authentication.v1': { group: 'authentication.k8s.io', version: 'v1' },
  'api.coordination.v1': { group: 'coordination.k8s.io', version: 'v1' },
  'api.storage.v1': { group: 'storage.k8s.io', version: 'v1' },
  'api.discovery.v1': { group: 'discovery.k8s.io', version: 'v1' },
  'api.events.v1': { group: 'events.k8s.io', version: 'v1' },
  'api.autoscaling.v1': { group: 'autoscaling', version: 'v1' },
  'apimachinery.pkg.apis.meta.v1': { group: 'meta.k8s.io', version: 'v1' },
};

const BY_GROUP_VERSION = new Map(Object.entries(PACKAGES).map(([pkg, gv]) => [`${gv.group}/${gv.version}`, pkg]));

/**
 * Kinds upstream registers in every group-version as well as in meta.k8s.io/v1
 * (metav1.AddToGroupVersion): a DeleteOptions envelope may say 'apps/v1'.
 */
const SHARED_META_KINDS = new Set(['DeleteOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions', 'GetOptions', 'ListOptions', 'WatchEvent']);
const META_PACKAGE = 'apimachinery.pkg.apis.meta.v1';

/** messageData returns the schema data of one message, by short name. */
export function messageData(name: string): MessageData | undefined {
  return Object.hasOwn(MESSAGES, name) ? MESSAGES[name] : undefined;
}

/** messageNameForKind maps a served kind to its message name, e.g. apps/v1 Deployment -> 'api.apps.v1.Deployment'. */
export function messageNameForKind(gvk: GroupVersionKind): string | undefined {
  const pkg = BY_GROUP_VERSION.get(`${gvk.group}/${gvk.version}`);
  if (pkg === undefined && !SHARED_META_KINDS.has(gvk.kind)) return undefined;
  const name = SHARED_META_KINDS.has(gvk.kind) ? `${META_PACKAGE}.${gvk.kind}` : `${pkg}.${gvk.kind}`;
  const data = messageData(name);
  return data?.k ? name : undefined;
}

/** kindOfMessage is the inverse for top-level kinds: the GVK a TypeMeta-carrying message is served as. */
export function kindOfMessage(name: string): GroupVersionKind | undefined {
  if (!messageData(name)?.k) return undefined;
  const dot = name.lastIndexOf('.');
  const gv = PACKAGES[name.slice(0, dot)];
  return gv ? { group: gv.group, version: gv.version, kind: name.slice(dot + 1) } : undefined;
}

/** openAPIName is upstream's OpenAPI definition name: 'io.k8s.api.core.v1.Pod'. */
export function openAPIName(messageName: string): string {
  return `io.k8s.${messageName}`;
}

/** Flag tests on a FieldTuple (see data-types.ts for the letters). */
export const fieldFlags = {
  ptr: (f: FieldTuple) => f[3].includes('p'),
  omitempty: (f: FieldTuple) => f[3].includes('o'),
  omitzero: (f: FieldTuple) => f[3].includes('z'),
  repeated: (f: FieldTuple) => f[3].includes('r'),
  map: (f: FieldTuple) => f[3].includes('m'),
  inline: (f: FieldTuple) => f[3].includes('i'),
};

/**
 * jsonFields lists a message's JSON fields in upstream's key order, with inlined
 * sub-messages expanded in place (Go's `json:",inline"`) and the "-" placeholders of
 * special types dropped.
 */
export function jsonFields(name: string): FieldTuple[] {
  const data = messageData(name);
  if (!data) return [];
  const out: FieldTuple[] = [];
  for (const f of data.f) {
    if (fieldFlags.inline(f)) out.push(...jsonFields(f[2]));
    else if (f[1] !== '-') out.push(f);
  }
  return out;
}

/**
 * isRequired mirrors openapi-gen: a field is required when its JSON tag has no omitempty
 * and it is not a pointer (kubectl explain prints these as -required-).
 */
export function isRequired(f: FieldTuple): boolean {
  return !fieldFlags.omitempty(f) && !fieldFlags.ptr(f) && !fieldFlags.inline(f);
}
