import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateLease, validatePodDisruptionBudget, validatePriorityClass, validatePriorityClassUpdate } from './policy.js';
import { validateBinding, validateBindingUpdate, validateRole } from './rbac.js';
import { validateService, validateServiceUpdate } from './service.js';
import { render } from './fixtures.js';

test('priority class value range and reserved names', () => {
  const cases: Array<[any, string[]]> = [
    [{ metadata: { name: 'high' }, value: 1000000000 }, []],
    [{ metadata: { name: 'high' }, value: 1000000001 }, ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']],
    [{ metadata: { name: 'system-node-critical' }, value: 2000001000 }, []],
    [
      { metadata: { name: 'system-foo' }, value: 1 },
      ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-foo is not a known system priority class"],
    ],
  ];
  for (const [pc, want] of cases) assert.deepEqual(render(validatePriorityClass(pc)), want, pc.metadata.name);
  assert.deepEqual(render(validatePriorityClassUpdate({ value: 2 }, { value: 1 })), ['value: Forbidden: may not be changed in an update.']);
});

test('lease and pdb', () => {
  assert.deepEqual(render(validateLease({ spec: { leaseDurationSeconds: 0 } })), ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']);
  assert.deepEqual(render(validateLease({ spec: { preferredHolder: 'a' } })), ['spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined']);
  assert.deepEqual(render(validatePodDisruptionBudget({ spec: { minAvailable: 1, maxUnavailable: 1 } })), [
    'spec: Invalid value: {"minAvailable":1,"maxUnavailable":1}: minAvailable and maxUnavailable cannot be both set',
  ]);
  assert.deepEqual(render(validatePodDisruptionBudget({ spec: { minAvailable: '50%', selector: { matchLabels: { app: 'x' } } } })), []);
});

test('rbac roles and bindings', () => {
  assert.deepEqual(render(validateRole({ rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] }, true)), []);
  assert.deepEqual(render(validateRole({ rules: [{ apiGroups: [''] }] }, true)), [
    'rules[0].verbs: Required value: verbs must contain at least one value',
    'rules[0].resources: Required value: resource rules must supply at least one resource',
  ]);
  assert.deepEqual(render(validateRole({ rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] }, true)), [
    'rules[0].nonResourceURLs: Invalid value: ["/healthz"]: namespaced rules cannot apply to non-resource URLs',
  ]);
  const rb = { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'default' }] };
  assert.deepEqual(render(validateBinding(rb, true)), []);
  assert.deepEqual(render(validateBinding(rb, false)), [
    'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    'subjects[0].namespace: Required value',
  ]);
  assert.deepEqual(render(validateBinding({ ...rb, subjects: [{ kind: 'Robot', name: 'x' }] }, true)), [
    'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
  ]);
  const changed = { ...rb, roleRef: { ...rb.roleRef, name: 's' } };
  assert.deepEqual(render(validateBindingUpdate(changed, rb, true)), [
    'roleRef: Invalid value: {"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"s"}: cannot change roleRef',
  ]);
});

test('service rules', () => {
  const svc = (spec: Record<string, unknown>) => ({
    metadata: { name: 's' },
    spec: { type: 'ClusterIP', sessionAffinity: 'None', ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], ...spec },
  });
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['valid', {}, []],
    ['no ports', { ports: [] }, ['spec.ports: Required value']],
    ['headless without ports', { ports: [], clusterIP: 'None' }, []],
    ['port out of range', { ports: [{ port: 70000, protocol: 'TCP', targetPort: 80 }] }, ['spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    ['bad protocol', { ports: [{ port: 80, protocol: 'HTTP', targetPort: 80 }] }, ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"']],
    ['bad type', { type: 'Public' }, ['spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
    [
      'two ports need names',
      { ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }, { name: 'b', port: 81, protocol: 'TCP', targetPort: 81 }] },
      ['spec.ports[0].name: Required value'],
    ],
    ['nodePort on ClusterIP', { ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }, ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
    ['named targetPort', { ports: [{ port: 80, protocol: 'TCP', targetPort: 'http--x' }] }, ['spec.ports[0].targetPort: Invalid value: "http--x": must not contain consecutive hyphens']],
    [
      'bad selector value',
      { selector: { app: '-x' } },
      [
        `spec.selector: Invalid value: "-x": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ],
    ],
    ['ExternalName needs name', { type: 'ExternalName', ports: [] }, ['spec.externalName: Required value']],
  ];
  for (const [name, spec, want] of cases) assert.deepEqual(render(validateService(svc(spec))), want, name);
  assert.deepEqual(render(validateServiceUpdate(svc({ clusterIPs: ['10.96.0.11'] }), svc({ clusterIPs: ['10.96.0.10'] }))), [
    'spec.clusterIPs[0]: Invalid value: ["10.96.0.11"]: may not change once set',
  ]);
});
