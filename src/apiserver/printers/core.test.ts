import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/meta.js';
import {
  configMapPrinter,
  endpointsPrinter,
  namespacePrinter,
  podTemplatePrinter,
  replicationControllerPrinter,
  resourceQuotaPrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './core.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const meta = (name: string, ageS = 60) => ({ name, namespace: 'default', creationTimestamp: new Date(NOW - ageS * 1000).toISOString() });

test('service rows', () => {
  const svc = (name: string, spec: Record<string, unknown>, status: Record<string, unknown> = {}, ageS = 60): KubeObject => ({ metadata: meta(name, ageS), spec, status });
  const cases: Array<[KubeObject, unknown[]]> = [
    [
      svc('kubernetes', { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] }, {}, 6 * 86400 + 4 * 3600),
      ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '6d4h', '<none>'],
    ],
    [
      svc('web', { type: 'NodePort', clusterIPs: ['10.96.12.34'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'web' } }, {}, 300),
      ['web', 'NodePort', '10.96.12.34', '<none>', '80:30080/TCP', '5m', 'app=web'],
    ],
    [svc('lb', { type: 'LoadBalancer', clusterIPs: ['10.96.1.2'], ports: [{ port: 80, nodePort: 31234, protocol: 'TCP' }] }), ['lb', 'LoadBalancer', '10.96.1.2', '<pending>', '80:31234/TCP', '60s', '<none>']],
    [
      svc('lb2', { type: 'LoadBalancer', clusterIPs: ['10.96.1.3'], externalIPs: ['9.9.9.9'], ports: [] }, { loadBalancer: { ingress: [{ hostname: 'a-very-long-hostname.example.com' }, { ip: '1.2.3.4' }] } }),
      ['lb2', 'LoadBalancer', '10.96.1.3', '1.2.3.4,a-very-long-hostname.example.com,9.9.9.9', '<none>', '60s', '<none>'],
    ],
    [svc('db', { type: 'ClusterIP', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }] }), ['db', 'ClusterIP', 'None', '<none>', '5432/TCP', '60s', '<none>']],
    [svc('ext', { type: 'ExternalName', externalName: 'example.com' }), ['ext', 'ExternalName', '<none>', 'example.com', '<none>', '60s', '<none>']],
    [
      svc('multi', { type: 'ClusterIP', clusterIPs: ['10.0.0.9'], externalIPs: ['1.1.1.1', '2.2.2.2'], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }),
      ['multi', 'ClusterIP', '10.0.0.9', '1.1.1.1,2.2.2.2', '53/UDP,53/TCP', '60s', '<none>'],
    ],
    [svc('odd', {}), ['odd', '', '<none>', '<unknown>', '<none>', '60s', '<none>']],
  ];
  for (const [s, want] of cases) assert.deepEqual(servicePrinter.cells(s, NOW), want, s.metadata?.name);
  assert.deepEqual(servicePrinter.columns.map((c) => c.name), ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector']);
});

test('endpoints cell', () => {
  const ep = (subsets: unknown): KubeObject => ({ metadata: meta('e'), subsets });
  const addrs = (...ips: string[]) => ips.map((ip) => ({ ip }));
  const cases: Array<[unknown, string]> = [
    [undefined, '<none>'],
    [[], '<none>'],
    [[{ addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }] }], '10.0.0.1:80,10.0.0.2:80'],
    [[{ addresses: addrs('10.0.0.1'), ports: [{ port: 80 }, { port: 443 }] }], '10.0.0.1:80,10.0.0.1:443'],
    [[{ addresses: addrs('10.0.0.1', '10.0.0.2') }], '10.0.0.1,10.0.0.2'],
    [[{ addresses: addrs('1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4', '5.5.5.5'), ports: [{ port: 8080 }] }], '1.1.1.1:8080,2.2.2.2:8080,3.3.3.3:8080 + 2 more...'],
    [[{ addresses: addrs('fd00::1'), ports: [{ port: 80 }] }], '[fd00::1]:80'],
    [[{ notReadyAddresses: addrs('10.0.0.9'), ports: [{ port: 80 }] }], ''],
  ];
  for (const [subsets, want] of cases) assert.deepEqual(endpointsPrinter.cells(ep(subsets), NOW), ['e', want, '60s'], JSON.stringify(subsets));
});

