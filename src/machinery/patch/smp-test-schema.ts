import type { FieldInfo, ObjectNode, SchemaNode } from '../../api/schema/types.js';

/**
 * Small hand-built SchemaNode trees for the patch tests: upstream's MergeItem test
 * struct and the Pod/Node fields kubectl patches. Test support only; the real schema
 * comes from src/api/schema.
 */

type FieldSpec = SchemaNode | (Omit<FieldInfo, 'name' | 'schema'> & { schema: SchemaNode | (() => SchemaNode) });

export function obj(name: string, fields: Record<string, FieldSpec | (() => SchemaNode)>): ObjectNode {
  const resolve = (n: string): FieldInfo | undefined => {
    const f = fields[n];
    if (f === undefined) return undefined;
    if (typeof f === 'function') return { name: n, schema: f() };
    if ('type' in f) return { name: n, schema: f };
    const schema = typeof f.schema === 'function' ? f.schema() : f.schema;
    return { ...f, name: n, schema };
  };
  return { type: 'object', name, field: resolve, fieldNames: () => Object.keys(fields) };
}

export const str: SchemaNode = { type: 'string' };
export const int: SchemaNode = { type: 'integer' };
export const arr = (items: SchemaNode): SchemaNode => ({ type: 'array', items });
export const map = (values: SchemaNode): SchemaNode => ({ type: 'map', values });

/** upstream's strategicpatch MergeItem test struct. */
export const mergeItem: ObjectNode = obj('MergeItem', {
  name: str,
  value: str,
  other: str,
  mergingList: { schema: () => arr(mergeItem), patchStrategy: 'merge', patchMergeKey: 'name' },
  nonMergingList: () => arr(mergeItem),
  mergingIntList: { schema: arr(int), patchStrategy: 'merge' },
  nonMergingIntList: arr(int),
  mergeItemPtr: { schema: () => mergeItem, patchStrategy: 'merge', patchMergeKey: 'name' },
  simpleMap: map(str),
  replacingItem: { schema: { type: 'any' }, patchStrategy: 'replace' },
  retainKeysMap: { schema: () => retainKeysItem, patchStrategy: 'retainKeys' },
  retainKeysMergingList: { schema: () => arr(mergeItem), patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' },
});
const retainKeysItem: ObjectNode = obj('RetainKeysMergeItem', {
  name: str,
  value: str,
  other: str,
  simpleMap: map(str),
  mergingList: { schema: () => arr(mergeItem), patchStrategy: 'merge', patchMergeKey: 'name' },
});

const envVar = obj('EnvVar', { name: str, value: str });
const containerPort = obj('ContainerPort', { name: str, containerPort: int, protocol: str });
const container = obj('Container', {
  name: str,
  image: str,
  args: arr(str),
  env: { schema: arr(envVar), patchStrategy: 'merge', patchMergeKey: 'name' },
  ports: { schema: arr(containerPort), patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'] },
  resources: obj('ResourceRequirements', { limits: map({ type: 'quantity' }), requests: map({ type: 'quantity' }) }),
});
const volume = obj('Volume', {
  name: str,
  emptyDir: obj('EmptyDirVolumeSource', { medium: str }),
  hostPath: obj('HostPathVolumeSource', { path: str, type: str }),
  configMap: obj('ConfigMapVolumeSource', { name: str }),
});
const toleration = obj('Toleration', { key: str, operator: str, value: str, effect: str, tolerationSeconds: int });
const ownerRef = obj('OwnerReference', { apiVersion: str, kind: str, name: str, uid: str, controller: { type: 'boolean' } });
const objectMeta = obj('ObjectMeta', {
  name: str,
  labels: map(str),
  annotations: map(str),
  finalizers: { schema: arr(str), patchStrategy: 'merge', listType: 'set' },
  ownerReferences: { schema: arr(ownerRef), patchStrategy: 'merge', patchMergeKey: 'uid' },
});

export const podSchema: ObjectNode = obj('io.k8s.api.core.v1.Pod', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: obj('PodSpec', {
    containers: { schema: arr(container), patchStrategy: 'merge', patchMergeKey: 'name' },
    initContainers: { schema: arr(container), patchStrategy: 'merge', patchMergeKey: 'name' },
    volumes: { schema: arr(volume), patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' },
    tolerations: arr(toleration),
    nodeSelector: map(str),
    nodeName: str,
  }),
  status: obj('PodStatus', { phase: str }),
});

const taint = obj('Taint', { key: str, value: str, effect: str });
export const nodeSchema: ObjectNode = obj('io.k8s.api.core.v1.Node', {
  metadata: objectMeta,
  spec: obj('NodeSpec', { unschedulable: { type: 'boolean' }, taints: arr(taint), podCIDRs: { schema: arr(str), patchStrategy: 'merge' } }),
});
