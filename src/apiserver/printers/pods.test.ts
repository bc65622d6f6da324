import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/meta.js';
import { podPrinter } from './pods.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

const running = (name: string, extra: Record<string, unknown> = {}) => ({ name, ready: true, restartCount: 0, state: { running: { startedAt: ago(60) } }, ...extra });
const waiting = (name: string, reason: string, extra: Record<string, unknown> = {}) => ({ name, ready: false, restartCount: 0, state: { waiting: { reason } }, ...extra });
const terminated = (name: string, t: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ name, ready: false, restartCount: 0, state: { terminated: t }, ...extra });
const lastDied = (s: number) => ({ lastState: { terminated: { exitCode: 1, finishedAt: ago(s) } } });

interface PodOpts {
  containers?: string[];
  init?: Array<{ name: string; restartPolicy?: string }>;
  phase?: string;
  reason?: string;
  conditions?: Array<Record<string, unknown>>;
  statuses?: Array<Record<string, unknown>>;
  initStatuses?: Array<Record<string, unknown>>;
  deleting?: boolean;
  age?: number;
}

function pod(o: PodOpts): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(o.age ?? 60), ...(o.deleting ? { deletionTimestamp: ago(1) } : {}) },
    spec: { containers: (o.containers ?? ['app']).map((name) => ({ name, image: 'img' })), ...(o.init ? { initContainers: o.init } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.reason ? { reason: o.reason } : {}),
      ...(o.conditions ? { conditions: o.conditions } : {}),
      ...(o.statuses ? { containerStatuses: o.statuses } : {}),
      ...(o.initStatuses ? { initContainerStatuses: o.initStatuses } : {}),
    },
  };
}

const TWO_INITS = [{ name: 'i1' }, { name: 'i2' }];

