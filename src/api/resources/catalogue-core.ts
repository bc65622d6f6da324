import { GET_PATCH_UPDATE, PROXY_VERBS, SCALE, defineGroupVersion, statusOf } from './define.js';
import type { ResourceInfo } from './types.js';

const NS_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const EXEC_VERBS = ['create', 'get'];

/**
 * CORE_V1 is the legacy `/api/v1` group, in discovery order (resources and subresources sorted
 * by name, as the real APIResourceList is). componentstatuses is deliberately left out.
 */
export const CORE_V1: readonly ResourceInfo[] = defineGroupVersion('', 'v1', [
  { kind: 'Binding', plural: 'bindings', namespaced: true, verbs: ['create'], virtual: true },
  { kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'] },
  { kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', namespaced: true, shortNames: ['ep'] },
  { kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'] },
  { kind: 'LimitRange', plural: 'limitranges', namespaced: true, shortNames: ['limits'] },
  {
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
    verbs: NS_VERBS,
    subresources: [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }, statusOf('Namespace')],
  },
  {
    kind: 'Node',
    plural: 'nodes',
    namespaced: false,
    shortNames: ['no'],
    subresources: [{ name: 'proxy', kind: 'NodeProxyOptions', verbs: PROXY_VERBS }, statusOf('Node')],
  },
  {
    kind: 'PersistentVolumeClaim',
    plural: 'persistentvolumeclaims',
    namespaced: true,
    shortNames: ['pvc'],
    subresources: [statusOf('PersistentVolumeClaim')],
  },
  {
    kind: 'PersistentVolume',
    plural: 'persistentvolumes',
    namespaced: false,
    shortNames: ['pv'],
    subresources: [statusOf('PersistentVolume')],
  },
  {
    kind: 'Pod',
    plural: 'pods',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    subresources: [
      { name: 'attach', kind: 'PodAttachOptions', verbs: EXEC_VERBS },
      { name: 'binding', kind: 'Binding', verbs: ['create'] },
      { name: 'ephemeralcontainers', kind: 'Pod', verbs: GET_PATCH_UPDATE },
      { name: 'eviction', kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
      { name: 'exec', kind: 'PodExecOptions', verbs: EXEC_VERBS },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'portforward', kind: 'PodPortForwardOptions', verbs: EXEC_VERBS },
      { name: 'proxy', kind: 'PodProxyOptions', verbs: PROXY_VERBS },
      { name: 'resize', kind: 'Pod', verbs: GET_PATCH_UPDATE },
      statusOf('Pod'),
    ],
  },
  { kind: 'PodTemplate', plural: 'podtemplates', namespaced: true },
  {
    kind: 'ReplicationController',
    plural: 'replicationcontrollers',
    namespaced: true,
    shortNames: ['rc'],
    categories: ['all'],
    subresources: [SCALE, statusOf('ReplicationController')],
  },
  {
    kind: 'ResourceQuota',
    plural: 'resourcequotas',
    namespaced: true,
    shortNames: ['quota'],
    subresources: [statusOf('ResourceQuota')],
  },
  { kind: 'Secret', plural: 'secrets', namespaced: true },
  {
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    namespaced: true,
    shortNames: ['sa'],
    subresources: [{ name: 'token', kind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, verbs: ['create'] }],
  },
  {
    kind: 'Service',
    plural: 'services',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    subresources: [{ name: 'proxy', kind: 'ServiceProxyOptions', verbs: PROXY_VERBS }, statusOf('Service')],
  },
]);
