import { errors, newStatusError } from '../../machinery/errors.js';
import type { AdmissionPlugin } from '../registry/context.js';
import type { ResourceStore } from '../registry/store.js';

/** Namespaces that exist from the first start and may never be deleted. */
export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];
export const SYSTEM_NAMESPACES = [...IMMORTAL_NAMESPACES, 'kube-node-lease'];

/**
 * namespaceLifecycle is upstream's NamespaceLifecycle admission plugin: nothing is created
 * in a namespace that is missing or terminating, and the system namespaces stay.
 */
export function namespaceLifecycle(namespaces: () => ResourceStore): AdmissionPlugin {
  return {
    name: 'NamespaceLifecycle',
    async validate(a) {
      if (a.info.kind === 'Namespace' && a.info.group === '') {
        if (a.operation === 'DELETE' && IMMORTAL_NAMESPACES.includes(a.name)) {
          throw newStatusError('Forbidden', `namespaces "${a.name}" is forbidden: this namespace may not be deleted`, { name: a.name, kind: 'namespaces' });
        }
        return;
      }
      if (!a.info.namespaced || a.operation !== 'CREATE' || !a.namespace) return;
      let ns;
      try {
        ns = await namespaces().getShared('', a.namespace);
      } catch (e) {
        if ((e as { reason?: string }).reason === 'NotFound') throw errors.notFound({ group: '', resource: 'namespaces' }, a.namespace);
        throw e;
      }
      const terminating = ns.metadata?.deletionTimestamp || (ns.status as { phase?: string } | undefined)?.phase === 'Terminating';
      // Events may still be written into a terminating namespace, as upstream allows.
      if (terminating && a.info.plural !== 'events') {
        throw newStatusError(
          'Forbidden',
          `${a.info.plural}${a.info.group ? '.' + a.info.group : ''} "${a.name}" is forbidden: unable to create new content in namespace ${a.namespace} because it is being terminated`,
          { name: a.name, group: a.info.group || undefined, kind: a.info.plural, causes: [{ reason: 'NamespaceTerminating', message: `namespace ${a.namespace} is being terminated`, field: 'metadata.namespace' }] },
        );
      }
    },
  };
}