// [description, pod, READY, STATUS, RESTARTS, AGE]
const cases: Array<[string, KubeObject, string, string, string, string]> = [
  ['running', pod({ statuses: [running('app')], age: 180 }), '1/1', 'Running', '0', '3m'],
  ['pending, no statuses', pod({ phase: 'Pending', age: 2 }), '0/1', 'Pending', '0', '2s'],
  ['container creating', pod({ phase: 'Pending', statuses: [waiting('app', 'ContainerCreating')], age: 4 }), '0/1', 'ContainerCreating', '0', '4s'],
  [
    'scheduling gated',
    pod({ phase: 'Pending', containers: ['a', 'b'], conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }], age: 5 }),
    '0/2', 'SchedulingGated', '0', '5s',
  ],
  ['Init:0/2', pod({ phase: 'Pending', init: TWO_INITS, initStatuses: [running('i1', { ready: false }), waiting('i2', 'PodInitializing')], age: 10 }), '0/1', 'Init:0/2', '0', '10s'],
  [
    'Init:1/2 with restarts',
    pod({ phase: 'Pending', init: TWO_INITS, initStatuses: [terminated('i1', { exitCode: 0, reason: 'Completed' }), running('i2', { ready: false, restartCount: 3, ...lastDied(10) })], age: 60 }),
    '0/1', 'Init:1/2', '3 (10s ago)', '60s',
  ],
  [
    'Init:CrashLoopBackOff',
    pod({ phase: 'Pending', init: TWO_INITS, initStatuses: [waiting('i1', 'CrashLoopBackOff', { restartCount: 4, ...lastDied(20) }), waiting('i2', 'PodInitializing')], age: 180 }),
    '0/1', 'Init:CrashLoopBackOff', '4 (20s ago)', '3m',
  ],
  [
    'Init:Error',
    pod({ phase: 'Pending', init: TWO_INITS, initStatuses: [terminated('i1', { exitCode: 1, reason: 'Error' }, { restartCount: 1, ...lastDied(3) })], age: 40 }),
    '0/1', 'Init:Error', '1 (3s ago)', '40s',
  ],
  ['Init:Signal', pod({ phase: 'Pending', init: TWO_INITS, initStatuses: [terminated('i1', { exitCode: 137, signal: 9 })] }), '0/1', 'Init:Signal:9', '0', '60s'],
  ['Init:ExitCode', pod({ phase: 'Pending', init: TWO_INITS, initStatuses: [terminated('i1', { exitCode: 2 })] }), '0/1', 'Init:ExitCode:2', '0', '60s'],
  [
    'PodInitializing after inits',
    pod({ phase: 'Pending', init: TWO_INITS, initStatuses: [terminated('i1', { exitCode: 0 }), terminated('i2', { exitCode: 0 })], statuses: [waiting('app', 'PodInitializing')], age: 15 }),
    '0/1', 'PodInitializing', '0', '15s',
  ],
  ['CrashLoopBackOff', pod({ statuses: [waiting('app', 'CrashLoopBackOff', { restartCount: 5, ...lastDied(32) })], age: 240 }), '0/1', 'CrashLoopBackOff', '5 (32s ago)', '4m'],
  ['OOMKilled', pod({ statuses: [terminated('app', { exitCode: 137, reason: 'OOMKilled' }, { restartCount: 2, ...lastDied(5) })] }), '0/1', 'OOMKilled', '2 (5s ago)', '60s'],
  ['ExitCode without reason', pod({ statuses: [terminated('app', { exitCode: 3 })] }), '0/1', 'ExitCode:3', '0', '60s'],
  ['Signal without reason', pod({ statuses: [terminated('app', { exitCode: 143, signal: 15 })] }), '0/1', 'Signal:15', '0', '60s'],
  ['Completed', pod({ phase: 'Succeeded', statuses: [terminated('app', { exitCode: 0, reason: 'Completed' })], age: 120 }), '0/1', 'Completed', '0', '2m'],
  ['Error', pod({ phase: 'Failed', statuses: [terminated('app', { exitCode: 1, reason: 'Error' })], age: 120 }), '0/1', 'Error', '0', '2m'],
  [
    'Completed container but another still runs, not Ready',
    pod({ containers: ['a', 'b'], statuses: [terminated('a', { exitCode: 0, reason: 'Completed' }, { restartCount: 6 }), running('b')], conditions: [{ type: 'Ready', status: 'False' }] }),
    '1/2', 'NotReady', '6', '60s',
  ],
  [
    'Completed container but another still runs, Ready',
    pod({ containers: ['a', 'b'], statuses: [terminated('a', { exitCode: 0, reason: 'Completed' }), running('b')], conditions: [{ type: 'Ready', status: 'True' }] }),
    '1/2', 'Running', '0', '60s',
  ],
  ['first container state wins', pod({ containers: ['a', 'b'], statuses: [waiting('a', 'ErrImagePull'), waiting('b', 'ContainerCreating')] }), '0/2', 'ErrImagePull', '0', '60s'],
  [
    'sidecar running and ready',
    pod({ init: [{ name: 'sc', restartPolicy: 'Always' }], initStatuses: [running('sc', { started: true })], statuses: [running('app')], conditions: [{ type: 'Initialized', status: 'True' }] }),
    '2/2', 'Running', '0', '60s',
  ],
  [
    'sidecar started but later init restarting',
    pod({
      phase: 'Pending',
      containers: ['a', 'b'],
      init: [{ name: 'sc', restartPolicy: 'Always' }, { name: 'setup' }],
      initStatuses: [running('sc', { started: true, ready: false }), running('setup', { ready: false, restartCount: 3, ...lastDied(10) })],
      age: 30,
    }),
    '0/3', 'Init:1/2', '3 (10s ago)', '30s',
  ],
  [
    'sidecar restarts count once initialized, plain init restarts do not',
    pod({
      init: [{ name: 'setup' }, { name: 'sc', restartPolicy: 'Always' }],
      initStatuses: [terminated('setup', { exitCode: 0 }, { restartCount: 7, ...lastDied(5) }), running('sc', { started: true, restartCount: 2, ...lastDied(100) })],
      statuses: [running('app', { restartCount: 1, ...lastDied(400) })],
      conditions: [{ type: 'Initialized', status: 'True' }],
    }),
    '2/2', 'Running', '3 (100s ago)', '60s',
  ],
  [
    // Upstream quirk: a running container does not reset the reason, so the init reason stays.
    'Initialized=True counts containers but keeps the init reason',
    pod({ init: TWO_INITS, initStatuses: [waiting('i1', 'CrashLoopBackOff')], statuses: [running('app')], conditions: [{ type: 'Initialized', status: 'True' }] }),
    '1/1', 'Init:CrashLoopBackOff', '0', '60s',
  ],
  [
    'Initialized=True lets a waiting container override the init reason',
    pod({ init: TWO_INITS, initStatuses: [waiting('i1', 'CrashLoopBackOff')], statuses: [waiting('app', 'ContainerCreating')], conditions: [{ type: 'Initialized', status: 'True' }] }),
    '0/1', 'ContainerCreating', '0', '60s',
  ],
  ['Terminating', pod({ statuses: [running('app')], deleting: true, age: 600 }), '1/1', 'Terminating', '0', '10m'],
  ['NodeLost while deleting shows Unknown', pod({ reason: 'NodeLost', statuses: [running('app')], deleting: true }), '1/1', 'Unknown', '0', '60s'],
  ['NodeLost', pod({ reason: 'NodeLost' }), '0/1', 'NodeLost', '0', '60s'],
  ['finished pod being deleted keeps Completed', pod({ phase: 'Succeeded', statuses: [terminated('app', { exitCode: 0, reason: 'Completed' })], deleting: true }), '0/1', 'Completed', '0', '60s'],
  ['Evicted', pod({ phase: 'Failed', reason: 'Evicted' }), '0/1', 'Evicted', '0', '60s'],
  ['restarts without a finish time print bare', pod({ statuses: [running('app', { restartCount: 2 })] }), '1/1', 'Running', '2', '60s'],
];

