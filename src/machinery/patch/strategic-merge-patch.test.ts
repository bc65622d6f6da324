import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { isStatusError } from '../errors.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';
import { mergeItem, nodeSchema, podSchema } from './smp-test-schema.js';

// Vectors from upstream strategicpatch/patch_test.go: Current + ThreeWay -> Result.
const upstream: Array<{ name: string; current: string; patch: string; result: string }> = [
  {
    name: 'delete an item and preserve order',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
    patch: '{$setElementOrder/mergingList: [{name: 2}, {name: 1}], mergingList: [{name: 3, $patch: delete}]}',
    result: 'mergingList: [{name: 2, value: 2, other: b}, {name: 1, other: a}]',
  },
  {
    name: 'change an item in a list and preserve order',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
    patch: '{$setElementOrder/mergingList: [{name: 2}, {name: 3}, {name: 1}], mergingList: [{name: 3, value: x}]}',
    result: 'mergingList: [{name: 2, value: 2, other: b}, {name: 3, value: x}, {name: 1, other: a}]',
  },
  {
    name: 'add and delete an item in a list and preserve order',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
    patch: '{$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 1}], mergingList: [{name: 4, value: 4}, {name: 3, $patch: delete}]}',
    result: 'mergingList: [{name: 4, value: 4}, {name: 2, value: 2, other: b}, {name: 1, other: a}]',
  },
  {
    name: 'set elements order in a list with server-only items 2',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2}, {name: 9}, {name: 3, value: 3}, {name: 4, value: 4}]',
    patch: '{$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]}',
    result: 'mergingList: [{name: 2, value: 2}, {name: 1, other: a}, {name: 9}, {name: 4, value: 4}, {name: 3, value: 3}]',
  },
  {
    name: 'set elements order in a list with server-only items 3',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2}, {name: 7}, {name: 9}, {name: 8}, {name: 3, value: 3}, {name: 4, value: 4}]',
    patch: '{$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]}',
    result: 'mergingList: [{name: 2, value: 2}, {name: 1, other: a}, {name: 7}, {name: 9}, {name: 8}, {name: 4, value: 4}, {name: 3, value: 3}]',
  },
  {
    name: 'add multiple items in a int list and preserve order',
    current: 'mergingIntList: [1, 2]',
    patch: '{$setElementOrder/mergingIntList: [1, 4, 2, 3], mergingIntList: [4, 3]}',
    result: 'mergingIntList: [1, 4, 2, 3]',
  },
  {
    name: 'add and delete an item in a int list and preserve order',
    current: 'mergingIntList: [1, 2, 3]',
    patch: '{$setElementOrder/mergingIntList: [4, 2, 1], mergingIntList: [4], $deleteFromPrimitiveList/mergingIntList: [3]}',
    result: 'mergingIntList: [4, 2, 1]',
  },
  {
    name: 'set elements order in a int list with server-only items 3',
    current: 'mergingIntList: [1, 2, 7, 9, 8, 3, 4]',
    patch: '{$setElementOrder/mergingIntList: [2, 1, 4, 3]}',
    result: 'mergingIntList: [2, 1, 7, 9, 8, 4, 3]',
  },
  {
    name: 'behavior of set element order for a merging list with duplicate',
    current: 'mergingList: [{name: 1}, {name: 2, value: dup1}, {name: 3}, {name: 2, value: dup2}, {name: 4}]',
    patch: '{$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}, {name: 2}]}',
    result: 'mergingList: [{name: 2, value: dup1}, {name: 2, value: dup2}, {name: 1}, {name: 4}, {name: 3}]',
  },
  {
    name: 'behavior of set element order for a merging int list with duplicate',
    current: 'mergingIntList: [1, 2, 3, 2, 4]',
    patch: '{$setElementOrder/mergingIntList: [2, 1, 4, 3, 2]}',
    result: 'mergingIntList: [2, 2, 1, 4, 3]',
  },
  {
    name: 'retainKeys map should clear defaulted field with conflict (discriminated union)',
    current: 'retainKeysMap: {name: type1, value: foo}',
    patch: '{retainKeysMap: {$retainKeys: [name, other], name: type2, other: bar}}',
    result: 'retainKeysMap: {name: type2, other: bar}',
  },
  {
    name: 'retainKeys map deletes a field and clears a field',
    current: 'retainKeysMap: {name: foo, value: bar, other: a}',
    patch: '{retainKeysMap: {$retainKeys: [name], value: null}}',
    result: 'retainKeysMap: {name: foo}',
  },
  {
    name: 'nested patch merge with empty list',
    current: 'name: hi',
    patch: '{name: hi, mergingList: [{name: hello, $patch: delete}]}',
    result: 'name: hi\nmergingList: []',
  },
  { name: 'replace a map with $patch: replace', current: 'mergeItemPtr: {name: a, value: b}', patch: '{mergeItemPtr: {$patch: replace, name: c}}', result: 'mergeItemPtr: {name: c}' },
  { name: 'delete a map with $patch: delete', current: 'mergeItemPtr: {name: a, value: b}', patch: '{mergeItemPtr: {$patch: delete}}', result: 'mergeItemPtr: {}' },
  {
    name: 'replace a merging list with $patch: replace',
    current: 'mergingList: [{name: 1}, {name: 2}]',
    patch: '{mergingList: [{name: 3}, {$patch: replace}]}',
    result: 'mergingList: [{name: 3}]',
  },
  { name: 'non-merging list is replaced', current: 'nonMergingList: [{name: 1}, {name: 2}]', patch: '{nonMergingList: [{name: 3}]}', result: 'nonMergingList: [{name: 3}]' },
  { name: 'scalar int list merges as a set', current: 'mergingIntList: [1, 2]', patch: '{mergingIntList: [2, 3]}', result: 'mergingIntList: [1, 2, 3]' },
  { name: 'null deletes a map key', current: 'simpleMap: {a: x, b: y}', patch: '{simpleMap: {a: null, c: z}}', result: 'simpleMap: {b: y, c: z}' },
  { name: 'replace strategy takes the patch value', current: 'replacingItem: {a: 1, b: 2}', patch: '{replacingItem: {c: 3}}', result: 'replacingItem: {c: 3}' },
];

