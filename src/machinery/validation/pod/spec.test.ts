import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateMessage, fieldErrorMessage } from '../../field-errors.js';
import { validatePod, validatePodSpec } from './index.js';
import { brief, gatesCtx, makeContainer, makePod } from './fixture.js';

const ctx = gatesCtx();
const C0 = 'spec.containers[0]';
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

test('valid pod has no errors', () => {
  assert.deepEqual(validatePod(makePod(), ctx), []);
});

test('core pod spec rules', () => {
  const cases: Array<{ name: string; spec: Record<string, unknown>; want: Array<[string, string, string]> }> = [
    { name: 'no containers', spec: { containers: [] }, want: [['FieldValueRequired', 'spec.containers', '']] },
    { name: 'container name required', spec: { containers: [makeContainer('')] }, want: [['FieldValueRequired', `${C0}.name`, '']] },
    { name: 'container name not a label', spec: { containers: [makeContainer('Web_1')] }, want: [['FieldValueInvalid', `${C0}.name`, LABEL_MSG]] },
    { name: 'container name with dots', spec: { containers: [makeContainer('a.b')] }, want: [['FieldValueInvalid', `${C0}.name`, 'must not contain dots']] },
    {
      name: 'duplicate container names',
      spec: { containers: [makeContainer('a'), makeContainer('a')] },
      want: [['FieldValueDuplicate', 'spec.containers[1].name', '']],
    },
    {
      name: 'init container clashes with regular',
      spec: { initContainers: [makeContainer('c')] },
      want: [['FieldValueDuplicate', 'spec.initContainers[0].name', '']],
    },
    { name: 'image required', spec: { containers: [makeContainer('c', { image: '' })] }, want: [['FieldValueRequired', `${C0}.image`, '']] },
    {
      name: 'image whitespace (pods only)',
      spec: { containers: [makeContainer('c', { image: ' nginx' })] },
      want: [['FieldValueInvalid', `${C0}.image`, 'must not have leading or trailing whitespace']],
    },
    {
      name: 'bad restartPolicy',
      spec: { restartPolicy: 'Sometimes' },
      want: [['FieldValueNotSupported', 'spec.restartPolicy', 'supported values: "Always", "OnFailure", "Never"']],
    },
    {
      name: 'bad dnsPolicy',
      spec: { dnsPolicy: 'Cluster' },
      want: [['FieldValueNotSupported', 'spec.dnsPolicy', 'supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']],
    },
    { name: 'nodeName format', spec: { nodeName: 'Node_1' }, want: [['FieldValueInvalid', 'spec.nodeName', SUBDOMAIN_MSG]] },
    { name: 'grace period required', spec: { terminationGracePeriodSeconds: undefined }, want: [['FieldValueRequired', 'spec.terminationGracePeriodSeconds', '']] },
    {
      name: 'activeDeadlineSeconds range',
      spec: { activeDeadlineSeconds: 0 },
      want: [['FieldValueInvalid', 'spec.activeDeadlineSeconds', 'must be between 1 and 2147483647, inclusive']],
    },
    {
      name: 'dnsPolicy None needs dnsConfig',
      spec: { dnsPolicy: 'None' },
      want: [['FieldValueRequired', 'spec.dnsConfig', 'must provide `dnsConfig` when `dnsPolicy` is None']],
    },
    {
      name: 'supplementalGroupsPolicy value',
      spec: { securityContext: { supplementalGroupsPolicy: 'Loose' } },
      want: [['FieldValueNotSupported', 'spec.securityContext.supplementalGroupsPolicy', 'supported values: "Merge", "Strict"']],
    },
    {
      name: 'supplementalGroupsPolicy on windows',
      spec: { os: { name: 'windows' }, securityContext: { supplementalGroupsPolicy: 'Strict' } },
      want: [['FieldValueForbidden', 'spec.securityContext.supplementalGroupsPolicy', 'cannot be set for a windows pod']],
    },
    { name: 'Strict on linux is fine', spec: { securityContext: { supplementalGroupsPolicy: 'Strict', supplementalGroups: [4000] } }, want: [] },
  ];
  for (const tc of cases) assert.deepEqual(brief(validatePod(makePod(tc.spec), ctx)), tc.want, tc.name);
});

