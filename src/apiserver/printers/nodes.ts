import type { KubeObject } from '../../api/meta.js';
import { since } from './duration.js';
import { arr, get, rec, str, strMap } from './fields.js';
import { ageCol, col, nameCol, type TablePrinter } from './types.js';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/**
 * nodeStatus is the STATUS cell: only the Ready condition counts (anything but True is
 * NotReady), no Ready condition is Unknown, and cordoned nodes add ',SchedulingDisabled'.
 */
export function nodeStatus(node: KubeObject): string {
  let ready: string | undefined;
  for (const c of arr(get(node.status, 'conditions')).map(rec)) {
    if (c.type === 'Ready') ready = c.status === 'True' ? 'Ready' : 'NotReady';
  }
  const parts = [ready ?? 'Unknown'];
  if (get(node.spec, 'unschedulable') === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** nodeRoles is the ROLES cell: node-role.kubernetes.io/<role> suffixes plus kubernetes.io/role values. */
export function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(strMap(node.metadata?.labels))) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === ROLE_LABEL && v !== '') {
      roles.add(v);
    }
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

function address(node: KubeObject, type: string): string {
  const a = arr(get(node.status, 'addresses')).map(rec).find((x) => x.type === type);
  return a ? str(a.address) : '<none>';
}

/** nodePrinter renders `kubectl get nodes` (wide form). */
export const nodePrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    ageCol(),
    col('Version', 'string', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'string', 'List of addresses reachable to the node.', 1),
    col('External-IP', 'string', 'List of addresses reachable to the node.', 1),
    col('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release.', 1),
    col('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r'.", 1),
    col('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API.', 1),
  ],
  cells(node, now) {
    const info = rec(get(node.status, 'nodeInfo'));
    return [
      node.metadata?.name ?? '',
      nodeStatus(node),
      nodeRoles(node),
      since(node.metadata?.creationTimestamp, now),
      str(info.kubeletVersion),
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      str(info.osImage) || '<unknown>',
      str(info.kernelVersion) || '<unknown>',
      str(info.containerRuntimeVersion) || '<unknown>',
    ];
  },
};
