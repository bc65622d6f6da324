import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalQuantity, compareQuantity, milliValue, parseQuantity } from './quantity.js';

test('parseQuantity accepts upstream forms and rejects the rest', () => {
  const ok = ['1', '0', '500m', '1.5', '.5', '1.', '+1', '-1', '1Gi', '1e3', '1E-3', '100n', '2u', '3k', '1Ei', 12];
  for (const s of ok) assert.ok(parseQuantity(s), `should parse ${s}`);
  const bad = ['', '.', 'abc', '1.2.3', '1Kb', '1K', ' 1', '1 ', 'Gi', '-', '1e', '0x10', null, true];
  for (const s of bad) assert.equal(parseQuantity(s), undefined, `should reject ${String(s)}`);
});

test('canonical strings match upstream Quantity.String()', () => {
  const cases: Array<[string | number, string]> = [
    ['1000m', '1'],
    ['0.5', '500m'],
    ['1500', '1500'],
    ['1000', '1k'],
    ['2000000', '2M'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['512', '512'],
    ['0.5Ki', '512'],
    ['1e3', '1e3'],
    ['1500e0', '1500'],
    ['0', '0'],
    ['-500m', '-500m'],
    ['1.0000000001', '1000000001n'],
    [2, '2'],
  ];
  for (const [input, want] of cases) assert.equal(canonicalQuantity(input), want, `canonical(${input})`);
});

test('compare and milliValue', () => {
  const q = (s: string) => parseQuantity(s)!;
  assert.equal(compareQuantity(q('1'), q('1000m')), 0);
  assert.equal(compareQuantity(q('1Gi'), q('1G')), 1);
  assert.equal(compareQuantity(q('100m'), q('0.2')), -1);
  assert.equal(milliValue(q('1.5')), 1500n);
  assert.equal(milliValue(q('1n')), 1n);
});
