import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDNS1123Label, isDecimalInteger, isQualifiedName, isValidLabelValue, isValidPortName } from './names.js';

test('isDecimalInteger canonical rule (spec §1.3)', () => {
  for (const ok of ['0', '5', '-100', '9223372036854775807', '12345678901234567890']) assert.deepEqual(isDecimalInteger(ok), [], ok);
  for (const bad of ['-0', '00', '0100', '+5', ' 5', '5 ', '1e5', '0x1F', '1.5', '1_000', '٣', '-'])
    assert.deepEqual(isDecimalInteger(bad), ['must be a valid decimal integer in canonical form'], bad);
  assert.equal(isDecimalInteger('').length, 1);
});

test('DNS label, qualified name, label value and port name messages', () => {
  assert.deepEqual(isDNS1123Label('a'.repeat(64)), ['must be no more than 63 bytes']);
  assert.deepEqual(isDNS1123Label('ok-1'), []);
  assert.deepEqual(isQualifiedName('example.com/a'), []);
  assert.deepEqual(isQualifiedName('/a'), ['prefix part must be non-empty']);
  assert.equal(isQualifiedName('a/b/c').length, 1);
  assert.match(isQualifiedName('a/b/c')[0]!, /^a qualified name must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/);
  assert.deepEqual(isValidLabelValue(''), []);
  assert.equal(isValidLabelValue('-x').length, 1);
  assert.deepEqual(isValidPortName('http--x'), ['must not contain consecutive hyphens']);
  assert.deepEqual(isValidPortName('80'), ['must contain at least one letter (a-z)']);
  assert.deepEqual(isValidPortName('a-very-long-port-name'), ['must be no more than 15 bytes']);
});