for (const c of upstream) {
  test(`SMP upstream: ${c.name}`, () => {
    const out = applyStrategicMergePatch(parse(c.current), parse(c.patch), mergeItem);
    assert.deepEqual(out, parse(c.result));
  });
}

const pod = {
  metadata: { name: 'p', labels: { app: 'a', tier: 'web' }, finalizers: ['a/x', 'b/y'], ownerReferences: [{ uid: 'u1', name: 'rs1', kind: 'ReplicaSet' }] },
  spec: {
    containers: [
      { name: 'c1', image: 'nginx:1', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] },
      { name: 'c2', image: 'busybox' },
    ],
    volumes: [{ name: 'v', emptyDir: {} }],
    tolerations: [{ key: 'k', operator: 'Exists' }],
  },
};

// What kubectl sends (kubectl edit / set image / label / apply).
const kubectlCases: Array<{ name: string; patch: unknown; check: (out: any) => void }> = [
  {
    name: 'kubectl set image: merge into one container by name',
    patch: { spec: { containers: [{ name: 'c1', image: 'nginx:2' }] } },
    check: (o) => assert.deepEqual(o.spec.containers.map((c: any) => [c.name, c.image]), [['c1', 'nginx:2'], ['c2', 'busybox']]),
  },
  {
    name: 'kubectl label --overwrite / label removal with null',
    patch: { metadata: { labels: { tier: null, env: 'prod' } } },
    check: (o) => assert.deepEqual(o.metadata.labels, { app: 'a', env: 'prod' }),
  },
  {
    name: '$setElementOrder/containers reorders and adds',
    patch: { spec: { '$setElementOrder/containers': [{ name: 'c2' }, { name: 'c0' }, { name: 'c1' }], containers: [{ name: 'c0', image: 'x' }] } },
    check: (o) => assert.deepEqual(o.spec.containers.map((c: any) => c.name), ['c2', 'c0', 'c1']),
  },
  {
    name: 'env merged by name inside a container',
    patch: { spec: { containers: [{ name: 'c1', env: [{ name: 'B', value: '2' }, { name: 'A', $patch: 'delete' }] }] } },
    check: (o) => assert.deepEqual(o.spec.containers[0].env, [{ name: 'B', value: '2' }]),
  },
  {
    name: 'ports merged by containerPort',
    patch: { spec: { containers: [{ name: 'c1', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }] } },
    check: (o) => assert.deepEqual(o.spec.containers[0].ports, [{ containerPort: 80, name: 'http' }, { containerPort: 443 }]),
  },
  {
    name: 'finalizers: $deleteFromPrimitiveList removes one',
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['a/x'] } },
    check: (o) => assert.deepEqual(o.metadata.finalizers, ['b/y']),
  },
  {
    name: 'finalizers: merge adds without duplicates',
    patch: { metadata: { finalizers: ['b/y', 'c/z'] } },
    check: (o) => assert.deepEqual(o.metadata.finalizers, ['a/x', 'b/y', 'c/z']),
  },
  {
    name: 'ownerReferences merge by uid',
    patch: { metadata: { ownerReferences: [{ uid: 'u2', name: 'rs2', kind: 'ReplicaSet' }] } },
    check: (o) => assert.deepEqual(o.metadata.ownerReferences.map((r: any) => r.uid), ['u2', 'u1']),
  },
  {
    name: 'tolerations have no patch strategy: replaced',
    patch: { spec: { tolerations: [{ key: 'other', operator: 'Equal', value: 'v' }] } },
    check: (o) => assert.deepEqual(o.spec.tolerations, [{ key: 'other', operator: 'Equal', value: 'v' }]),
  },
  {
    name: 'volumes with retainKeys switch the volume source',
    patch: { spec: { volumes: [{ name: 'v', $retainKeys: ['name', 'hostPath'], hostPath: { path: '/d' } }] } },
    check: (o) => assert.deepEqual(o.spec.volumes, [{ name: 'v', hostPath: { path: '/d' } }]),
  },
  {
    name: 'new nested value is cleaned of directives and nulls',
    patch: { spec: { nodeSelector: { zone: 'a', gone: null } } },
    check: (o) => assert.deepEqual(o.spec.nodeSelector, { zone: 'a' }),
  },
];
for (const c of kubectlCases) {
  test(`SMP kubectl: ${c.name}`, () => {
    const before = JSON.stringify(pod);
    c.check(applyStrategicMergePatch(pod, c.patch, podSchema));
    assert.equal(JSON.stringify(pod), before, 'input must not be mutated');
  });
}

