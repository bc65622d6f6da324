import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNamespacedKind, validateCreate, validateStatusUpdate, validateUpdate } from './index.js';
import { ctxWith, deployment, job, render } from './fixtures.js';

const ctx = ctxWith();
const gvk = (group: string, version: string, kind: string) => ({ group, version, kind });

test('validateCreate combines metadata and kind rules', () => {
  const cases: Array<[string, ReturnType<typeof gvk>, any, string[]]> = [
    ['configmap ok', gvk('', 'v1', 'ConfigMap'), { metadata: { name: 'c', namespace: 'd' }, data: { a: 'b' } }, []],
    ['configmap without namespace', gvk('', 'v1', 'ConfigMap'), { metadata: { name: 'c' } }, ['metadata.namespace: Required value']],
    ['namespace with namespace', gvk('', 'v1', 'Namespace'), { metadata: { name: 'n', namespace: 'x' } }, ['metadata.namespace: Forbidden: not allowed on this type']],
    ['namespace name is a label', gvk('', 'v1', 'Namespace'), { metadata: { name: 'a.b' } }, ['metadata.name: Invalid value: "a.b": must not contain dots']],
    ['clusterrole name with colon', gvk('rbac.authorization.k8s.io', 'v1', 'ClusterRole'), { metadata: { name: 'system:x' }, rules: [] }, []],
    ['deployment', gvk('apps', 'v1', 'Deployment'), deployment({ replicas: -1 }), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['job managedBy', gvk('batch', 'v1', 'Job'), job({ managedBy: 'custom' }), ['spec.managedBy: Invalid value: "custom": must be a domain-prefixed path (such as "acme.io/foo")']],
    [
      'workload',
      gvk('scheduling.k8s.io', 'v1alpha1', 'Workload'),
      { metadata: { name: 'w', namespace: 'd' }, spec: { podGroups: [] } },
      ['spec.podGroups: Required value: must have at least one item'],
    ],
    ['unknown kind, metadata only', gvk('example.com', 'v1', 'Widget'), { metadata: { name: 'Bad' }, spec: { anything: 1 } }, ['metadata.name: Invalid value: "Bad": ' + 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')']],
  ];
  for (const [name, g, obj, want] of cases) assert.deepEqual(render(validateCreate(g, obj, ctx)), want, name);
});

test('unknown kinds take their scope from the option', () => {
  const w = { metadata: { name: 'w' } };
  assert.deepEqual(render(validateCreate(gvk('example.com', 'v1', 'Widget'), w, ctx, { namespaced: true })), ['metadata.namespace: Required value']);
  assert.deepEqual(render(validateCreate(gvk('example.com', 'v1', 'Widget'), w, ctx, { namespaced: false })), []);
  assert.equal(isNamespacedKind({ group: '', kind: 'Node' }), false);
  assert.equal(isNamespacedKind({ group: 'apps', kind: 'Deployment' }), true);
  assert.equal(isNamespacedKind({ group: 'example.com', kind: 'Widget' }), undefined);
});

test('validateUpdate: metadata immutability plus kind update rules', () => {
  const old = job({ managedBy: 'example.com/a' });
  old.metadata.uid = 'u';
  const n = structuredClone(old);
  n.metadata.name = 'other';
  n.spec.managedBy = 'example.com/b';
  assert.deepEqual(render(validateUpdate(gvk('batch', 'v1', 'Job'), n, old, ctx)), [
    'metadata.name: Invalid value: "other": field is immutable',
    'spec.managedBy: Invalid value: "example.com/b": field is immutable',
  ]);
  const cm = { metadata: { name: 'c', namespace: 'd' }, immutable: true, data: { a: '1' } };
  assert.deepEqual(render(validateUpdate(gvk('', 'v1', 'ConfigMap'), { ...cm, data: { a: '2' } }, cm, ctx)), [
    'data: Forbidden: field is immutable when `immutable` is set',
  ]);
});

test('validateStatusUpdate routes to status rules', () => {
  const old = job();
  old.status = { startTime: '2025-01-01T00:00:00Z', failed: 3 };
  const n = structuredClone(old);
  n.status.failed = 2;
  assert.deepEqual(render(validateStatusUpdate(gvk('batch', 'v1', 'Job'), n, old, ctx)), ['status.failed: Invalid value: 2: cannot decrease the failed counter']);
  const ns = { metadata: { name: 'n' }, status: { phase: 'Active' } };
  assert.deepEqual(render(validateStatusUpdate(gvk('', 'v1', 'Namespace'), ns, ns, ctx)), []);
  const d = deployment();
  d.status = { replicas: -1 };
  assert.deepEqual(render(validateStatusUpdate(gvk('apps', 'v1', 'Deployment'), d, deployment(), ctx)), ['status.replicas: Invalid value: -1: must be greater than or equal to 0']);
});
