import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RESOURCES } from './catalogue.js';
import { STD_VERBS } from './define.js';
import { resourceFor } from './lookup.js';

// [group, version, plural, kind, scope, shortNames, categories, storageVersionHash] from spec §1.1.
type Row = [string, string, string, string, 'N' | 'C', string[], string[], string | undefined];
const ROWS: Row[] = [
  ['', 'v1', 'namespaces', 'Namespace', 'C', ['ns'], [], 'Q3oi5N2YM8M='],
  ['', 'v1', 'pods', 'Pod', 'N', ['po'], ['all'], 'xPOwRZ+Yhw8='],
  ['', 'v1', 'nodes', 'Node', 'C', ['no'], [], 'XwShjMxG9Fs='],
  ['', 'v1', 'services', 'Service', 'N', ['svc'], ['all'], '0/CO1lhkEBI='],
  ['', 'v1', 'endpoints', 'Endpoints', 'N', ['ep'], [], 'fWeeMqaN/OA='],
  ['', 'v1', 'configmaps', 'ConfigMap', 'N', ['cm'], [], 'qFsyl6wFWjQ='],
  ['', 'v1', 'secrets', 'Secret', 'N', [], [], 'S6u1pOWzb84='],
  ['', 'v1', 'serviceaccounts', 'ServiceAccount', 'N', ['sa'], [], 'pbx9ZvyFpBE='],
  ['', 'v1', 'events', 'Event', 'N', ['ev'], [], 'r2yiGXH7wu8='],
  ['', 'v1', 'persistentvolumes', 'PersistentVolume', 'C', ['pv'], [], 'HN/zwEC+JgM='],
  ['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', 'N', ['pvc'], [], 'QWTyNDq0dC4='],
  ['', 'v1', 'resourcequotas', 'ResourceQuota', 'N', ['quota'], [], '8uhSgffRX6w='],
  ['', 'v1', 'limitranges', 'LimitRange', 'N', ['limits'], [], 'EBKMFVe6cwo='],
  ['', 'v1', 'replicationcontrollers', 'ReplicationController', 'N', ['rc'], ['all'], 'Jond2If31h0='],
  ['', 'v1', 'podtemplates', 'PodTemplate', 'N', [], [], 'LIXB2x4IFpk='],
  ['', 'v1', 'bindings', 'Binding', 'N', [], [], undefined],
  ['apps', 'v1', 'deployments', 'Deployment', 'N', ['deploy'], ['all'], '8aSe+NMegvE='],
  ['apps', 'v1', 'replicasets', 'ReplicaSet', 'N', ['rs'], ['all'], 'P1RzHs8/mWQ='],
  ['apps', 'v1', 'statefulsets', 'StatefulSet', 'N', ['sts'], ['all'], 'H+vl74LkKdo='],
  ['apps', 'v1', 'daemonsets', 'DaemonSet', 'N', ['ds'], ['all'], 'dd7pWHUlMKQ='],
  ['apps', 'v1', 'controllerrevisions', 'ControllerRevision', 'N', [], [], '85nkx63pcBU='],
  ['batch', 'v1', 'jobs', 'Job', 'N', [], ['all'], 'mudhfqk/qZY='],
  ['batch', 'v1', 'cronjobs', 'CronJob', 'N', ['cj'], ['all'], 'sd5LIXh4Fjs='],
  ['coordination.k8s.io', 'v1', 'leases', 'Lease', 'N', [], [], 'gqkMMb/YqFM='],
  ['events.k8s.io', 'v1', 'events', 'Event', 'N', ['ev'], [], 'r2yiGXH7wu8='],
  ['policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', 'N', ['pdb'], [], 'EVWiDmWqyJw='],
  ['scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', 'C', ['pc'], [], '1QwjyaZjj3Y='],
  ['scheduling.k8s.io', 'v1alpha1', 'workloads', 'Workload', 'N', [], [], '7X3nQnlLxCA='],
  ['storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', 'C', ['sc'], [], 'K+m6uJwbjGY='],
  ['storage.k8s.io', 'v1', 'csidrivers', 'CSIDriver', 'C', [], [], 'hL6j/rwBV5w='],
  ['storage.k8s.io', 'v1', 'csinodes', 'CSINode', 'C', [], [], 'Pe62DkZtjuo='],
  ['storage.k8s.io', 'v1', 'csistoragecapacities', 'CSIStorageCapacity', 'N', [], [], 'xeVl+2Ly1kE='],
  ['storage.k8s.io', 'v1', 'volumeattachments', 'VolumeAttachment', 'C', [], [], 'tJx/ezt6UDU='],
  ['rbac.authorization.k8s.io', 'v1', 'roles', 'Role', 'N', [], [], '7FuwZcIIItM='],
  ['rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', 'C', [], [], 'bYE5ZWDrJ44='],
  ['rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', 'N', [], [], 'eGsCzGH6b1g='],
  ['rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', 'C', [], [], '48tpQ8gZHFc='],
  ['discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', 'N', [], [], 'qgS0xkrxYAI='],
  ['networking.k8s.io', 'v1', 'ingresses', 'Ingress', 'N', ['ing'], [], '39NQlfNR+bo='],
  ['networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', 'N', ['netpol'], [], 'YpfwF18m1G8='],
  ['networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', 'C', [], [], 'l/iqIbDgFyQ='],
  ['authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', 'C', [], [], undefined],
  ['authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', 'C', [], [], undefined],
  ['authorization.k8s.io', 'v1', 'subjectaccessreviews', 'SubjectAccessReview', 'C', [], [], undefined],
  ['authorization.k8s.io', 'v1', 'localsubjectaccessreviews', 'LocalSubjectAccessReview', 'N', [], [], undefined],
  ['authentication.k8s.io', 'v1', 'tokenreviews', 'TokenReview', 'C', [], [], undefined],
  ['authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', 'C', [], [], undefined],
];

