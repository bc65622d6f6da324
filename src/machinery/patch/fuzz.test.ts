import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusError } from '../errors.js';
import { applyJsonPatch } from './json-patch.js';
import { applyMergePatch } from './merge-patch.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';
import { mergeItem, podSchema } from './smp-test-schema.js';

/**
 * Random documents and patches: every outcome must be a result or a StatusError, never
 * a TypeError/RangeError, never a mutated input, never a polluted Object.prototype.
 */

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  '__proto__', 'constructor', 'prototype', 'toString', 'name', 'value', 'other', 'a', 'b',
  'mergingList', 'mergingIntList', 'nonMergingList', 'retainKeysMap', 'mergeItemPtr', 'simpleMap',
  'spec', 'metadata', 'containers', 'env', 'finalizers', 'labels', 'volumes', 'ports', 'containerPort',
  '$patch', '$retainKeys', '$setElementOrder/mergingList', '$setElementOrder/containers',
  '$deleteFromPrimitiveList/mergingIntList', '$deleteFromPrimitiveList/finalizers', '$setElementOrder', '$deleteFromPrimitiveList',
];
const SCALARS: unknown[] = [null, true, false, 0, 1, -1, 2.5, '', 'x', 'delete', 'replace', 'merge', '__proto__', '1', '-'];

function value(r: () => number, depth: number): unknown {
  const p = r();
  if (depth <= 0 || p < 0.45) return SCALARS[Math.floor(r() * SCALARS.length)];
  if (p < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth - 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 4); i > 0; i--) {
    Object.defineProperty(o, KEYS[Math.floor(r() * KEYS.length)]!, { value: value(r, depth - 1), enumerable: true, writable: true, configurable: true });
  }
  return o;
}

function pointer(r: () => number): string {
  const n = Math.floor(r() * 4);
  const toks = ['a', 'b', '0', '1', '-', '-1', '__proto__', 'constructor', 'prototype', 'x~1y', '~0', '99'];
  return Array.from({ length: n }, () => '/' + toks[Math.floor(r() * toks.length)]).join('');
}

function jsonOps(r: () => number): unknown {
  if (r() < 0.05) return value(r, 2);
  const ops = ['add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus'];
  return Array.from({ length: 1 + Math.floor(r() * 4) }, () => {
    const op: Record<string, unknown> = { op: ops[Math.floor(r() * ops.length)], path: pointer(r) };
    if (r() < 0.8) op.value = value(r, 2);
    if (r() < 0.5) op.from = pointer(r);
    return op;
  });
}

function expectSafe(fn: () => unknown, inputs: unknown[]): void {
  const before = inputs.map((x) => JSON.stringify(x));
  try {
    fn();
  } catch (e) {
    if (!isStatusError(e)) throw e;
    assert.ok(e.code >= 400 && e.code < 500, `expected a 4xx, got ${e.code}`);
  }
  assert.deepEqual(inputs.map((x) => JSON.stringify(x)), before, 'inputs must not be mutated');
  const probe: Record<string, unknown> = {};
  assert.equal(probe.polluted, undefined);
  assert.equal(Object.keys(Object.prototype).length, 0, 'Object.prototype gained keys');
  assert.equal(typeof ({} as { toString: unknown }).toString, 'function');
}

test('fuzz: random documents and patches never crash or pollute', () => {
  const r = rng(20240601);
  for (let i = 0; i < 1500; i++) {
    const doc = value(r, 4);
    const patch = value(r, 4);
    expectSafe(() => applyMergePatch(doc, patch), [doc, patch]);
    expectSafe(() => applyStrategicMergePatch(doc, patch, mergeItem), [doc, patch]);
    expectSafe(() => applyStrategicMergePatch(doc, patch, podSchema), [doc, patch]);
    expectSafe(() => applyStrategicMergePatch(doc, patch, undefined), [doc, patch]);
    const ops = jsonOps(r);
    expectSafe(() => applyJsonPatch(doc, ops), [doc, ops]);
  }
});

test('fuzz: prototype keys stay data', () => {
  const patch = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}}');
  for (const out of [applyMergePatch({}, patch), applyStrategicMergePatch({}, patch, mergeItem)] as Array<Record<string, unknown>>) {
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(JSON.parse(JSON.stringify(out)), JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}}'));
  }
  const out = applyJsonPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: 3 } }]) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('fuzz: very deep nesting is a 400, not a stack overflow', () => {
  let deep: unknown = 1;
  for (let i = 0; i < 200000; i++) deep = { a: deep };
  for (const fn of [
    () => applyMergePatch({}, deep),
    () => applyStrategicMergePatch({}, deep, mergeItem),
    () => applyJsonPatch(deep, []),
    () => applyJsonPatch({}, [{ op: 'add', path: '/a', value: deep }]),
  ]) {
    assert.throws(fn, (e: unknown) => isStatusError(e) && e.code === 400 && e.status.message === 'exceeded max depth');
  }
});
