import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparePathElements, FieldSet, pathString } from './fieldset.js';

test('fieldsV1 round-trips with "." first and elements in upstream order', () => {
  const cases: { name: string; json: string }[] = [
    { name: 'leaf', json: '{"f:spec":{"f:replicas":{}}}' },
    { name: 'member with children', json: '{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}' },
    { name: 'keys then values', json: '{"f:a":{},"k:{\\"name\\":\\"x\\"}":{},"v:\\"y\\"":{},"i:2":{}}' },
  ];
  for (const c of cases) assert.equal(JSON.stringify(FieldSet.fromJSON(JSON.parse(c.json)).toJSON()), c.json, c.name);
  const out = FieldSet.of(['f:b'], ['f:a', 'f:x'], ['f:a'], ['k:{"name":"b"}'], ['k:{"name":"a"}', 'f:image']).toJSON();
  assert.deepEqual(Object.keys(out), ['f:a', 'f:b', 'k:{"name":"a"}', 'k:{"name":"b"}']);
  assert.deepEqual(Object.keys(out['f:a'] as object), ['.', 'f:x']);
});

test('path elements order as PathElement.Compare', () => {
  const cases: [string, string, number][] = [
    ['f:a', 'f:b', -1],
    ['f:z', 'k:{"a":1}', -1],
    ['k:{"containerPort":80,"protocol":"TCP"}', 'k:{"containerPort":443,"protocol":"TCP"}', -1],
    ['k:{"port":9}', 'k:{"name":"a"}', 1],
    ['v:1', 'v:"a"', -1],
    ['i:2', 'i:10', -1],
  ];
  for (const [a, b, sign] of cases) assert.equal(Math.sign(comparePathElements(a, b)), sign, `${a} vs ${b}`);
});

test('set operations follow fieldpath.Set', () => {
  const a = FieldSet.of(['f:spec', 'f:replicas'], ['f:spec', 'f:paused'], ['f:metadata', 'f:labels'], ['f:metadata', 'f:labels', 'f:app']);
  const b = FieldSet.of(['f:spec', 'f:replicas'], ['f:metadata', 'f:labels']);
  assert.deepEqual(a.intersection(b).paths(), [['f:metadata', 'f:labels'], ['f:spec', 'f:replicas']]);
  assert.deepEqual(a.difference(b).paths(), [['f:metadata', 'f:labels', 'f:app'], ['f:spec', 'f:paused']]);
  assert.deepEqual(a.recursiveDifference(b).paths(), [['f:spec', 'f:paused']]);
  assert.deepEqual(b.union(FieldSet.of(['f:x'])).paths(), [['f:x'], ['f:metadata', 'f:labels'], ['f:spec', 'f:replicas']]);
  assert.ok(a.has(['f:spec', 'f:paused']) && !a.has(['f:spec']));
  assert.ok(a.difference(a).empty());
});

test('pathString renders as fieldpath.Path.String', () => {
  const cases: [string[], string][] = [
    [['f:spec', 'f:replicas'], '.spec.replicas'],
    [['f:spec', 'f:containers', 'k:{"name":"c"}', 'f:image'], '.spec.containers[name="c"].image'],
    [['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}'], '.spec.ports[port=80,protocol="TCP"]'],
    [['f:metadata', 'f:finalizers', 'v:"a/b"'], '.metadata.finalizers[="a/b"]'],
    [['f:list', 'i:3'], '.list[3]'],
  ];
  for (const [path, s] of cases) assert.equal(pathString(path), s);
});