test('catalogue rows match the spec table', () => {
  for (const [group, version, plural, kind, scope, shortNames, categories, hash] of ROWS) {
    const r = resourceFor(group, version, plural);
    const id = `${group}/${version}/${plural}`;
    assert.ok(r, `${id} missing`);
    assert.equal(r.kind, kind, id);
    assert.equal(r.listKind, `${kind}List`, id);
    assert.equal(r.namespaced, scope === 'N', id);
    assert.deepEqual(r.shortNames, shortNames, id);
    assert.deepEqual(r.categories, categories, id);
    assert.equal(r.storageVersionHash, hash, id);
    assert.equal(r.virtual === true, hash === undefined, `${id} virtual iff not stored`);
  }
  // volumeattributesclasses (GA storage.k8s.io/v1 in 1.34) is an extra row beyond the spec table.
  assert.equal(BUILTIN_RESOURCES.length, ROWS.length + 1);
});

test('catalogue leaves out resources that are not served yet', () => {
  for (const plural of ['componentstatuses', 'customresourcedefinitions', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings']) {
    assert.equal(BUILTIN_RESOURCES.some((r) => r.plural === plural), false, plural);
  }
});

test('verbs: std everywhere except namespaces and create-only kinds', () => {
  for (const r of BUILTIN_RESOURCES) {
    if (r.virtual) assert.deepEqual(r.verbs, ['create'], r.plural);
    else if (r.plural === 'namespaces') assert.deepEqual(r.verbs, STD_VERBS.filter((v) => v !== 'deletecollection'));
    else assert.deepEqual(r.verbs, STD_VERBS, r.plural);
  }
});

test('storage locations: events.k8s.io shares core events; virtual kinds have none', () => {
  assert.deepEqual(resourceFor('events.k8s.io', 'v1', 'events')?.storage, { group: '', resource: 'events' });
  assert.deepEqual(resourceFor('apps', 'v1', 'deployments')?.storage, { group: 'apps', resource: 'deployments' });
  assert.equal(resourceFor('', 'v1', 'bindings')?.storage, undefined);
});

test('subresources per spec §1.2', () => {
  const cases: Array<[string, string, string, string, string, string[]]> = [
    // parent group, plural, subresource, response group/version, kind, verbs
    ['', 'pods', 'status', '/v1', 'Pod', ['get', 'patch', 'update']],
    ['', 'pods', 'binding', '/v1', 'Binding', ['create']],
    ['', 'pods', 'eviction', 'policy/v1', 'Eviction', ['create']],
    ['', 'pods', 'log', '/v1', 'Pod', ['get']],
    ['', 'pods', 'exec', '/v1', 'PodExecOptions', ['create', 'get']],
    ['', 'pods', 'proxy', '/v1', 'PodProxyOptions', ['create', 'delete', 'get', 'patch', 'update']],
    ['', 'pods', 'resize', '/v1', 'Pod', ['get', 'patch', 'update']],
    ['', 'namespaces', 'finalize', '/v1', 'Namespace', ['update']],
    ['', 'serviceaccounts', 'token', 'authentication.k8s.io/v1', 'TokenRequest', ['create']],
    ['', 'replicationcontrollers', 'scale', 'autoscaling/v1', 'Scale', ['get', 'patch', 'update']],
    ['apps', 'deployments', 'scale', 'autoscaling/v1', 'Scale', ['get', 'patch', 'update']],
    ['apps', 'daemonsets', 'status', 'apps/v1', 'DaemonSet', ['get', 'patch', 'update']],
    ['batch', 'cronjobs', 'status', 'batch/v1', 'CronJob', ['get', 'patch', 'update']],
    ['storage.k8s.io', 'volumeattachments', 'status', 'storage.k8s.io/v1', 'VolumeAttachment', ['get', 'patch', 'update']],
  ];
  for (const [group, plural, name, gv, kind, verbs] of cases) {
    const sub = resourceFor(group, 'v1', plural)?.subresources.find((s) => s.name === name);
    assert.ok(sub, `${plural}/${name}`);
    assert.equal(`${sub.kind.group}/${sub.kind.version}`, gv, `${plural}/${name}`);
    assert.equal(sub.kind.kind, kind);
    assert.deepEqual(sub.verbs, verbs);
  }
  assert.deepEqual(resourceFor('', 'v1', 'pods')?.subresources.map((s) => s.name), [
    'attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status',
  ]);
  assert.deepEqual(resourceFor('networking.k8s.io', 'v1', 'networkpolicies')?.subresources, []);
  assert.deepEqual(resourceFor('scheduling.k8s.io', 'v1alpha1', 'workloads')?.subresources, []);
});

test('within each group-version, resources are sorted by name and unique', () => {
  const byGV = new Map<string, string[]>();
  for (const r of BUILTIN_RESOURCES) {
    const key = `${r.group}/${r.version}`;
    byGV.set(key, [...(byGV.get(key) ?? []), r.plural]);
  }
  for (const [gv, plurals] of byGV) {
    assert.deepEqual(plurals, [...plurals].sort(), gv);
    assert.equal(new Set(plurals).size, plurals.length, gv);
  }
});

test('workloads are gated behind runtime-config and GenericWorkload', () => {
  assert.deepEqual(resourceFor('scheduling.k8s.io', 'v1alpha1', 'workloads')?.requires, {
    runtimeConfig: 'scheduling.k8s.io/v1alpha1',
    gate: 'GenericWorkload',
  });
});
