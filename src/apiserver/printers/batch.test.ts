import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/meta.js';
import { cronJobPrinter, jobPrinter } from './batch.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();
const cond = (type: string, status = 'True') => ({ type, status });

function job(o: { spec?: Record<string, unknown>; status?: Record<string, unknown>; deleting?: boolean; age?: number }): KubeObject {
  return {
    metadata: { name: 'j', creationTimestamp: ago(o.age ?? 120), ...(o.deleting ? { deletionTimestamp: ago(1) } : {}) },
    spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } }, selector: { matchLabels: { 'batch.kubernetes.io/job-name': 'j' } }, ...o.spec },
    status: o.status ?? {},
  };
}

test('job STATUS / COMPLETIONS / DURATION / AGE', () => {
  const cases: Array<[string, KubeObject, string, string, string, string]> = [
    [
      'complete',
      job({ spec: { completions: 1 }, status: { succeeded: 1, startTime: ago(120), completionTime: ago(112), conditions: [cond('SuccessCriteriaMet'), cond('Complete')] } }),
      'Complete', '1/1', '8s', '2m',
    ],
    ['running with parallelism', job({ spec: { parallelism: 3 }, status: { succeeded: 2, startTime: ago(61) }, age: 61 }), 'Running', '2/1 of 3', '61s', '61s'],
    ['running, parallelism 1', job({ spec: { parallelism: 1 }, status: { startTime: ago(10) } }), 'Running', '0/1', '10s', '2m'],
    ['suspended, never started', job({ spec: { completions: 5, suspend: true }, status: { conditions: [cond('Suspended')] }, age: 3 }), 'Suspended', '0/5', '', '3s'],
    ['failed keeps growing duration', job({ spec: { completions: 1 }, status: { startTime: ago(300), conditions: [cond('FailureTarget'), cond('Failed')] } }), 'Failed', '0/1', '5m', '2m'],
    ['failure target', job({ spec: { completions: 1 }, status: { startTime: ago(30), conditions: [cond('FailureTarget')] } }), 'FailureTarget', '0/1', '30s', '2m'],
    ['success criteria met', job({ spec: { completions: 2 }, status: { succeeded: 2, startTime: ago(30), conditions: [cond('SuccessCriteriaMet')] } }), 'SuccessCriteriaMet', '2/2', '30s', '2m'],
    ['terminating wins over suspended', job({ status: { conditions: [cond('Suspended')] }, deleting: true }), 'Terminating', '0/1', '', '2m'],
    ['complete wins over deletion', job({ status: { conditions: [cond('Complete')] }, deleting: true }), 'Complete', '0/1', '', '2m'],
    ['condition with status False does not count', job({ status: { conditions: [cond('Complete', 'False')] } }), 'Running', '0/1', '', '2m'],
  ];
  for (const [desc, j, status, completions, duration, age] of cases) {
    assert.deepEqual(jobPrinter.cells(j, NOW).slice(1, 5), [status, completions, duration, age], desc);
  }
  assert.deepEqual(jobPrinter.cells(job({}), NOW).slice(5), ['pi', 'perl', 'batch.kubernetes.io/job-name=j']);
});

test('cron jobs', () => {
  const cj = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({
    metadata: { name: 'hello', creationTimestamp: ago(600) },
    spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } }, ...spec },
    status,
  });
  assert.deepEqual(cronJobPrinter.cells(cj({ suspend: false }, { active: [], lastScheduleTime: ago(45) }), NOW), [
    'hello', '*/1 * * * *', '<none>', 'False', 0, '45s', '10m', 'c', 'busybox', '<none>',
  ]);
  assert.deepEqual(cronJobPrinter.cells(cj({ timeZone: 'Etc/UTC' }, { active: [{ name: 'a' }, { name: 'b' }] }), NOW).slice(2, 6), ['Etc/UTC', '<unset>', 2, '<none>']);
  assert.equal(cronJobPrinter.cells(cj({ suspend: true }), NOW)[3], 'True');
  assert.deepEqual(
    cronJobPrinter.columns.map((c) => `${c.name}:${c.type}:${c.priority}`),
    ['Name:string:0', 'Schedule:string:0', 'Timezone:string:0', 'Suspend:boolean:0', 'Active:integer:0', 'Last Schedule:string:0', 'Age:string:0', 'Containers:string:1', 'Images:string:1', 'Selector:string:1'],
  );
});
