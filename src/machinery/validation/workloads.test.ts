import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateAppsUpdate, validateDaemonSet, validateDeployment, validateStatefulSet } from './apps.js';
import { validateCronJob } from './cronjob.js';
import { parseCronError } from './cron.js';
import { deployment, podTemplate, ctxWith, render } from './fixtures.js';

const ctx = ctxWith();

test('deployment rules', () => {
  const cases: Array<[string, (d: any) => void, string[]]> = [
    ['valid', () => {}, []],
    ['no selector', (d) => delete d.spec.selector, ['spec.selector: Required value']],
    [
      'empty selector',
      (d) => (d.spec.selector = {}),
      ['spec.selector: Invalid value: {}: empty selector is invalid for deployment'],
    ],
    [
      'selector mismatch',
      (d) => (d.spec.selector = { matchLabels: { app: 'db' } }),
      ['spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`'],
    ],
    ['negative replicas', (d) => (d.spec.replicas = -1), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['restartPolicy Never', (d) => (d.spec.template.spec.restartPolicy = 'Never'), ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']],
    [
      'both zero',
      (d) => (d.spec.strategy.rollingUpdate = { maxUnavailable: 0, maxSurge: 0 }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
    ],
    ['over 100%', (d) => (d.spec.strategy.rollingUpdate.maxSurge = '150%'), ['spec.strategy.rollingUpdate.maxSurge: Invalid value: "150%": must not be greater than 100%']],
    ['bad percent', (d) => (d.spec.strategy.rollingUpdate.maxSurge = 'abc'), [`spec.strategy.rollingUpdate.maxSurge: Invalid value: "abc": must be an integer or percentage (e.g '5%')`]],
    [
      'recreate with rollingUpdate',
      (d) => (d.spec.strategy.type = 'Recreate'),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    ['progress deadline', (d) => (d.spec.minReadySeconds = 600), ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds']],
  ];
  for (const [name, mutate, want] of cases) {
    const d = deployment();
    mutate(d);
    assert.deepEqual(render(validateDeployment(d, ctx)), want, name);
  }
});

test('apps updates: selector immutable; statefulset fixed fields', () => {
  const old = deployment();
  const n = structuredClone(old);
  n.spec.selector = { matchLabels: { app: 'web', tier: 'x' } };
  n.spec.template.metadata.labels.tier = 'x';
  assert.deepEqual(render(validateAppsUpdate('Deployment', n, old, ctx)), [
    'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"x"}}: field is immutable',
  ]);
  const sts = { spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate(), serviceName: 'a', replicas: 1 } };
  assert.deepEqual(render(validateStatefulSet(sts, ctx)), []);
  const sts2 = structuredClone(sts);
  sts2.spec.replicas = 3;
  assert.deepEqual(render(validateAppsUpdate('StatefulSet', sts2, sts, ctx)), []);
  sts2.spec.serviceName = 'b';
  assert.deepEqual(render(validateAppsUpdate('StatefulSet', sts2, sts, ctx)), [
    "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
  ]);
});

test('daemonset rolling update needs exactly one non-zero', () => {
  const ds = (ru: unknown) => ({ spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate(), updateStrategy: { type: 'RollingUpdate', rollingUpdate: ru } } });
  assert.deepEqual(render(validateDaemonSet(ds({ maxUnavailable: 1, maxSurge: 0 }), ctx)), []);
  assert.deepEqual(render(validateDaemonSet(ds({ maxUnavailable: 0, maxSurge: 0 }), ctx)), ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']);
  assert.deepEqual(render(validateDaemonSet(ds({ maxUnavailable: 1, maxSurge: 1 }), ctx)), ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero']);
});

test('cron schedule parser (robfig messages)', () => {
  const cases: Array<[string, string | undefined]> = [
    ['*/5 * * * *', undefined],
    ['0 0 * * MON-FRI', undefined],
    ['@hourly', undefined],
    ['@every 1h30m', undefined],
    ['', 'empty spec string'],
    ['* * *', 'expected exactly 5 fields, found 3: [* * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['@often', 'unrecognized descriptor: @often'],
  ];
  for (const [s, want] of cases) assert.equal(parseCronError(s), want, s);
});

test('cronjob rules', () => {
  const cj = (spec: Record<string, unknown>, name = 'nightly') => ({
    metadata: { name },
    spec: { schedule: '0 1 * * *', concurrencyPolicy: 'Allow', jobTemplate: { spec: { template: podTemplate({}, 'OnFailure') } }, ...spec },
  });
  assert.deepEqual(render(validateCronJob(cj({}), ctx)), []);
  assert.deepEqual(render(validateCronJob(cj({ schedule: '' }), ctx)), ['spec.schedule: Required value']);
  assert.deepEqual(render(validateCronJob(cj({ schedule: 'TZ=UTC 0 1 * * *' }), ctx)), [
    'spec.schedule: Invalid value: "TZ=UTC 0 1 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
  ]);
  assert.deepEqual(render(validateCronJob(cj({ concurrencyPolicy: 'Sometimes' }), ctx)), [
    'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
  ]);
  const long = 'a'.repeat(53);
  assert.deepEqual(render(validateCronJob(cj({}, long), ctx)), [`metadata.name: Invalid value: "${long}": must be no more than 52 characters`]);
});
