import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coreEventPrinter, eventsV1Printer } from './events.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

test('event columns: Name is last and wide-only', () => {
  assert.deepEqual(
    coreEventPrinter.columns.map((c) => [c.name, c.type, c.format, c.priority]),
    [
      ['Last Seen', 'string', '', 0],
      ['Type', 'string', '', 0],
      ['Reason', 'string', '', 0],
      ['Object', 'string', '', 0],
      ['Subobject', 'string', '', 1],
      ['Source', 'string', '', 1],
      ['Message', 'string', '', 0],
      ['First Seen', 'string', '', 1],
      ['Count', 'string', '', 1],
      ['Name', 'string', 'name', 1],
    ],
  );
  assert.equal(eventsV1Printer.columns, coreEventPrinter.columns);
});

test('core event cells', () => {
  const cases: Array<[string, Record<string, unknown>, unknown[]]> = [
    [
      'classic event',
      {
        metadata: { name: 'nginx.1' },
        type: 'Normal',
        reason: 'Scheduled',
        involvedObject: { kind: 'Pod', name: 'nginx-7c5-x2k9p', fieldPath: 'spec.containers{nginx}' },
        source: { component: 'default-scheduler' },
        message: '  Successfully assigned default/nginx-7c5-x2k9p to w1\n',
        firstTimestamp: ago(300),
        lastTimestamp: ago(125),
        count: 3,
      },
      ['2m5s', 'Normal', 'Scheduled', 'pod/nginx-7c5-x2k9p', 'spec.containers{nginx}', 'default-scheduler', 'Successfully assigned default/nginx-7c5-x2k9p to w1', '5m', 3, 'nginx.1'],
    ],
    [
      'new-style event: eventTime, reporting fields, count 0 becomes 1',
      {
        metadata: { name: 'e2' },
        type: 'Warning',
        reason: 'BackOff',
        involvedObject: { kind: 'Node' },
        // core/v1's name for the reporting controller
        reportingComponent: 'kubelet',
        reportingInstance: 'w1',
        message: 'x',
        eventTime: ago(45),
      },
      ['45s', 'Warning', 'BackOff', 'node', '', 'kubelet, w1', 'x', '45s', 1, 'e2'],
    ],
    [
      'series overrides last seen and count',
      {
        metadata: { name: 'e3' },
        type: 'Warning',
        reason: 'BackOff',
        involvedObject: { kind: 'Pod', name: 'crash' },
        source: { component: 'kubelet', host: 'w2' },
        message: 'Back-off',
        eventTime: ago(600),
        series: { count: 7, lastObservedTime: ago(20) },
        count: 2,
      },
      ['20s', 'Warning', 'BackOff', 'pod/crash', '', 'kubelet, w2', 'Back-off', '10m', 7, 'e3'],
    ],
    ['no times at all', { metadata: { name: 'e4' } }, ['<unknown>', '', '', '', '', '', '', '<unknown>', 1, 'e4']],
  ];
  for (const [desc, ev, want] of cases) assert.deepEqual(coreEventPrinter.cells(ev, NOW), want, desc);
});

test('events.k8s.io/v1 events print like their core form', () => {
  const v1 = {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: 'nginx.1' },
    type: 'Normal',
    reason: 'Pulled',
    regarding: { kind: 'Pod', name: 'nginx', fieldPath: 'spec.containers{nginx}' },
    note: 'Pulled image ',
    deprecatedSource: { component: 'kubelet', host: 'w1' },
    deprecatedFirstTimestamp: ago(120),
    deprecatedLastTimestamp: ago(60),
    deprecatedCount: 4,
  };
  assert.deepEqual(eventsV1Printer.cells(v1, NOW), ['60s', 'Normal', 'Pulled', 'pod/nginx', 'spec.containers{nginx}', 'kubelet, w1', 'Pulled image', '2m', 4, 'nginx.1']);
});
