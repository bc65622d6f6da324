import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode, listItemWithRv, withRv } from './codec.js';

const info = { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', listKind: 'ConfigMapList', namespaced: true } as Parameters<typeof decode>[1];

describe('stored JSON splicing', () => {
  const cases: Array<{ name: string; obj: Record<string, unknown> }> = [
    { name: 'metadata with fields', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns', resourceVersion: '9' }, data: { '"metadata":{': 'tricky' } } },
    { name: 'empty metadata', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} } },
    { name: 'no metadata at all', obj: { apiVersion: 'v1', kind: 'ConfigMap', data: { k: 'v' } } },
  ];
  for (const { name, obj } of cases) {
    it(`${name}: withRv equals decode, listItemWithRv the same without apiVersion and kind`, () => {
      const stored = encode(obj as never);
      const kv = { key: 'k', value: stored, modRevision: 42, createRevision: 1, version: 1 } as Parameters<typeof decode>[0];
      const decoded = decode(kv, info);
      assert.deepEqual(JSON.parse(withRv(stored, 42)), decoded);
      const { apiVersion: _a, kind: _k, ...item } = decoded;
      assert.deepEqual(JSON.parse(listItemWithRv(stored, 42)), item);
    });
  }
});
