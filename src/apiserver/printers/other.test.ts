import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/meta.js';
import {
  clusterRoleBindingPrinter,
  endpointSlicePrinter,
  ingressClassPrinter,
  ingressPrinter,
  leasePrinter,
  networkPolicyPrinter,
  podDisruptionBudgetPrinter,
  priorityClassPrinter,
  roleBindingPrinter,
  workloadPrinter,
} from './other.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const meta = (name: string) => ({ name, creationTimestamp: new Date(NOW - 60_000).toISOString() });
const o = (name: string, rest: Record<string, unknown>): KubeObject => ({ metadata: meta(name), ...rest });

test('small tables in other groups', () => {
  const cases: Array<[string, unknown[], unknown[]]> = [
    ['lease', leasePrinter.cells(o('kube-scheduler', { spec: { holderIdentity: 'cp1_abc' } }), NOW), ['kube-scheduler', 'cp1_abc', '60s']],
    ['lease without holder', leasePrinter.cells(o('l', { spec: {} }), NOW), ['l', '', '60s']],
    ['pdb int', podDisruptionBudgetPrinter.cells(o('p', { spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1 } }), NOW), ['p', '2', 'N/A', 1, '60s']],
    ['pdb percent', podDisruptionBudgetPrinter.cells(o('p', { spec: { maxUnavailable: '50%' } }), NOW), ['p', 'N/A', '50%', 0, '60s']],
    ['priority class', priorityClassPrinter.cells(o('system-node-critical', { value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' }), NOW), ['system-node-critical', 2000001000, false, '60s', 'PreemptLowerPriority']],
    ['global default pc', priorityClassPrinter.cells(o('d', { value: 5, globalDefault: true }), NOW), ['d', 5, true, '60s', '']],
    ['workload', workloadPrinter.cells(o('w', { spec: {} }), NOW), ['w', '60s']],
    ['netpol empty selector', networkPolicyPrinter.cells(o('deny', { spec: { podSelector: {} } }), NOW), ['deny', '<none>', '60s']],
    ['netpol selector', networkPolicyPrinter.cells(o('np', { spec: { podSelector: { matchLabels: { app: 'db' } } } }), NOW), ['np', 'app=db', '60s']],
    ['ingress class', ingressClassPrinter.cells(o('nginx', { spec: { controller: 'k8s.io/ingress-nginx' } }), NOW), ['nginx', 'k8s.io/ingress-nginx', '<none>', '60s']],
    [
      'ingress class params',
      ingressClassPrinter.cells(o('x', { spec: { controller: 'c', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'p' } } }), NOW),
      ['x', 'c', 'IngressParameters.k8s.example.com/p', '60s'],
    ],
    ['ingress class core params', ingressClassPrinter.cells(o('y', { spec: { controller: 'c', parameters: { kind: 'ConfigMap', name: 'cfg' } } }), NOW), ['y', 'c', 'ConfigMap/cfg', '60s']],
  ];
  for (const [desc, got, want] of cases) assert.deepEqual(got, want, desc);
  assert.deepEqual(priorityClassPrinter.columns.map((c) => `${c.name}:${c.type}:${c.priority}`), ['Name:string:0', 'Value:integer:0', 'Global-Default:boolean:0', 'Age:string:0', 'PreemptionPolicy:string:0']);
});

test('role bindings list subjects in wide columns', () => {
  const rb = o('rb', {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
    subjects: [
      { kind: 'User', name: 'alice' },
      { kind: 'User', name: 'bob' },
      { kind: 'Group', name: 'devs' },
      { kind: 'ServiceAccount', namespace: 'kube-system', name: 'ctrl' },
    ],
  });
  assert.deepEqual(roleBindingPrinter.cells(rb, NOW), ['rb', 'ClusterRole/admin', '60s', 'alice, bob', 'devs', 'kube-system/ctrl']);
  assert.deepEqual(clusterRoleBindingPrinter.cells(o('crb', { roleRef: { kind: 'ClusterRole', name: 'view' } }), NOW), ['crb', 'ClusterRole/view', '60s', '', '', '']);
  assert.deepEqual(roleBindingPrinter.columns.map((c) => `${c.name}:${c.priority}`), ['Name:0', 'Role:0', 'Age:0', 'Users:1', 'Groups:1', 'ServiceAccounts:1']);
});

test('endpoint slices', () => {
  const es = o('web-abc', {
    addressType: 'IPv4',
    ports: [{ port: 80 }, { name: 'metrics' }, {}, { port: 443 }],
    endpoints: [{ addresses: ['10.0.0.1', '10.0.0.2'] }, { addresses: ['10.0.0.3'] }, { addresses: ['10.0.0.4'] }],
  });
  assert.deepEqual(endpointSlicePrinter.cells(es, NOW), ['web-abc', 'IPv4', '80,metrics,* + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...', '60s']);
  assert.deepEqual(endpointSlicePrinter.cells(o('empty', { addressType: 'IPv6' }), NOW), ['empty', 'IPv6', '<unset>', '<unset>', '60s']);
});

test('ingresses', () => {
  const cases: Array<[Record<string, unknown>, Record<string, unknown>, unknown[]]> = [
    [{ ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }] }, {}, ['ing', 'nginx', 'a.example.com', '', '80', '60s']],
    [{ rules: [{}], tls: [{ hosts: ['x'] }] }, { loadBalancer: { ingress: [{ ip: '5.6.7.8' }, { hostname: 'lb.example' }, { ip: '1.2.3.4' }] } }, ['ing', '<none>', '*', '1.2.3.4,5.6.7.8,lb.example', '80, 443', '60s']],
    [{ rules: [{ host: 'a' }, { host: 'b' }, {}, { host: 'c' }, { host: 'd' }] }, {}, ['ing', '<none>', 'a,b,c + 2 more...', '', '80', '60s']],
  ];
  for (const [spec, status, want] of cases) assert.deepEqual(ingressPrinter.cells(o('ing', { spec, status }), NOW), want, JSON.stringify(spec));
});
