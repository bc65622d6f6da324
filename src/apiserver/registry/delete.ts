import type { KubeObject } from '../../api/meta.js';
import { errors } from '../../machinery/errors.js';
import { isStorageError } from '../../storage/interface.js';
import { rfc3339 } from '../../util/time.js';
import { encode } from './codec.js';
import { mapStorageError, type ResourceStore } from './store.js';

export interface DeleteParams {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: string;
  dryRun?: boolean;
}

export interface DeleteResult {
  object: KubeObject;
  /** true when the key is gone; false when deletion is pending (finalizers, grace). */
  deleted: boolean;
}

const TERMINAL = new Set(['Succeeded', 'Failed']);

/**
 * deleteObject follows upstream's graceful deletion: pods bound to a node get a grace
 * period for their kubelet, objects with finalizers get a deletionTimestamp and wait, and
 * everything else is removed at once.
 */
export async function deleteObject(store: ResourceStore, namespace: string, name: string, p: DeleteParams = {}): Promise<DeleteResult> {
  const { storage, clock } = store.ctx;
  for (let attempt = 0; ; attempt++) {
    const kv = await storage.get(store.key(namespace, name));
    if (!kv) throw errors.notFound(store.gr, name);
    const obj = store.decode(kv);
    const meta = obj.metadata!;
    checkPreconditions(store, obj, p);
    await store.admit('DELETE', namespace, name, undefined, obj, { dryRun: p.dryRun });
    const grace = gracePeriod(store, obj, p);
    const finalizers = meta.finalizers?.length ?? 0;
    const pendingNs = store.info.kind === 'Namespace' && ((obj.spec as { finalizers?: string[] })?.finalizers?.length ?? 0) > 0;
    try {
      if (grace === 0 && finalizers === 0 && !pendingNs) {
        if (p.dryRun) return { object: obj, deleted: true };
        const gone = await storage.delete(kv.key, kv.modRevision);
        const last = store.decode(gone);
        return { object: last, deleted: true };
      }
      if (meta.deletionTimestamp) {
        // Already being deleted: only a shorter grace period changes anything.
        const cur = meta.deletionGracePeriodSeconds ?? 0;
        if (grace >= cur) return { object: obj, deleted: false };
      }
      meta.deletionTimestamp = rfc3339(clock.now() + grace * 1000);
      meta.deletionGracePeriodSeconds = grace;
      if (pendingNs) (obj.status as Record<string, unknown>) = { ...(obj.status as object), phase: 'Terminating' };
      if (p.dryRun) return { object: obj, deleted: false };
      const out = await storage.update(kv.key, encode(obj, store.info), kv.modRevision);
      meta.resourceVersion = String(out.modRevision);
      return { object: obj, deleted: false };
    } catch (e) {
      if (isStorageError(e, 'Conflict') && attempt < 8) continue;
      throw mapStorageError(e, store.gr, name);
    }
  }
}

function checkPreconditions(store: ResourceStore, obj: KubeObject, p: DeleteParams): void {
  const pre = p.preconditions;
  if (!pre) return;
  const meta = obj.metadata!;
  if (pre.uid && pre.uid !== meta.uid) {
    throw errors.conflict(store.gr, meta.name!, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid}`);
  }
  if (pre.resourceVersion && pre.resourceVersion !== meta.resourceVersion) {
    throw errors.conflict(store.gr, meta.name!, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion}`);
  }
}

/** gracePeriod is 0 except for pods a kubelet may still be running. */
function gracePeriod(store: ResourceStore, obj: KubeObject, p: DeleteParams): number {
  if (store.info.kind !== 'Pod') return 0;
  const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const status = (obj.status ?? {}) as { phase?: string };
  if (!spec.nodeName || TERMINAL.has(status.phase ?? '')) return 0;
  const g = p.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, g);
}