test('ports, env and resources', () => {
  const cases: Array<{ name: string; ctr: Record<string, unknown>; want: Array<[string, string, string]> }> = [
    { name: 'containerPort required', ctr: { ports: [{ protocol: 'TCP' }] }, want: [['FieldValueRequired', `${C0}.ports[0].containerPort`, '']] },
    {
      name: 'containerPort range',
      ctr: { ports: [{ containerPort: 70000, protocol: 'TCP' }] },
      want: [['FieldValueInvalid', `${C0}.ports[0].containerPort`, 'must be between 1 and 65535, inclusive']],
    },
    {
      name: 'protocol values',
      ctr: { ports: [{ containerPort: 80, protocol: 'HTTP' }] },
      want: [['FieldValueNotSupported', `${C0}.ports[0].protocol`, 'supported values: "SCTP", "TCP", "UDP"']],
    },
    {
      name: 'duplicate port names',
      ctr: { ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }, { name: 'http', containerPort: 81, protocol: 'TCP' }] },
      want: [['FieldValueDuplicate', `${C0}.ports[1].name`, '']],
    },
    { name: 'env name required', ctr: { env: [{ value: 'x' }] }, want: [['FieldValueRequired', `${C0}.env[0].name`, '']] },
    {
      name: 'env name with =',
      ctr: { env: [{ name: 'A=B' }] },
      want: [['FieldValueInvalid', `${C0}.env[0].name`, "a valid environment variable name must consist only of printable ASCII characters other than '='"]],
    },
    { name: 'relaxed env names are fine', ctr: { env: [{ name: '1-my var.x' }] }, want: [] },
    {
      name: 'empty valueFrom',
      ctr: { env: [{ name: 'A', valueFrom: {} }] },
      want: [['FieldValueInvalid', `${C0}.env[0].valueFrom`, 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`']],
    },
    {
      name: 'unsupported downward API field',
      ctr: { env: [{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.host' } } }] },
      want: [['FieldValueNotSupported', `${C0}.env[0].valueFrom.fieldRef.fieldPath`, 'supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"']],
    },
    { name: 'secretKeyRef ok', ctr: { env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }, want: [] },
    {
      name: 'requests above limits',
      ctr: { resources: { requests: { cpu: '1' }, limits: { cpu: '500m' } } },
      want: [['FieldValueInvalid', `${C0}.resources.requests`, 'must be less than or equal to cpu limit of 500m']],
    },
    {
      name: 'bad quantity',
      ctr: { resources: { requests: { memory: '1Gb' } } },
      want: [['FieldValueInvalid', `${C0}.resources.requests[memory]`, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"]],
    },
    {
      name: 'non-standard resource',
      ctr: { resources: { limits: { gpu: '1' } } },
      want: [['FieldValueInvalid', `${C0}.resources.limits[gpu]`, 'must be a standard resource for containers']],
    },
    {
      name: 'extended resource must equal limit',
      ctr: { resources: { requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '2' } } },
      want: [['FieldValueInvalid', `${C0}.resources.requests`, 'must be equal to example.com/gpu limit of 2']],
    },
  ];
  for (const tc of cases) assert.deepEqual(brief(validatePod(makePod({ containers: [makeContainer('c', tc.ctr)] }), ctx)), tc.want, tc.name);
});

test('volumes and mounts', () => {
  const cases: Array<{ name: string; spec: Record<string, unknown>; want: Array<[string, string, string]> }> = [
    {
      name: 'duplicate volume names',
      spec: { volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }] },
      want: [['FieldValueDuplicate', 'spec.volumes[1].name', '']],
    },
    { name: 'volume type required', spec: { volumes: [{ name: 'v' }] }, want: [['FieldValueRequired', 'spec.volumes[0]', 'must specify a volume type']] },
    {
      name: 'two volume types',
      spec: { volumes: [{ name: 'v', emptyDir: {}, configMap: { name: 'x', defaultMode: 420 } }] },
      want: [['FieldValueForbidden', 'spec.volumes[0].configMap', 'may not specify more than 1 volume type']],
    },
    {
      name: 'mount of a missing volume',
      spec: { containers: [makeContainer('c', { volumeMounts: [{ name: 'data', mountPath: '/data' }] })] },
      want: [['FieldValueNotFound', `${C0}.volumeMounts[0].name`, '']],
    },
    {
      name: 'duplicate mount path',
      spec: {
        volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }],
        containers: [makeContainer('c', { volumeMounts: [{ name: 'a', mountPath: '/d' }, { name: 'b', mountPath: '/d' }] })],
      },
      want: [['FieldValueInvalid', `${C0}.volumeMounts[1].mountPath`, 'must be unique']],
    },
  ];
  for (const tc of cases) assert.deepEqual(brief(validatePod(makePod(tc.spec), ctx)), tc.want, tc.name);
});

test('workloadRef (spec §2.2)', () => {
  const W = 'spec.workloadRef';
  const cases: Array<{ name: string; ref: any; want: Array<[string, string, string]> }> = [
    { name: 'valid', ref: { name: 'job-1', podGroup: 'workers', podGroupReplicaKey: 'r0' }, want: [] },
    { name: 'empty name is Invalid', ref: { name: '', podGroup: 'g' }, want: [['FieldValueInvalid', `${W}.name`, SUBDOMAIN_MSG]] },
    { name: 'podGroup must be a label', ref: { name: 'w', podGroup: 'a.b' }, want: [['FieldValueInvalid', `${W}.podGroup`, 'must not contain dots']] },
    { name: 'bad replica key', ref: { name: 'w', podGroup: 'g', podGroupReplicaKey: 'A' }, want: [['FieldValueInvalid', `${W}.podGroupReplicaKey`, LABEL_MSG]] },
  ];
  for (const tc of cases) assert.deepEqual(brief(validatePod(makePod({ workloadRef: tc.ref }), ctx)), tc.want, tc.name);
});

test('create-only rules and messages render like upstream', () => {
  const pod = makePod({ nodeName: 'n1', schedulingGates: [{ name: 'example.com/gate' }], ephemeralContainers: [makeContainer('dbg')] });
  assert.deepEqual(
    validatePod(pod, ctx).map(fieldErrorMessage),
    ['spec.ephemeralContainers: Forbidden: cannot be set on create', 'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared'],
  );
  assert.equal(aggregateMessage(validatePod(makePod({ containers: [] }), ctx)), 'spec.containers: Required value');
});

test('templates: hostPort 0 allowed with hostNetwork, pods need hostPort == containerPort', () => {
  const spec = makePod({ hostNetwork: true, containers: [makeContainer('c', { ports: [{ containerPort: 80, protocol: 'TCP' }] })] }).spec;
  assert.deepEqual(validatePodSpec(spec, 'spec.template.spec', ctx), []);
  assert.deepEqual(brief(validatePod({ metadata: { name: 'p' }, spec }, ctx)), [
    ['FieldValueInvalid', `${C0}.ports[0].hostPort`, 'must match `containerPort` when `hostNetwork` is true'],
  ]);
});
