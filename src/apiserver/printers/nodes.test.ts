import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/meta.js';
import { nodePrinter } from './nodes.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

function node(o: { ready?: string; unschedulable?: boolean; labels?: Record<string, string>; age?: number; version?: string }): KubeObject {
  return {
    metadata: { name: 'n', creationTimestamp: ago(o.age ?? 60), labels: o.labels ?? {} },
    spec: o.unschedulable ? { unschedulable: true } : {},
    status: {
      conditions: o.ready === undefined ? [{ type: 'MemoryPressure', status: 'False' }] : [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: o.ready }],
      nodeInfo: { kubeletVersion: o.version ?? 'v1.35.0' },
    },
  };
}

test('node STATUS / ROLES / AGE / VERSION', () => {
  const cases: Array<[string, KubeObject, string, string, string, string]> = [
    ['ready control plane', node({ ready: 'True', labels: { 'node-role.kubernetes.io/control-plane': '' }, age: 6 * 86400 + 4 * 3600 }), 'Ready', 'control-plane', '6d4h', 'v1.35.0'],
    ['cordoned', node({ ready: 'True', unschedulable: true, age: 6 * 86400 }), 'Ready,SchedulingDisabled', '<none>', '6d', 'v1.35.0'],
    ['not ready, role label value', node({ ready: 'False', labels: { 'kubernetes.io/role': 'worker' }, age: 47 * 3600 }), 'NotReady', 'worker', '47h', 'v1.35.0'],
    ['Unknown status counts as NotReady', node({ ready: 'Unknown' }), 'NotReady', '<none>', '60s', 'v1.35.0'],
    ['no Ready condition', node({ age: 2, version: '' }), 'Unknown', '<none>', '2s', ''],
    ['no Ready condition, cordoned', node({ unschedulable: true }), 'Unknown,SchedulingDisabled', '<none>', '60s', 'v1.35.0'],
    [
      'roles sorted and de-duplicated, empty suffix skipped',
      node({ ready: 'True', labels: { 'node-role.kubernetes.io/worker': 'x', 'node-role.kubernetes.io/': '', 'kubernetes.io/role': 'infra', 'node-role.kubernetes.io/infra': '' } }),
      'Ready', 'infra,worker', '60s', 'v1.35.0',
    ],
  ];
  for (const [desc, n, status, roles, age, version] of cases) {
    assert.deepEqual(nodePrinter.cells(n, NOW).slice(1, 5), [status, roles, age, version], desc);
  }
});

test('node wide cells and columns', () => {
  const n = node({ ready: 'True' });
  Object.assign(n.status as object, {
    addresses: [{ type: 'Hostname', address: 'n' }, { type: 'InternalIP', address: '172.18.0.2' }, { type: 'InternalIP', address: '172.18.0.3' }],
    nodeInfo: { kubeletVersion: 'v1.35.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0', containerRuntimeVersion: 'containerd://2.1.0' },
  });
  assert.deepEqual(nodePrinter.cells(n, NOW).slice(5), ['172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0', 'containerd://2.1.0']);
  assert.deepEqual(nodePrinter.cells(node({}), NOW).slice(5), ['<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  assert.deepEqual(
    nodePrinter.columns.map((c) => `${c.name}:${c.priority}`),
    ['Name:0', 'Status:0', 'Roles:0', 'Age:0', 'Version:0', 'Internal-IP:1', 'External-IP:1', 'OS-Image:1', 'Kernel-Version:1', 'Container-Runtime:1'],
  );
});