test('SMP node: cordon and taint replacement', () => {
  const node = { metadata: { name: 'n' }, spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] } };
  assert.deepEqual(applyStrategicMergePatch(node, { spec: { unschedulable: true } }, nodeSchema), {
    metadata: { name: 'n' },
    spec: { unschedulable: true, taints: [{ key: 'a', effect: 'NoSchedule' }] },
  });
  const t = applyStrategicMergePatch(node, { spec: { taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoExecute' }] } }, nodeSchema) as any;
  assert.equal(t.spec.taints.length, 2);
  const removed = applyStrategicMergePatch(node, { spec: { taints: null } }, nodeSchema) as any;
  assert.deepEqual(removed.spec, {});
});

test('SMP without schema: lists replaced, maps merged', () => {
  const out = applyStrategicMergePatch({ a: { b: 1, c: [1, 2] } }, { a: { c: [3], d: 4 } }, undefined);
  assert.deepEqual(out, { a: { b: 1, c: [3], d: 4 } });
});

const errorCases: Array<{ name: string; doc: unknown; patch: unknown; code: number; message?: string }> = [
  { name: 'patch is not an object', doc: {}, patch: [1], code: 400, message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' },
  { name: 'unknown $patch in map', doc: {}, patch: { mergeItemPtr: { $patch: 'merge' } }, code: 400 },
  { name: '$patch merge in list', doc: { mergingList: [{ name: '1' }] }, patch: { mergingList: [{ $patch: 'merge' }] }, code: 400, message: 'merging lists cannot yet be specified in the patch' },
  { name: 'missing merge key', doc: { mergingList: [{ name: '1' }] }, patch: { mergingList: [{ value: 'x' }] }, code: 400, message: 'map: map[value:x] does not contain declared merge key: name' },
  { name: 'bad retainKeys', doc: { retainKeysMap: {} }, patch: { retainKeysMap: { $retainKeys: 'x' } }, code: 400, message: 'invalid patch format of retainKeys' },
  { name: 'patch key not in retainKeys', doc: { retainKeysMap: {} }, patch: { retainKeysMap: { $retainKeys: ['name'], value: 'v' } }, code: 400 },
  { name: 'list of lists', doc: { mergingIntList: [[1]] }, patch: { mergingIntList: [[2]] }, code: 422 },
  { name: 'mixed element types', doc: { mergingIntList: [1] }, patch: { mergingIntList: ['a'] }, code: 400 },
  { name: 'bad setElementOrder', doc: {}, patch: { '$setElementOrder/mergingList': 'x' }, code: 400 },
  { name: 'order mismatch', doc: { mergingList: [] }, patch: { '$setElementOrder/mergingList': [{ name: '1' }], mergingList: [{ name: '2' }] }, code: 400 },
];
for (const c of errorCases) {
  test(`SMP error: ${c.name}`, () => {
    assert.throws(
      () => applyStrategicMergePatch(c.doc, c.patch, mergeItem),
      (e: unknown) => isStatusError(e) && e.code === c.code && (c.message === undefined || e.status.message === c.message),
    );
  });
}
