import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusError } from '../errors.js';
import { escapeValue, parseFieldSelector } from './selector.js';
import { compileFieldSelector, fieldsFor } from './resource-fields.js';

const parsed: Array<[string, string]> = [
  ['', ''],
  ['a=b', 'a=b'],
  ['a==b', 'a=b'],
  ['b!=c,a=b', 'a=b,b!=c'],
  ['a=', 'a='],
  ['a=x\\,y', 'a=x,y'],
  ['a=x\\=y\\\\', 'a=x=y\\'],
  ['a=b,,c=d', 'a=b,c=d'],
];
for (const [s, want] of parsed) {
  test(`field parse ${JSON.stringify(s)}`, () => assert.equal(parseFieldSelector(s).toString(), want));
}

const parseErrors: Array<[string, string]> = [
  ['status.phase', "invalid selector: 'status.phase'; can't understand 'status.phase'"],
  ['a in (x)', "invalid selector: 'a in (x)'; can't understand 'a in (x)'"],
  ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
  ['a=b\\n', 'invalid field selector: invalid escape sequence: \\n'],
  ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
];
for (const [s, msg] of parseErrors) {
  test(`field parse error ${JSON.stringify(s)}`, () => {
    assert.throws(() => parseFieldSelector(s), (e: unknown) => isStatusError(e) && e.code === 400 && e.status.message === msg);
  });
}

test('escapeValue round-trips through parse', () => {
  const v = 'a,b=c\\d';
  assert.equal(parseFieldSelector(`x=${escapeValue(v)}`).requirements[0]!.value, v);
});

const pod = {
  metadata: { name: 'p1', namespace: 'ns' },
  spec: { nodeName: 'n1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'sa' },
  status: { phase: 'Running', podIPs: [{ ip: '10.0.0.1' }] },
};
const event = {
  metadata: { name: 'e', namespace: 'ns' },
  involvedObject: { kind: 'Pod', name: 'p1', namespace: 'ns', uid: 'u' },
  reason: 'Scheduled',
  type: 'Normal',
  reportingComponent: 'default-scheduler',
};
const v1event = { metadata: { name: 'e2', namespace: 'ns' }, regarding: { kind: 'Node', name: 'n1' }, reason: 'R', type: 'Warning', reportingController: 'kubelet' };

// [group, resource, selector, object, matches]
const matching: Array<[string, string, string, unknown, boolean]> = [
  ['', 'pods', 'spec.nodeName=n1', pod, true],
  ['', 'pods', 'spec.host=n1', pod, true],
  ['', 'pods', 'spec.nodeName!=n1', pod, false],
  ['', 'pods', 'status.phase=Running,metadata.namespace=ns', pod, true],
  ['', 'pods', 'spec.hostNetwork=false', pod, true],
  ['', 'pods', 'status.podIP=10.0.0.1', pod, true],
  ['', 'pods', 'status.podIPs=10.0.0.1', pod, false],
  ['', 'pods', 'status.podIPs=', pod, true],
  ['', 'pods', 'status.nominatedNodeName=', pod, true],
  ['', 'pods', 'spec.nodeName=', { metadata: { name: 'x' } }, true],
  ['', 'nodes', 'spec.unschedulable=false', { metadata: { name: 'n' } }, true],
  ['', 'nodes', 'spec.unschedulable=true', { metadata: { name: 'n' }, spec: { unschedulable: true } }, true],
  ['', 'namespaces', 'status.phase=Active', { metadata: { name: 'd' }, status: { phase: 'Active' } }, true],
  ['', 'secrets', 'type=kubernetes.io/service-account-token', { metadata: { name: 's' }, type: 'kubernetes.io/service-account-token' }, true],
  ['', 'services', 'spec.clusterIP=None', { metadata: { name: 's' }, spec: { clusterIP: 'None' } }, true],
  ['', 'replicationcontrollers', 'status.replicas=0', { metadata: { name: 'r' } }, true],
  ['', 'events', 'involvedObject.kind=Pod,involvedObject.name=p1', event, true],
  ['', 'events', 'source=default-scheduler,reportingComponent=default-scheduler', event, true],
  ['events.k8s.io', 'events', 'regarding.kind=Node,reportingController=kubelet', v1event, true],
  ['events.k8s.io', 'events', 'source=kubelet', v1event, true],
  ['batch', 'jobs', 'status.successful=0', { metadata: { name: 'j' } }, true],
  ['batch', 'jobs', 'status.successful=2', { metadata: { name: 'j' }, status: { succeeded: 2 } }, true],
  ['apps', 'deployments', 'metadata.name=d', { metadata: { name: 'd', namespace: 'x' } }, true],
  ['', 'persistentvolumes', 'metadata.namespace=x', { metadata: { name: 'pv' } }, false],
  ['', 'configmaps', '', { metadata: { name: 'c' } }, true],
];
for (const [g, r, s, obj, want] of matching) {
  test(`field select ${g}/${r} ${JSON.stringify(s)} = ${want}`, () => assert.equal(compileFieldSelector(g, r, s)(obj), want));
}

const rejected: Array<[string, string, string, string]> = [
  ['', 'pods', 'foo=bar', 'field label not supported: foo'],
  ['', 'nodes', 'metadata.namespace=x', 'field label not supported: metadata.namespace'],
  ['', 'namespaces', 'metadata.namespace=x', 'field label not supported: metadata.namespace'],
  ['events.k8s.io', 'events', 'involvedObject.kind=Pod', 'field label not supported: involvedObject.kind'],
  ['events.k8s.io', 'events', 'reportingComponent=x', 'field label not supported: reportingComponent'],
  ['batch', 'jobs', 'status.active=1', 'field label "status.active" not supported for Job'],
  ['apps', 'replicasets', 'status.replicas=0', '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ['', 'configmaps', 'data.x=y', '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ['', 'configmaps', 'toString=y', '"toString" is not a known field selector: only "metadata.name", "metadata.namespace"'],
];
for (const [g, r, s, msg] of rejected) {
  test(`field reject ${g}/${r} ${s}`, () => {
    assert.throws(
      () => compileFieldSelector(g, r, s),
      (e: unknown) => isStatusError(e) && e.code === 400 && e.reason === 'BadRequest' && e.status.message === msg && e.status.details === undefined,
    );
  });
}

test('fieldsFor pods exposes the documented set', () => {
  assert.deepEqual(Object.keys(fieldsFor('', 'pods', pod)).sort(), [
    'metadata.name',
    'metadata.namespace',
    'spec.hostNetwork',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.nominatedNodeName',
    'status.phase',
    'status.podIP',
  ]);
});
