import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateJobStatusUpdate } from './job-status.js';
import { job, render } from './fixtures.js';

const T0 = '2025-01-01T10:00:00Z';
const T1 = '2025-01-01T10:05:00Z';
const cond = (type: string) => ({ type, status: 'True' });

/** withStatus returns a Job (optionally with spec overrides) carrying `status`. */
function withStatus(status: Record<string, unknown>, spec: Record<string, unknown> = {}): any {
  const j = job(spec);
  j.status = status;
  return j;
}

test('job status update vectors (spec §5.4)', () => {
  const running = { startTime: T0, active: 1 };
  const complete = { startTime: T0, completionTime: T0, succeeded: 1, conditions: [cond('SuccessCriteriaMet'), cond('Complete')] };
  const cases: Array<[string, any, any, string[]]> = [
    ['Failed with FailureTarget', withStatus({ startTime: T0, active: 0, failed: 1, conditions: [cond('FailureTarget'), cond('Failed')] }), withStatus(running), []],
    [
      'Failed alone',
      withStatus({ startTime: T0, active: 0, conditions: [cond('Failed')] }),
      withStatus(running),
      ['status.conditions: Invalid value: cannot set Failed=True condition without the FailureTarget=true condition'],
    ],
    [
      'Complete without completionTime',
      withStatus({ startTime: T0, succeeded: 1, conditions: [cond('SuccessCriteriaMet'), cond('Complete')] }),
      withStatus(running),
      ['status.completionTime: Required value: completionTime is required for Complete jobs'],
    ],
    [
      'removing Complete',
      withStatus({ startTime: T0, completionTime: T0, succeeded: 1, conditions: [cond('SuccessCriteriaMet')] }),
      withStatus(complete),
      [
        'status.completionTime: Invalid value: "2025-01-01T10:00:00Z": cannot set completionTime when there is no Complete=True condition',
        'status.conditions: Invalid value: cannot disable the terminal Complete=True condition',
      ],
    ],
    ['failed decreases', withStatus({ ...running, failed: 2 }), withStatus({ ...running, failed: 3 }), ['status.failed: Invalid value: 2: cannot decrease the failed counter']],
    [
      'succeeded decreases on elastic indexed job',
      withStatus({ ...running, succeeded: 4, completedIndexes: '0-3' }, { completionMode: 'Indexed', completions: 5, parallelism: 5 }),
      withStatus({ ...running, succeeded: 5, completedIndexes: '0-4' }, { completionMode: 'Indexed', completions: 5, parallelism: 5 }),
      [],
    ],
    ['succeeded decreases', withStatus({ ...running, succeeded: 1 }), withStatus({ ...running, succeeded: 2 }), ['status.succeeded: Invalid value: 1: cannot decrease the succeeded counter']],
    ['more ready than active', withStatus({ startTime: T0, active: 2, ready: 3 }), withStatus({ startTime: T0, active: 2, ready: 2 }), ['status.ready: Invalid value: 3: cannot set more ready pods than active']],
    ['finished with active', withStatus({ ...complete, active: 1 }), withStatus(running), ['status.active: Invalid value: 1: active>0 is invalid for finished job']],
    [
      'completionTime mutated',
      withStatus({ ...complete, completionTime: T1 }),
      withStatus(complete),
      ['status.completionTime: Invalid value: "2025-01-01T10:05:00Z": completionTime cannot be mutated'],
    ],
    [
      'completedIndexes on NonIndexed job',
      withStatus({ ...running, completedIndexes: '0' }),
      withStatus(running),
      ['status.completedIndexes: Invalid value: "0": cannot set non-empty completedIndexes when non-indexed completion mode'],
    ],
    ['startTime removed while running', withStatus({ active: 1 }), withStatus(running), ['status.startTime: Required value: startTime cannot be removed for unsuspended job']],
    ['startTime removed while suspended', withStatus({ active: 0 }, { suspend: true }), withStatus({ startTime: T0 }, { suspend: true }), []],
    ['negative active', withStatus({ startTime: T0, active: -1 }), withStatus(running), ['status.active: Invalid value: -1: must be greater than or equal to 0']],
    [
      'SuccessCriteriaMet with FailureTarget',
      withStatus({ ...running, conditions: [cond('FailureTarget'), cond('SuccessCriteriaMet')] }),
      withStatus({ ...running, conditions: [cond('FailureTarget')] }),
      ['status.conditions: Invalid value: cannot set SuccessCriteriaMet=True and FailureTarget=true conditions'],
    ],
    [
      'bad completedIndexes',
      withStatus({ ...running, completedIndexes: '3,1' }, { completionMode: 'Indexed', completions: 5, parallelism: 2 }),
      withStatus(running, { completionMode: 'Indexed', completions: 5, parallelism: 2 }),
      ['status.completedIndexes: Invalid value: "3,1": error parsing completedIndexes: non-increasing order, previous: 3, current: 1'],
    ],
    [
      'failed and completed indexes overlap',
      withStatus({ ...running, completedIndexes: '0-2', failedIndexes: '2' }, { completionMode: 'Indexed', completions: 5, parallelism: 2, backoffLimitPerIndex: 1 }),
      withStatus(running, { completionMode: 'Indexed', completions: 5, parallelism: 2, backoffLimitPerIndex: 1 }),
      ['status.failedIndexes: Invalid value: "2": failedIndexes and completedIndexes overlap at index: 2'],
    ],
    [
      'duplicate uncounted uid',
      withStatus({ ...running, uncountedTerminatedPods: { succeeded: ['a'], failed: ['a', ''] } }),
      withStatus(running),
      ['status.uncountedTerminatedPods.failed[0]: Duplicate value: "a"', 'status.uncountedTerminatedPods.failed[1]: Invalid value: "": must not be empty'],
    ],
  ];
  for (const [name, n, o, want] of cases) assert.deepEqual(render(validateJobStatusUpdate(n, o)), want, name);
});

test('already-inconsistent status may take unrelated writes', () => {
  // Complete without SuccessCriteriaMet stored by an older server: changing only `ready` passes.
  const old = withStatus({ startTime: T0, completionTime: T0, active: 0, ready: 0, conditions: [cond('Complete')] });
  const n = structuredClone(old);
  n.status.ready = 0;
  n.status.terminating = 0;
  assert.deepEqual(render(validateJobStatusUpdate(n, old)), []);
});
