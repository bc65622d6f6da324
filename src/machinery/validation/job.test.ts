import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateJob, validateJobUpdate, validateManagedBy } from './job.js';
import { parseIndexes } from './job-indexes.js';
import { ctxWith, job, render } from './fixtures.js';

const ctx = ctxWith();

test('fixture job is valid', () => {
  assert.deepEqual(render(validateJob(job(), ctx)), []);
});

test('spec.managedBy (spec §5.1, §5.4)', () => {
  const cases: Array<[unknown, string[]]> = [
    ['example.com/custom', []],
    ['kueue.x-k8s.io/multikueue', []],
    ['kubernetes.io/job-controller', []],
    [undefined, []],
    ['', ['spec.managedBy: Required value']],
    ['custom', ['spec.managedBy: Invalid value: "custom": must be a domain-prefixed path (such as "acme.io/foo")']],
    ['example.com/', ['spec.managedBy: Invalid value: "example.com/": must be a domain-prefixed path (such as "acme.io/foo")']],
    ['/foo', ['spec.managedBy: Invalid value: "/foo": must be a domain-prefixed path (such as "acme.io/foo")']],
    ['example.com/' + 'a'.repeat(52), ['spec.managedBy: Too long: may not be more than 63 bytes']],
  ];
  for (const [v, want] of cases) assert.deepEqual(render(validateManagedBy(v, 'spec.managedBy')), want, String(v));
  const upper = render(validateManagedBy('Example.com/foo', 'spec.managedBy'));
  assert.equal(upper.length, 1);
  assert.match(upper[0]!, /^spec\.managedBy: Invalid value: "Example\.com": a lowercase RFC 1123 subdomain/);
});

test('managedBy is immutable on update', () => {
  const old = job({ managedBy: 'example.com/custom' });
  const cases: Array<[unknown, string[]]> = [
    ['example.com/custom', []],
    ['example.com/other', ['spec.managedBy: Invalid value: "example.com/other": field is immutable']],
    [undefined, ['spec.managedBy: Invalid value: null: field is immutable']],
  ];
  for (const [v, want] of cases) {
    const n = structuredClone(old);
    if (v === undefined) delete n.spec.managedBy;
    else n.spec.managedBy = v;
    assert.deepEqual(render(validateJobUpdate(n, old, ctx)), want, String(v));
  }
});

test('job spec rules', () => {
  const cases: Array<[string, (j: any) => void, string[]]> = [
    ['restartPolicy Always', (j) => (j.spec.template.spec.restartPolicy = 'Always'), ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['negative parallelism', (j) => (j.spec.parallelism = -1), ['spec.parallelism: Invalid value: -1: must be greater than or equal to 0']],
    ['negative completions', (j) => (j.spec.completions = -2), ['spec.completions: Invalid value: -2: must be greater than or equal to 0']],
    [
      'selector mismatch',
      (j) => (j.spec.selector = { matchLabels: { app: 'other' } }),
      ['spec.template.metadata.labels: Invalid value: {"app":"pi"}: `selector` does not match template `labels`'],
    ],
    ['indexed needs completions', (j) => ((j.spec.completionMode = 'Indexed'), delete j.spec.completions), ['spec.completions: Required value: when completion mode is Indexed']],
    ['bad completionMode', (j) => (j.spec.completionMode = 'Foo'), ['spec.completionMode: Unsupported value: "Foo": supported values: "NonIndexed", "Indexed"']],
    ['backoffLimitPerIndex needs Indexed', (j) => (j.spec.backoffLimitPerIndex = 1), ['spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode']],
  ];
  for (const [name, mutate, want] of cases) {
    const j = job();
    mutate(j);
    assert.deepEqual(render(validateJob(j, ctx)), want, name);
  }
});

test('generated selector is checked once a uid is assigned', () => {
  const j = job({ manualSelector: false, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } } });
  j.metadata.uid = 'u1';
  const labels = j.spec.template.metadata.labels;
  Object.assign(labels, { 'controller-uid': 'u1', 'job-name': 'pi', 'batch.kubernetes.io/controller-uid': 'u1', 'batch.kubernetes.io/job-name': 'pi' });
  assert.deepEqual(render(validateJob(j, ctx)), []);
  labels['job-name'] = 'other';
  assert.deepEqual(render(validateJob(j, ctx)), [
    `spec.template.metadata.labels[job-name]: Invalid value: ${JSON.stringify(labels)}: must be 'pi'`,
  ]);
});

test('immutable job spec fields on update', () => {
  const old = job();
  const n = structuredClone(old);
  n.spec.completions = 3;
  n.spec.template.spec.containers[0].image = 'busybox:2';
  const errs = render(validateJobUpdate(n, old, ctx));
  assert.equal(errs[0], 'spec.completions: Invalid value: 3: field is immutable');
  assert.match(errs[1]!, /^spec\.template: Invalid value: .*: field is immutable$/);
  assert.equal(errs.length, 2);
});

test('suspended never-started job may change template scheduling directives', () => {
  const old = job({ suspend: true });
  const n = structuredClone(old);
  n.spec.template.spec.nodeSelector = { zone: 'a' };
  assert.deepEqual(render(validateJobUpdate(n, old, ctx)), []);
  old.status = { startTime: '2025-01-01T00:00:00Z' };
  assert.equal(render(validateJobUpdate(n, old, ctx)).length, 1);
});

test('index list parser (spec §5.3, completions 10)', () => {
  const cases: Array<[string, string | null]> = [
    ['', null],
    ['0,2-4,9', null],
    ['1-3,5', null],
    ['3,1', 'non-increasing order, previous: 3, current: 1'],
    ['1-2-3', `the fragment "1-2-3" violates the requirement that an index interval can have at most two parts separated by '-'`],
    ['a', 'cannot convert string to integer for index: "a"'],
    ['10', 'too large index: "10"'],
    ['2-1', 'non-increasing order, previous: 2, current: 1'],
    ['1,1', 'non-increasing order, previous: 1, current: 1'],
  ];
  for (const [s, want] of cases) {
    const r = parseIndexes(s, 10);
    assert.equal('error' in r ? r.error : null, want, s);
  }
});