test('pod READY / STATUS / RESTARTS / AGE', () => {
  for (const [desc, p, ready, status, restarts, age] of cases) {
    const cells = podPrinter.cells(p, NOW);
    assert.deepEqual(cells.slice(1, 5), [ready, status, restarts, age], desc);
  }
});

test('pod columns match upstream', () => {
  assert.deepEqual(
    podPrinter.columns.map((c) => [c.name, c.type, c.format, c.priority]),
    [
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ],
  );
});

test('pod wide cells', () => {
  const bare = pod({});
  assert.deepEqual(podPrinter.cells(bare, NOW).slice(5), ['<none>', '<none>', '<none>', '<none>']);
  const p = pod({ statuses: [running('app')] });
  (p.spec as Record<string, unknown>).nodeName = 'node1';
  (p.spec as Record<string, unknown>).readinessGates = [{ conditionType: 'a' }, { conditionType: 'b' }, { conditionType: 'c' }];
  Object.assign(p.status as object, {
    podIPs: [{ ip: '10.244.1.5' }, { ip: 'fd00::5' }],
    nominatedNodeName: 'node2',
    conditions: [{ type: 'a', status: 'True' }, { type: 'b', status: 'False' }],
  });
  const cells = podPrinter.cells(p, NOW);
  assert.equal(cells.length, podPrinter.columns.length);
  assert.deepEqual(cells.slice(5), ['10.244.1.5', 'node1', 'node2', '1/3']);
  assert.equal(cells[0], 'p');
});

test('pod row conditions mark finished pods', () => {
  assert.deepEqual(podPrinter.conditions?.(pod({ phase: 'Succeeded' })), [
    { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
  ]);
  assert.deepEqual(podPrinter.conditions?.(pod({ phase: 'Failed' })), [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
  assert.equal(podPrinter.conditions?.(pod({ phase: 'Running' })), undefined);
});