test('simple core tables', () => {
  const cases: Array<[string, unknown[], unknown[], string[]]> = [
    ['namespace', namespacePrinter.cells({ metadata: meta('kube-system', 600), status: { phase: 'Active' } }, NOW), ['kube-system', 'Active', '10m'], ['Name', 'Status', 'Age']],
    ['configmap', configMapPrinter.cells({ metadata: meta('cm'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }, NOW), ['cm', 3, '60s'], ['Name', 'Data', 'Age']],
    ['empty configmap', configMapPrinter.cells({ metadata: meta('cm') }, NOW), ['cm', 0, '60s'], ['Name', 'Data', 'Age']],
    [
      'secret',
      secretPrinter.cells({ metadata: meta('s'), type: 'kubernetes.io/service-account-token', data: { token: 'eA==', 'ca.crt': 'eA==' } }, NOW),
      ['s', 'kubernetes.io/service-account-token', 2, '60s'],
      ['Name', 'Type', 'Data', 'Age'],
    ],
    ['serviceaccount', serviceAccountPrinter.cells({ metadata: meta('default'), secrets: [{ name: 'x' }] }, NOW), ['default', '60s'], ['Name', 'Age']],
  ];
  const printers = { namespace: namespacePrinter, configmap: configMapPrinter, 'empty configmap': configMapPrinter, secret: secretPrinter, serviceaccount: serviceAccountPrinter };
  for (const [desc, got, want, cols] of cases) {
    assert.deepEqual(got, want, desc);
    assert.deepEqual(printers[desc as keyof typeof printers].columns.map((c) => c.name), cols, desc);
  }
  assert.equal(configMapPrinter.columns[1]?.type, 'string', 'Data is declared string but carries an integer');
});

test('resource quota Request/Limit columns', () => {
  const rq: KubeObject = {
    metadata: meta('q'),
    status: {
      hard: { pods: '10', 'requests.cpu': '1', 'limits.cpu': '2', 'limits.memory': '1Gi' },
      used: { pods: '1', 'requests.cpu': '500m', 'limits.cpu': '1' },
    },
  };
  assert.deepEqual(resourceQuotaPrinter.cells(rq, NOW), ['q', 'pods: 1/10, requests.cpu: 500m/1', 'limits.cpu: 1/2, limits.memory: 0/1Gi', '60s']);
  assert.deepEqual(resourceQuotaPrinter.cells({ metadata: meta('empty') }, NOW), ['empty', '', '', '60s']);
});

test('replication controllers and pod templates', () => {
  const rc: KubeObject = {
    metadata: meta('rc'),
    spec: { replicas: 3, selector: { app: 'x' }, template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    status: { replicas: 3, readyReplicas: 2 },
  };
  assert.deepEqual(replicationControllerPrinter.cells(rc, NOW), ['rc', 3, 3, 2, '60s', 'c', 'nginx', 'app=x']);
  assert.deepEqual(
    replicationControllerPrinter.columns.map((c) => `${c.name}:${c.type}:${c.priority}`),
    ['Name:string:0', 'Desired:integer:0', 'Current:integer:0', 'Ready:integer:0', 'Age:string:0', 'Containers:string:1', 'Images:string:1', 'Selector:string:1'],
  );
  const pt: KubeObject = { metadata: meta('pt'), template: { metadata: { labels: { b: '2', a: '1' } }, spec: { containers: [{ name: 'a', image: 'i1' }, { name: 'b', image: 'i2' }] } } };
  assert.deepEqual(podTemplatePrinter.cells(pt, NOW), ['pt', 'a,b', 'i1,i2', 'a=1,b=2']);
  assert.deepEqual(podTemplatePrinter.columns.map((c) => c.name), ['Name', 'Containers', 'Images', 'Pod Labels']);
});
