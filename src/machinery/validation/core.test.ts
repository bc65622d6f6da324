import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfigMap, validateConfigMapUpdate, validateNamespace, validateNamespaceStatusUpdate, validateSecret, validateSecretUpdate } from './core.js';
import { validateNode, validateNodeUpdate } from './node.js';
import { render } from './fixtures.js';

test('node taints and pod CIDRs', () => {
  const node = (spec: Record<string, unknown>) => ({ metadata: { name: 'n1' }, spec });
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['numeric taint value is a plain string', { taints: [{ key: 'sla', value: '950', effect: 'NoSchedule' }] }, []],
    ['bad effect', { taints: [{ key: 'k', effect: 'NoRun' }] }, ['spec.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']],
    ['missing effect', { taints: [{ key: 'k' }] }, ['spec.taints[0].effect: Required value']],
    [
      'duplicate key/effect',
      { taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', value: 'v', effect: 'NoSchedule' }] },
      ['spec.taints[1]: Duplicate value: {"key":"k","value":"v","effect":"NoSchedule"}: taints must be unique by key and effect pair'],
    ],
    ['valid CIDR', { podCIDR: '10.244.0.0/24' }, []],
    ['bad CIDR', { podCIDRs: ['10.244.0.0/33'] }, ['spec.podCIDRs[0]: Invalid value: "10.244.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']],
    ['dual stack', { podCIDRs: ['10.244.0.0/24', 'fd00::/64'] }, []],
    ['two IPv4', { podCIDRs: ['10.0.0.0/24', '10.1.0.0/24'] }, ['spec.podCIDRs: Invalid value: ["10.0.0.0/24","10.1.0.0/24"]: may specify no more than one CIDR for each IP family']],
  ];
  for (const [name, spec, want] of cases) assert.deepEqual(render(validateNode(node(spec))), want, name);
  const taintKey = render(validateNode(node({ taints: [{ key: 'a b', effect: 'NoSchedule' }] })));
  assert.equal(taintKey.length, 1);
  assert.match(taintKey[0]!, /^spec\.taints\[0\]\.key: Invalid value: "a b": name part must consist of alphanumeric/);
  assert.deepEqual(render(validateNodeUpdate(node({ podCIDR: '10.0.1.0/24' }), node({ podCIDR: '10.0.0.0/24' }))), [
    'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
  ]);
  assert.deepEqual(render(validateNodeUpdate(node({ podCIDR: '10.0.1.0/24' }), node({}))), []);
});

test('namespace finalizers and status phase', () => {
  assert.deepEqual(render(validateNamespace({ spec: { finalizers: ['kubernetes', 'example.com/x'] } })), []);
  assert.deepEqual(render(validateNamespace({ spec: { finalizers: ['custom'] } })), [
    'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
  ]);
  assert.deepEqual(render(validateNamespaceStatusUpdate({ metadata: {}, status: { phase: 'Terminating' } })), [
    "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty",
  ]);
});

test('configmap and secret keys, size and immutability', () => {
  const KEY_ERR =
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
  const cases: Array<[string, any, string[]]> = [
    ['valid', { data: { 'app.properties': 'x' } }, []],
    ['bad key', { data: { 'a b': 'x' } }, [`data[a b]: Invalid value: "a b": ${KEY_ERR}`]],
    ['dot-dot key', { data: { '..x': 'y' } }, [`data[..x]: Invalid value: "..x": must not start with '..'`]],
    ['key in both maps', { data: { k: 'x' }, binaryData: { k: 'eA==' } }, ['data[k]: Invalid value: "k": duplicate of key present in binaryData']],
    ['over 1MiB', { data: { k: 'x'.repeat(1024 * 1024 + 1) } }, [': Too long: may not be more than 1048576 bytes']],
  ];
  for (const [name, cm, want] of cases) assert.deepEqual(render(validateConfigMap(cm)), want, name);
  const frozen = { immutable: true, data: { k: 'a' } };
  assert.deepEqual(render(validateConfigMapUpdate({ immutable: true, data: { k: 'b' } }, frozen)), ['data: Forbidden: field is immutable when `immutable` is set']);
  assert.deepEqual(render(validateSecret({ type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } })), ['data[tls.key]: Required value']);
  assert.deepEqual(render(validateSecretUpdate({ type: 'Opaque' }, { type: 'kubernetes.io/tls', data: {} })), [
    'type: Invalid value: "Opaque": field is immutable',
  ]);
});
