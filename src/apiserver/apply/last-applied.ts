import type { KubeObject } from '../../api/meta.js';
import { clone } from '../../machinery/deep.js';
import { withoutManagedFields } from './common.js';
import type { FieldSet } from './fieldset.js';
import { compare, toFieldSet } from './typed.js';
import type { TypeRef } from './types.js';

/**
 * Client-side to server-side apply migration, server half (upstream's lastAppliedManager
 * and lastAppliedUpdater). Both act only for the manager "kubectl", the name
 * `kubectl apply --server-side` uses; other managers opt out by their name.
 */

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * allowedConflictsFromLastApplied: the fields the last-applied-configuration annotation
 * says kubectl set and that still hold those values. Conflicts on them (typically with
 * "kubectl-client-side-apply") are not conflicts for kubectl's server-side apply, which
 * then takes them over as if forced. Undefined when there is no usable annotation.
 */
export function allowedConflictsFromLastApplied(live: KubeObject, type: TypeRef, apiVersion: string): FieldSet | undefined {
  const raw = live.metadata?.annotations?.[LAST_APPLIED];
  if (!raw) return undefined;
  let last: unknown;
  try {
    last = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!last || typeof last !== 'object' || Array.isArray(last) || (last as KubeObject).apiVersion !== apiVersion) return undefined;
  try {
    const set = toFieldSet(last, type);
    const cmp = compare(last, withoutManagedFields(live), type);
    return set.difference(cmp.modified).difference(cmp.added).difference(cmp.removed);
  } catch {
    return undefined;
  }
}

/**
 * syncLastApplied keeps the annotation in step after a server-side apply by kubectl on an
 * object that has one: it becomes the applied configuration (without the annotation), so
 * a later client-side `kubectl apply` computes its three-way patch from what was applied.
 * Encoded as Go encodes an unstructured object, with the trailing newline.
 */
export function syncLastApplied(live: KubeObject | undefined, out: KubeObject, applied: KubeObject): void {
  if (!live?.metadata?.annotations?.[LAST_APPLIED]) return;
  const config = clone(applied);
  if (config.metadata?.annotations) delete config.metadata.annotations[LAST_APPLIED];
  out.metadata ??= {};
  out.metadata.annotations = { ...(out.metadata.annotations ?? {}), [LAST_APPLIED]: goJson(config) + '\n' };
}

/** goJson is encoding/json on an unstructured object: sorted keys, HTML characters escaped. */
export function goJson(v: unknown): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (x && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted((x as Record<string, unknown>)[k])]));
    return x;
  };
  return JSON.stringify(sorted(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
