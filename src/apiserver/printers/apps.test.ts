import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/meta.js';
import { controllerRevisionPrinter, daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './apps.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'default', creationTimestamp: new Date(NOW - 300_000).toISOString(), ...extra });
const template = { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] } };

test('deployment READY / UP-TO-DATE / AVAILABLE and selector string', () => {
  const cases: Array<[string, KubeObject, unknown[]]> = [
    [
      'rolling out',
      { metadata: meta('nginx'), spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } },
      ['nginx', '2/3', 3, 2, '5m', 'nginx,side', 'nginx:1.27,busybox', 'app=nginx'],
    ],
    ['fresh, no status, nil selector', { metadata: meta('new'), spec: { replicas: 1, template } }, ['new', '0/1', 0, 0, '5m', 'nginx,side', 'nginx:1.27,busybox', '']],
    [
      'invalid selector',
      { metadata: meta('bad'), spec: { replicas: 0, selector: { matchExpressions: [{ key: 'a', operator: 'Bogus' }] } } },
      ['bad', '0/0', 0, 0, '5m', '', '', '<invalid>'],
    ],
  ];
  for (const [desc, d, want] of cases) assert.deepEqual(deploymentPrinter.cells(d, NOW), want, desc);
  assert.deepEqual(
    deploymentPrinter.columns.map((c) => `${c.name}:${c.type}:${c.priority}`),
    ['Name:string:0', 'Ready:string:0', 'Up-to-date:string:0', 'Available:string:0', 'Age:string:0', 'Containers:string:1', 'Images:string:1', 'Selector:string:1'],
  );
});

test('replica sets, stateful sets and daemon sets', () => {
  const rs: KubeObject = { metadata: meta('nginx-7c5ddbdf54'), spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '7c5ddbdf54' } }, template }, status: { replicas: 3, readyReplicas: 2 } };
  assert.deepEqual(replicaSetPrinter.cells(rs, NOW), ['nginx-7c5ddbdf54', 3, 3, 2, '5m', 'nginx,side', 'nginx:1.27,busybox', 'app=nginx,pod-template-hash=7c5ddbdf54']);
  assert.equal(replicaSetPrinter.cells({ metadata: meta('x') }, NOW)[7], '<none>');
  const sts: KubeObject = { metadata: meta('web'), spec: { replicas: 2, template }, status: { readyReplicas: 1 } };
  assert.deepEqual(statefulSetPrinter.cells(sts, NOW), ['web', '1/2', '5m', 'nginx,side', 'nginx:1.27,busybox']);
  const ds: KubeObject = {
    metadata: meta('kube-proxy'),
    spec: { selector: { matchLabels: { k8s: 'kube-proxy' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'kube-proxy', image: 'kp' }] } } },
    status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3 },
  };
  assert.deepEqual(daemonSetPrinter.cells(ds, NOW), ['kube-proxy', 3, 3, 3, 3, 3, 'kubernetes.io/os=linux', '5m', 'kube-proxy', 'kp', 'k8s=kube-proxy']);
  assert.deepEqual(daemonSetPrinter.columns.map((c) => c.name), ['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers', 'Images', 'Selector']);
});

test('controller revisions name their controller as kind.group/name', () => {
  const owner = (apiVersion: string, kind: string, controller: boolean) => ({ apiVersion, kind, name: 'fluentd', uid: 'u', controller });
  const cases: Array<[unknown[], string]> = [
    [[owner('apps/v1', 'DaemonSet', true)], 'daemonset.apps/fluentd'],
    [[owner('v1', 'Pod', true)], 'pod/fluentd'],
    [[owner('apps/v1', 'DaemonSet', false)], '<none>'],
    [[], '<none>'],
  ];
  for (const [refs, want] of cases) {
    const cr = { metadata: meta('fluentd-5d8f', { ownerReferences: refs }), revision: 4 } as KubeObject;
    assert.deepEqual(controllerRevisionPrinter.cells(cr, NOW), ['fluentd-5d8f', want, 4, '5m']);
  }
});
