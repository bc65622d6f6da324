import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../api/meta.js';
import { schemaForKind } from '../../api/schema/index.js';
import { StatusError } from '../../machinery/errors.js';
import { applyObject, type ApplyOptions } from './apply.js';
import { LAST_APPLIED } from './last-applied.js';
import { trackUpdate, trackUpdateGeneral } from './update.js';

const schema = schemaForKind({ group: 'apps', version: 'v1', kind: 'Deployment' })!;
const T0 = '2025-01-01T00:00:00.123Z';
const T1 = '2025-01-01T00:01:00Z';

function deploy(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', ...metadata }, spec };
}
const tmpl = (image: string, extra: Record<string, unknown> = {}) => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image, ...extra }] } });
const apply = (o: Partial<ApplyOptions> & Pick<ApplyOptions, 'applied'>) => applyObject({ manager: 'mgr', force: false, schema, now: T0, apiVersion: 'apps/v1', ...o });
const entry = (obj: KubeObject, manager: string) => obj.metadata?.managedFields?.find((e) => e.manager === manager);
const conflictOf = (fn: () => unknown): StatusError => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof StatusError);
    return e;
  }
  assert.fail('expected a conflict');
};

test('apply creates with an Apply entry at second precision', () => {
  const out = apply({ applied: deploy({ replicas: 2, template: tmpl('nginx') }) });
  assert.deepEqual(out.metadata?.managedFields, [
    {
      manager: 'mgr',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      time: '2025-01-01T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:spec': { 'f:replicas': {}, 'f:template': { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } } } },
    },
  ]);
});

test('re-apply removes what the manager no longer applies, unless another manager owns it', () => {
  const first = apply({ applied: deploy({ replicas: 2, paused: true, template: tmpl('nginx', { args: ['a'] }) }, { labels: { a: '1', b: '2' } }) });
  const other = apply({ current: first, manager: 'other', applied: deploy({}, { labels: { b: '2' } }) });
  const second = apply({ current: other, now: T1, applied: deploy({ replicas: 2, template: tmpl('nginx') }, { labels: { a: '1' } }) });
  const spec = second.spec as Record<string, any>;
  assert.equal(spec.paused, undefined, 'field dropped from config is removed');
  assert.equal(spec.template.spec.containers[0].args, undefined);
  assert.deepEqual(second.metadata?.labels, { a: '1', b: '2' }, 'label still owned by "other" stays');
  assert.equal(entry(second, 'mgr')?.time, T1);
  // dropping the container removes it
  const third = apply({ current: second, applied: deploy({ replicas: 2, template: { metadata: { labels: { app: 'web' } } } }, { labels: { a: '1' } }) });
  assert.equal((third.spec as any).template.spec, undefined);
});

test('a changed field owned by another manager conflicts; the same value is shared', () => {
  const base = apply({ manager: 'a', applied: deploy({ replicas: 1, paused: false, template: tmpl('nginx') }) });
  const shared = apply({ current: base, manager: 'b', applied: deploy({ replicas: 1 }) });
  assert.ok(entry(shared, 'a') && entry(shared, 'b'), 'same value: both own replicas');
  const one = conflictOf(() => apply({ current: base, manager: 'b', applied: deploy({ replicas: 3 }) }));
  assert.equal(one.code, 409);
  assert.equal(one.status.reason, 'Conflict');
  assert.equal(one.message, 'Apply failed with 1 conflict: conflict with "a": .spec.replicas');
  assert.deepEqual(one.status.details?.causes, [{ reason: 'FieldManagerConflict', message: 'conflict with "a"', field: '.spec.replicas' }]);

  const updated = structuredClone(base);
  (updated.spec as any).template.spec.containers[0].image = 'httpd';
  trackUpdate({ old: base, obj: updated, manager: 'kubectl-edit', operation: 'Update', now: T1, apiVersion: 'apps/v1', schema });
  const many = conflictOf(() => apply({ current: updated, manager: 'b', applied: deploy({ replicas: 3, paused: true, template: tmpl('redis') }) }));
  assert.equal(
    many.message,
    'Apply failed with 3 conflicts: conflicts with "a":\n- .spec.paused\n- .spec.replicas\nconflicts with "kubectl-edit" using apps/v1:\n- .spec.template.spec.containers[name="c"].image',
  );
  assert.equal(many.status.details?.causes?.[2]?.message, 'conflict with "kubectl-edit" using apps/v1');
});

