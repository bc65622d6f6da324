import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RESOURCES } from '../../api/resources/index.js';
import { defaultPrinter } from './default.js';
import { hasCustomPrinter, printerFor } from './registry.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');

test('every catalogue resource prints one cell per column, even for empty objects', () => {
  const samples = [{}, { metadata: { name: 'x', creationTimestamp: '2025-06-01T11:00:00Z' } }, { metadata: { name: 'x' }, spec: null, status: null }];
  for (const r of BUILTIN_RESOURCES) {
    const p = printerFor(r.group, r.plural);
    assert.ok(p.columns.some((c) => c.name === 'Name' && c.format === 'name'), `${r.group}/${r.plural} has a Name column`);
    for (const c of p.columns) {
      assert.ok(c.description.length > 0, `${r.plural}.${c.name} description`);
      assert.ok(c.format === '' || c.format === 'name');
    }
    for (const obj of samples) {
      assert.equal(p.cells(obj, NOW).length, p.columns.length, `${r.group}/${r.plural} ${JSON.stringify(obj)}`);
    }
  }
});

test('resources without a printer use the generic Name / Created At table', () => {
  const generic = ['/limitranges', '/bindings', 'rbac.authorization.k8s.io/roles', 'rbac.authorization.k8s.io/clusterroles', 'authorization.k8s.io/subjectaccessreviews', 'authentication.k8s.io/tokenreviews'];
  for (const r of BUILTIN_RESOURCES) {
    const key = `${r.group}/${r.plural}`;
    assert.equal(hasCustomPrinter(r.group, r.plural), !generic.includes(key) && !r.virtual, key);
  }
  assert.equal(printerFor('example.com', 'widgets'), defaultPrinter);
  assert.deepEqual(defaultPrinter.columns.map((c) => [c.name, c.type, c.format]), [['Name', 'string', 'name'], ['Created At', 'date', '']]);
  assert.deepEqual(defaultPrinter.cells({ metadata: { name: 'admin', creationTimestamp: '2025-12-17T10:04:05.123Z' } }, NOW), ['admin', '2025-12-17T10:04:05Z']);
  assert.deepEqual(defaultPrinter.cells({ metadata: { name: 'z' } }, NOW), ['z', '0001-01-01T00:00:00Z']);
});

test('both event groups share the event columns', () => {
  assert.deepEqual(printerFor('events.k8s.io', 'events').columns, printerFor('', 'events').columns);
  assert.notEqual(printerFor('events.k8s.io', 'events'), printerFor('', 'events'));
});
