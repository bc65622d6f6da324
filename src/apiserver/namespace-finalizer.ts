import type { KubeObject } from '../api/meta.js';
import { deleteObject } from './registry/delete.js';
import type { ResourceStore } from './registry/store.js';

/**
 * finalizeNamespace does the namespace controller's part of deleting a namespace: it
 * removes everything in it, then drops the 'kubernetes' finalizer so the namespace goes.
 * Pods are deleted without a grace period because no kubelet waits on them yet.
 */
export async function finalizeNamespace(name: string, namespaces: ResourceStore, namespaced: ResourceStore[]): Promise<void> {
  const seen = new Set<string>();
  for (const store of namespaced) {
    const prefix = store.prefix(name);
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    const list = await store.list(name);
    for (const item of list.items) {
      try {
        await deleteObject(store, name, item.metadata!.name!, { gracePeriodSeconds: 0 });
        if (item.metadata?.finalizers?.length) {
          await store.update(name, item.metadata.name!, (cur) => ({ ...cur, metadata: { ...cur.metadata, finalizers: [] } }), { retryOnConflict: true });
        }
      } catch {
        // Gone already or being removed by someone else: the next pass sees it.
      }
    }
  }
  try {
    await namespaces.update('', name, (cur: KubeObject) => {
      const spec = (cur.spec ?? {}) as { finalizers?: string[] };
      spec.finalizers = (spec.finalizers ?? []).filter((f) => f !== 'kubernetes');
      if (!spec.finalizers.length) delete spec.finalizers;
      cur.spec = spec;
      return cur;
    }, { retryOnConflict: true, subresource: 'finalize' });
    const ns = await namespaces.get('', name);
    if (!ns.metadata?.finalizers?.length) await namespaces.rawDelete('', name);
  } catch {
    // Already gone.
  }
}