test('force takes ownership from the other manager', () => {
  const base = apply({ manager: 'a', applied: deploy({ replicas: 1, paused: false }) });
  const out = apply({ current: base, manager: 'b', force: true, applied: deploy({ replicas: 3 }) });
  assert.equal((out.spec as any).replicas, 3);
  assert.deepEqual(entry(out, 'a')?.fieldsV1, { 'f:spec': { 'f:paused': {} } });
  assert.deepEqual(entry(out, 'b')?.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
});

test('applying null unsets a field, conflict-checked like any change', () => {
  const base = apply({ manager: 'a', applied: deploy({ replicas: 1, paused: true }) });
  assert.match(conflictOf(() => apply({ current: base, manager: 'b', applied: deploy({ paused: null }) })).message, /\.spec\.paused/);
  const out = apply({ current: base, manager: 'b', force: true, applied: deploy({ paused: null }) });
  assert.deepEqual(out.spec, { replicas: 1 });
});

test('apply rejects managedFields and a wrong version', () => {
  assert.throws(() => apply({ applied: { ...deploy({}), metadata: { name: 'web', managedFields: [] } } }), /metadata.managedFields must be nil/);
  assert.throws(() => apply({ applied: { ...deploy({}), apiVersion: 'apps/v1beta1' } }), /Specified patch version: apps\/v1beta1, expected: apps\/v1/);
});

test('a no-op re-apply keeps the stored managedFields (and their time)', () => {
  const base = apply({ applied: deploy({ replicas: 1 }) });
  const again = apply({ current: base, now: T1, applied: deploy({ replicas: 1 }) });
  assert.deepEqual(again.metadata?.managedFields, base.metadata?.managedFields);
});

test('trackUpdate: create, update, ownership moves, status ignored, entries sorted', () => {
  const created = deploy({ replicas: 1, template: tmpl('nginx') }, { labels: { app: 'web' } });
  trackUpdate({ obj: created, manager: 'kubectl-create', operation: 'Update', now: T0, apiVersion: 'apps/v1', schema });
  assert.deepEqual(entry(created, 'kubectl-create')?.fieldsV1, {
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': { 'f:replicas': {}, 'f:template': { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } } },
  });
  const applied = apply({ current: created, manager: 'ssa', force: true, now: T1, applied: deploy({ paused: true }) });
  const next = structuredClone(applied);
  (next.spec as any).replicas = 5;
  delete next.metadata!.labels;
  (next as any).status = { replicas: 5 };
  trackUpdate({ old: applied, obj: next, manager: 'scaler', operation: 'Update', now: T1, apiVersion: 'apps/v1', schema });
  assert.deepEqual(entry(next, 'scaler')?.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
  const creator = entry(next, 'kubectl-create')?.fieldsV1 as any;
  assert.equal(creator['f:spec']['f:replicas'], undefined, 'changed field left the old owner');
  assert.equal(creator['f:metadata'], undefined, 'removed labels left every set');
  assert.deepEqual(next.metadata?.managedFields?.map((e) => `${e.operation}:${e.manager}`), ['Apply:ssa', 'Update:kubectl-create', 'Update:scaler']);
});

test('trackUpdate: the create shortcut gives what the general path gives', () => {
  const podSchema = schemaForKind({ group: '', version: 'v1', kind: 'Pod' })!;
  const cmSchema = schemaForKind({ group: '', version: 'v1', kind: 'ConfigMap' })!;
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns', uid: 'u', creationTimestamp: T1, labels: { a: 'b' }, annotations: { x: 'y' } },
    spec: {
      containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { requests: { cpu: '100m' } }, env: [{ name: 'E', value: '1' }] }],
      volumes: [{ name: 'v', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }] } }],
      tolerations: [{ key: 'k', operator: 'Exists' }],
      nodeSelector: {},
    },
    status: { phase: 'Pending' },
  };
  const cases: Array<[string, KubeObject, typeof schema | undefined]> = [
    ['deployment with status', { ...deploy({ replicas: 1, template: tmpl('nginx') }, { labels: { app: 'web' } }), status: { replicas: 1 } }, schema],
    ['pod', pod, podSchema],
    ['configmap with data', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns' }, data: { k: 'v' }, binaryData: {} }, cmSchema],
    ['nothing but names: no entry at all', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns' } }, cmSchema],
    ['no schema', { apiVersion: 'x/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { a: [1, 2], b: { c: null } } }, undefined],
  ];
  for (const [name, obj, sch] of cases) {
    const fast = structuredClone(obj);
    const general = structuredClone(obj);
    trackUpdate({ obj: fast, manager: 'm', operation: 'Update', now: T0, apiVersion: 'v1', schema: sch });
    trackUpdateGeneral({ obj: general, manager: 'm', operation: 'Update', now: T0, apiVersion: 'v1', schema: sch });
    assert.deepEqual(fast, general, name);
    assert.equal(JSON.stringify(fast), JSON.stringify(general), `${name}: same key order`);
  }
});

test('trackUpdate honours managedFields sent in the request, and [{}] resets them', () => {
  const base = apply({ applied: deploy({ replicas: 1 }) });
  const rewritten = structuredClone(base);
  rewritten.metadata!.managedFields = [{ ...rewritten.metadata!.managedFields![0], manager: 'renamed' }];
  trackUpdate({ old: base, obj: rewritten, manager: 'kubectl', operation: 'Update', now: T1, apiVersion: 'apps/v1', schema });
  assert.deepEqual(rewritten.metadata?.managedFields?.map((e) => e.manager), ['renamed']);
  const reset = structuredClone(base);
  reset.metadata!.managedFields = [{}];
  trackUpdate({ old: base, obj: reset, manager: 'kubectl', operation: 'Update', now: T1, apiVersion: 'apps/v1', schema });
  assert.equal(reset.metadata?.managedFields, undefined);
});

test('more than ten updaters: the oldest merge into ancient-changes', () => {
  let obj = deploy({});
  for (let i = 0; i < 12; i++) {
    const next = structuredClone(obj);
    next.metadata!.labels = { ...next.metadata!.labels, [`l${i}`]: 'x' };
    trackUpdate({ old: i ? obj : undefined, obj: next, manager: `m${i}`, operation: 'Update', now: `2025-01-01T00:00:${String(i).padStart(2, '0')}Z`, apiVersion: 'apps/v1', schema });
    obj = next;
  }
  const names = obj.metadata!.managedFields!.map((e) => e.manager);
  assert.equal(names.length, 10);
  assert.equal(names[0], 'ancient-changes');
  assert.deepEqual(Object.keys((entry(obj, 'ancient-changes')!.fieldsV1 as any)['f:metadata']['f:labels']), ['.', 'f:l0', 'f:l1', 'f:l2']);
});

test('CSA -> SSA: kubectl server-side apply after client-side apply does not conflict', () => {
  const config = deploy({ replicas: 2, template: tmpl('nginx') });
  const csa = structuredClone(config);
  csa.metadata!.annotations = { [LAST_APPLIED]: JSON.stringify(config) + '\n' };
  trackUpdate({ obj: csa, manager: 'kubectl-client-side-apply', operation: 'Update', now: T0, apiVersion: 'apps/v1', schema });
  const changed = deploy({ replicas: 3, template: tmpl('nginx') });
  const msg = conflictOf(() => apply({ current: csa, manager: 'someone', applied: changed })).message;
  assert.equal(msg, 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  const ssa = apply({ current: csa, manager: 'kubectl', applied: changed, now: T1 });
  assert.equal((ssa.spec as any).replicas, 3);
  assert.equal(JSON.parse(ssa.metadata!.annotations![LAST_APPLIED]).spec.replicas, 3, 'annotation follows the applied config');
  assert.ok(!(entry(ssa, 'kubectl-client-side-apply')?.fieldsV1 as any)['f:spec']['f:replicas'], 'ownership transferred');
  // a field changed since the last client-side apply is a real conflict
  const drifted = structuredClone(csa);
  (drifted.spec as any).replicas = 7;
  assert.match(conflictOf(() => apply({ current: drifted, manager: 'kubectl', applied: changed })).message, /kubectl-client-side-apply/);
});
