import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemaForKind } from '../../api/schema/index.js';
import { compare, merge, removeItems, toFieldSet, TypedError } from './typed.js';
import { FieldSet } from './fieldset.js';
import { typeForSchema } from './types.js';

const POD = typeForSchema(schemaForKind({ group: '', version: 'v1', kind: 'Pod' }));
const DEPLOY = typeForSchema(schemaForKind({ group: 'apps', version: 'v1', kind: 'Deployment' }));
const CRD = typeForSchema(undefined);
const fs = (v: unknown, t = POD) => JSON.stringify(toFieldSet(v, t).toJSON());

test('toFieldSet follows the type schema', () => {
  const cases: { name: string; t?: typeof POD; obj: unknown; want: unknown }[] = [
    { name: 'labels are f: per key', obj: { metadata: { labels: { app: 'a', tier: 'b' } } }, want: { 'f:metadata': { 'f:labels': { 'f:app': {}, 'f:tier': {} } } } },
    { name: 'finalizers are a set', obj: { metadata: { finalizers: ['x', 'y'] } }, want: { 'f:metadata': { 'f:finalizers': { 'v:"x"': {}, 'v:"y"': {} } } } },
    {
      name: 'containers by name, ports by containerPort+protocol (protocol defaulted)',
      obj: { spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] }] } },
      want: {
        'f:spec': {
          'f:containers': {
            'k:{"name":"c"}': {
              '.': {},
              'f:image': {},
              'f:name': {},
              'f:ports': { 'k:{"containerPort":53,"protocol":"UDP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} }, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
            },
          },
        },
      },
    },
    { name: 'atomic list is a leaf', obj: { spec: { containers: [{ name: 'c', args: ['a', 'b'] }] } }, want: { 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:args': {}, 'f:name': {} } } } } },
    { name: 'atomic map and empty struct are leaves', obj: { spec: { nodeSelector: { a: 'b' }, securityContext: {} } }, want: { 'f:spec': { 'f:nodeSelector': {}, 'f:securityContext': {} } } },
    { name: 'ownerReferences by uid', obj: { metadata: { ownerReferences: [{ uid: 'u1', name: 'o' }] } }, want: { 'f:metadata': { 'f:ownerReferences': { 'k:{"uid":"u1"}': { '.': {}, 'f:name': {}, 'f:uid': {} } } } } },
    { name: 'atomic struct (LabelSelector)', t: DEPLOY, obj: { spec: { selector: { matchLabels: { a: 'b' } }, replicas: 1 } }, want: { 'f:spec': { 'f:replicas': {}, 'f:selector': {} } } },
    { name: 'custom resource: deduced maps (keys are members), lists atomic', t: CRD, obj: { spec: { size: 1, list: [1], nested: { a: 'b' } } }, want: { 'f:spec': { 'f:list': {}, 'f:nested': { '.': {}, 'f:a': {} }, 'f:size': {} } } },
  ];
  for (const c of cases) assert.equal(fs(c.obj, c.t), JSON.stringify(c.want), c.name);
});

test('associative items without any key are rejected', () => {
  assert.throws(() => toFieldSet({ spec: { containers: [{ image: 'x' }] } }, POD), TypedError);
});

test('compare reports added, removed and modified paths', () => {
  const old = { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '1' }] }, metadata: { labels: { x: '1' } } };
  const next = { spec: { containers: [{ name: 'a', image: '2' }, { name: 'c', image: '1' }] }, metadata: { labels: { x: '1' } } };
  const c = compare(old, next, POD);
  const k = (n: string) => `k:{"name":"${n}"}`;
  assert.deepEqual(c.modified.paths(), [['f:spec', 'f:containers', k('a'), 'f:image']]);
  assert.deepEqual(c.added.paths(), [['f:spec', 'f:containers', k('c')], ['f:spec', 'f:containers', k('c'), 'f:image'], ['f:spec', 'f:containers', k('c'), 'f:name']]);
  assert.deepEqual(c.removed.paths().length, 3);
  // a value struct (spec) absent on one side is Go's zero {} and is not "added" itself
  assert.deepEqual(compare({}, { spec: { hostname: 'h' } }, POD).added.paths(), [['f:spec', 'f:hostname']]);
});

test('merge keeps live items, replaces atomic values and orders by the config', () => {
  const cases: { name: string; live: unknown; config: unknown; want: unknown }[] = [
    { name: 'leaf replaced', live: { spec: { hostname: 'a', subdomain: 's' } }, config: { spec: { hostname: 'b' } }, want: { spec: { hostname: 'b', subdomain: 's' } } },
    { name: 'atomic list replaced', live: { spec: { containers: [{ name: 'c', args: ['1', '2'] }] } }, config: { spec: { containers: [{ name: 'c', args: ['3'] }] } }, want: { spec: { containers: [{ name: 'c', args: ['3'] }] } } },
    {
      name: 'associative list merged by key',
      live: { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '1' }] } },
      config: { spec: { containers: [{ name: 'b', image: '2' }, { name: 'c', image: '3' }] } },
      want: { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '2' }, { name: 'c', image: '3' }] } },
    },
    { name: 'set union', live: { metadata: { finalizers: ['a'] } }, config: { metadata: { finalizers: ['b', 'a'] } }, want: { metadata: { finalizers: ['b', 'a'] } } },
  ];
  for (const c of cases) assert.deepEqual(merge(c.live, c.config, POD), c.want, c.name);
});

test('removeItems drops members and their subtrees', () => {
  const obj = { metadata: { labels: { a: '1', b: '2' } }, spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
  const set = FieldSet.of(['f:metadata', 'f:labels', 'f:a'], ['f:spec', 'f:containers', 'k:{"name":"b"}']);
  assert.deepEqual(removeItems(obj, set, POD), { metadata: { labels: { b: '2' } }, spec: { containers: [{ name: 'a' }] } });
  assert.deepEqual(removeItems({ metadata: { labels: { a: '1' } } }, set, POD), undefined);
});
