import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RESOURCES } from './catalogue.js';
import { apiGroups, compareKubeAwareVersions, findByShortName, groupVersions, resourceFor, resourceForKind, servedResources } from './lookup.js';

test('resourceFor / resourceForKind', () => {
  const cases: Array<[string, string, string, string | undefined]> = [
    ['', 'v1', 'pods', 'Pod'],
    ['apps', 'v1', 'deployments', 'Deployment'],
    ['events.k8s.io', 'v1', 'events', 'Event'],
    ['apps', 'v1beta1', 'deployments', undefined],
    ['', 'v1', 'componentstatuses', undefined],
  ];
  for (const [group, version, plural, kind] of cases) {
    const r = resourceFor(group, version, plural);
    assert.equal(r?.kind, kind, `${group}/${version}/${plural}`);
    if (kind) assert.equal(resourceForKind({ group, version, kind }), r);
  }
  assert.equal(resourceForKind({ group: 'apps', version: 'v1', kind: 'Pod' }), undefined);
});

test('findByShortName resolves short, singular and plural names', () => {
  const cases: Array<[string, string[]]> = [
    ['po', ['/pods']],
    ['deploy', ['apps/deployments']],
    ['ev', ['/events', 'events.k8s.io/events']],
    ['Pod', ['/pods']],
    ['svc', ['/services']],
    ['nope', []],
  ];
  for (const [name, want] of cases) {
    assert.deepEqual(findByShortName(name).map((r) => `${r.group}/${r.plural}`), want, name);
  }
});

test('compareKubeAwareVersions prefers GA, then beta, then alpha', () => {
  const sorted = ['v1alpha1', 'v2beta1', 'foo', 'v1beta2', 'v1', 'v2', 'v1beta1', 'v11alpha2'].sort(compareKubeAwareVersions);
  assert.deepEqual(sorted, ['v2', 'v1', 'v2beta1', 'v1beta2', 'v1beta1', 'v11alpha2', 'v1alpha1', 'foo']);
});

test('servedResources hides gated resources unless both switches are on', () => {
  const has = (opts: Parameters<typeof servedResources>[1]) => servedResources(BUILTIN_RESOURCES, opts).some((r) => r.plural === 'workloads');
  assert.equal(has({}), false);
  assert.equal(has({ runtimeConfig: { 'scheduling.k8s.io/v1alpha1': true } }), false);
  assert.equal(has({ featureGates: { GenericWorkload: true } }), false);
  assert.equal(has({ runtimeConfig: { 'scheduling.k8s.io/v1alpha1': true }, featureGates: { GenericWorkload: true } }), true);
  assert.equal(servedResources(BUILTIN_RESOURCES).length, BUILTIN_RESOURCES.length - 1);
});

test('groupVersions: core first, named groups in priority order, preferred version first', () => {
  const all = groupVersions(BUILTIN_RESOURCES).map((gv) => (gv.group ? `${gv.group}/${gv.version}` : gv.version));
  assert.deepEqual(all, [
    'v1',
    'apps/v1',
    'events.k8s.io/v1',
    'authentication.k8s.io/v1',
    'authorization.k8s.io/v1',
    'batch/v1',
    'networking.k8s.io/v1',
    'policy/v1',
    'rbac.authorization.k8s.io/v1',
    'storage.k8s.io/v1',
    'scheduling.k8s.io/v1',
    'scheduling.k8s.io/v1alpha1',
    'coordination.k8s.io/v1',
    'discovery.k8s.io/v1',
  ]);
  // Even if an alpha version is listed first, the GA one is preferred.
  const alphaFirst = [resourceFor('scheduling.k8s.io', 'v1alpha1', 'workloads')!, resourceFor('scheduling.k8s.io', 'v1', 'priorityclasses')!];
  assert.deepEqual(apiGroups(alphaFirst), [{ name: 'scheduling.k8s.io', versions: ['v1', 'v1alpha1'], preferredVersion: 'v1' }]);
});
