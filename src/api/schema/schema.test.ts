import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeError, knownFieldsCheck, MESSAGES, schemaForKind, schemaForType } from './index.js';
import type { ObjectNode, SchemaNode } from './types.js';

const gvk = (group: string, version: string, kind: string) => ({ group, version, kind });

/** at walks dotted field names ('spec.containers[].ports') through a schema. */
function at(root: SchemaNode | undefined, path: string): SchemaNode | undefined {
  let node = root;
  for (const part of path.split('.')) {
    const name = part.replace('[]', '');
    if (node?.type !== 'object') return undefined;
    node = node.field(name)?.schema;
    if (part.endsWith('[]')) node = node?.type === 'array' ? node.items : undefined;
  }
  return node;
}

function fieldOf(root: ObjectNode | undefined, path: string) {
  const dot = path.lastIndexOf('.');
  const parent = dot < 0 ? root : at(root, path.slice(0, dot));
  return parent?.type === 'object' ? parent.field(path.slice(dot + 1)) : undefined;
}

describe('schema data', () => {
  it('covers the 452 upstream messages plus the hand-added ones', () => {
    assert.ok(Object.keys(MESSAGES).length >= 452 + 11);
    assert.ok(MESSAGES['api.core.v1.Pod'] && MESSAGES['api.scheduling.v1alpha1.Workload'] && MESSAGES['api.autoscaling.v1.Scale']);
  });
});

describe('schemaForKind', () => {
  const pod = schemaForKind(gvk('', 'v1', 'Pod'));

  it('names nodes like upstream OpenAPI and lists TypeMeta first', () => {
    assert.equal(pod?.name, 'io.k8s.api.core.v1.Pod');
    assert.deepEqual(pod?.fieldNames(), ['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    assert.equal(schemaForKind(gvk('', 'v1', 'Pod')), pod, 'cached');
  });

  const tags: { path: string; want: Record<string, unknown> }[] = [
    { path: 'spec.containers', want: { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] } },
    { path: 'spec.volumes', want: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' } },
    { path: 'spec.containers[].ports', want: { patchMergeKey: 'containerPort', listMapKeys: ['containerPort', 'protocol'] } },
    { path: 'spec.containers[].env', want: { patchMergeKey: 'name' } },
    { path: 'spec.containers[].volumeMounts', want: { patchMergeKey: 'mountPath' } },
    { path: 'spec.tolerations', want: { listType: 'atomic', patchStrategy: undefined } },
    { path: 'spec.topologySpreadConstraints', want: { patchMergeKey: 'topologyKey', listMapKeys: ['topologyKey', 'whenUnsatisfiable'] } },
    { path: 'status.conditions', want: { patchMergeKey: 'type', listType: 'map' } },
    { path: 'metadata.ownerReferences', want: { patchMergeKey: 'uid' } },
    { path: 'metadata.finalizers', want: { patchStrategy: 'merge', listType: 'set' } },
  ];
  for (const tc of tags) {
    it(`tags of pod ${tc.path}`, () => {
      const f = fieldOf(pod, tc.path);
      assert.ok(f, tc.path);
      for (const [k, v] of Object.entries(tc.want)) assert.deepEqual((f as unknown as Record<string, unknown>)[k], v, `${tc.path} ${k}`);
    });
  }

  it('inlined sub-messages are flattened (Volume sources, Probe handler)', () => {
    assert.equal(at(pod, 'spec.volumes[].configMap.name')?.type, 'string');
    assert.equal(at(pod, 'spec.containers[].livenessProbe.httpGet.port')?.type, 'int-or-string');
    assert.equal(at(pod, 'spec.volumes[].volumeSource'), undefined);
  });

  it('special types become scalar nodes', () => {
    assert.deepEqual(at(pod, 'spec.containers[].resources.limits'), { type: 'map', values: { type: 'quantity' } });
    assert.equal(at(pod, 'metadata.creationTimestamp')?.type, 'time');
    assert.equal(at(schemaForKind(gvk('apps', 'v1', 'ControllerRevision')), 'data')?.type, 'any');
  });

  const kinds: { gvk: ReturnType<typeof gvk>; name: string | undefined }[] = [
    { gvk: gvk('apps', 'v1', 'Deployment'), name: 'io.k8s.api.apps.v1.Deployment' },
    { gvk: gvk('events.k8s.io', 'v1', 'Event'), name: 'io.k8s.api.events.v1.Event' },
    { gvk: gvk('apps', 'v1', 'DeleteOptions'), name: 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions' },
    { gvk: gvk('scheduling.k8s.io', 'v1alpha1', 'Workload'), name: 'io.k8s.api.scheduling.v1alpha1.Workload' },
    { gvk: gvk('autoscaling', 'v1', 'Scale'), name: 'io.k8s.api.autoscaling.v1.Scale' },
    { gvk: gvk('', 'v1', 'PodSpec'), name: undefined },
    { gvk: gvk('example.com', 'v1', 'Widget'), name: undefined },
  ];
  for (const tc of kinds) {
    it(`resolves ${tc.gvk.group}/${tc.gvk.version} ${tc.gvk.kind}`, () => assert.equal(schemaForKind(tc.gvk)?.name, tc.name));
  }
});

describe('schemaForType', () => {
  it('accepts OpenAPI names, message names and scalars', () => {
    assert.equal((schemaForType('io.k8s.api.core.v1.PodSpec') as ObjectNode).name, 'io.k8s.api.core.v1.PodSpec');
    assert.equal(schemaForType('api.core.v1.PodSpec'), schemaForType('io.k8s.api.core.v1.PodSpec'));
    assert.deepEqual(schemaForType('int64'), { type: 'integer' });
    assert.equal(schemaForType('io.k8s.api.core.v1.Nope'), undefined);
  });
});

describe('knownFieldsCheck', () => {
  const cases: { name: string; kind: ReturnType<typeof gvk>; obj: unknown; want: string[] }[] = [
    { name: 'clean pod', kind: gvk('', 'v1', 'Pod'), obj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } }, want: [] },
    { name: 'top-level and spec', kind: gvk('', 'v1', 'Pod'), obj: { foo: 1, spec: { bar: 2 } }, want: ['foo', 'spec.bar'] },
    {
      name: 'list elements are indexed',
      kind: gvk('', 'v1', 'Pod'),
      obj: { spec: { containers: [{ name: 'a' }, { name: 'b', imagee: 'x', ports: [{ containerPort: 80, hostPortt: 1 }] }] } },
      want: ['spec.containers[1].imagee', 'spec.containers[1].ports[0].hostPortt'],
    },
    { name: 'inlined volume sources are known', kind: gvk('', 'v1', 'Pod'), obj: { spec: { volumes: [{ name: 'v', emptyDir: {}, bogus: {} }] } }, want: ['spec.volumes[0].bogus'] },
    {
      name: 'deployment template',
      kind: gvk('apps', 'v1', 'Deployment'),
      obj: { metadata: { nme: 'x' }, spec: { template: { spec: { containers: [{ name: 'c', resources: { limits: { cpu: '1' } } }], extra: true } } } },
      want: ['metadata.nme', 'spec.template.spec.extra'],
    },
    { name: 'free-form RawExtension and quantity values are not walked', kind: gvk('apps', 'v1', 'ControllerRevision'), obj: { data: { anything: 1 }, revision: 1 }, want: [] },
    { name: 'wrong JSON types are left to validation', kind: gvk('', 'v1', 'Pod'), obj: { spec: 'nope', metadata: [] }, want: [] },
    { name: 'unknown kinds are not checked', kind: gvk('example.com', 'v1', 'Widget'), obj: { anything: 1 }, want: [] },
  ];
  for (const tc of cases) it(tc.name, () => assert.deepEqual(knownFieldsCheck(tc.kind, tc.obj), tc.want));
});

describe('decodeError', () => {
  const pod = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }], ...spec } });
  const cases: { name: string; kind: ReturnType<typeof gvk>; obj: unknown; want: string | undefined }[] = [
    { name: 'a valid pod', kind: gvk('', 'v1', 'Pod'), obj: pod({ priority: 1, hostNetwork: true, nodeSelector: { a: 'b' } }), want: undefined },
    { name: 'int64 out of int32 range', kind: gvk('', 'v1', 'Pod'), obj: pod({ priority: 2 ** 31 }), want: 'json: cannot unmarshal number 2147483648 into Go struct field PodSpec.spec.priority of type int32' },
    { name: 'int32 bounds are accepted', kind: gvk('', 'v1', 'Pod'), obj: pod({ priority: 2 ** 31 - 1, activeDeadlineSeconds: 2 ** 53 }), want: undefined },
    { name: 'below int32', kind: gvk('', 'v1', 'Pod'), obj: pod({ priority: -(2 ** 31) - 1 }), want: 'json: cannot unmarshal number -2147483649 into Go struct field PodSpec.spec.priority of type int32' },
    { name: 'a fraction for an int64', kind: gvk('', 'v1', 'Pod'), obj: pod({ activeDeadlineSeconds: 1.5 }), want: 'json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64' },
    { name: 'int64 overflow', kind: gvk('', 'v1', 'Pod'), obj: pod({ activeDeadlineSeconds: 2 ** 63 }), want: 'json: cannot unmarshal number 9223372036854776000 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64' },
    { name: 'a string for a bool', kind: gvk('', 'v1', 'Pod'), obj: pod({ hostNetwork: 'yes' }), want: 'json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool' },
    { name: 'an array for a map', kind: gvk('', 'v1', 'Pod'), obj: pod({ nodeSelector: ['a'] }), want: 'json: cannot unmarshal array into Go struct field PodSpec.spec.nodeSelector of type map[string]string' },
    {
      name: 'inlined volume sources name the volume struct',
      kind: gvk('', 'v1', 'Pod'),
      obj: pod({ volumes: [{ name: 'v', emptyDir: 'x' }] }),
      want: 'json: cannot unmarshal string into Go struct field Volume.spec.volumes.emptyDir of type v1.EmptyDirVolumeSource',
    },
    {
      name: 'IntOrString decodes a non-string as int32',
      kind: gvk('', 'v1', 'Pod'),
      obj: pod({ containers: [{ name: 'c', livenessProbe: { httpGet: { port: true } } }] }),
      want: 'json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type int32',
    },
    { name: 'a Quantity that is neither string nor number', kind: gvk('', 'v1', 'Pod'), obj: pod({ overhead: { cpu: {} } }), want: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" },
    { name: 'a Time that is not a string', kind: gvk('', 'v1', 'Pod'), obj: { metadata: { creationTimestamp: 5 } }, want: 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string' },
    { name: 'the first error in document order', kind: gvk('', 'v1', 'Pod'), obj: pod({ hostPID: 1, hostIPC: 2 }), want: 'json: cannot unmarshal number into Go struct field PodSpec.spec.hostPID of type bool' },
    { name: 'free-form RawExtension', kind: gvk('apps', 'v1', 'ControllerRevision'), obj: { data: [1, 'x'], revision: 1 }, want: undefined },
    { name: 'undefined members (in-process callers) are absent, as null is', kind: gvk('', 'v1', 'Pod'), obj: { metadata: { name: 'p', labels: undefined }, spec: { containers: [{ name: 'c', image: 'i', args: [undefined] }] } }, want: undefined },
    { name: 'kinds without schema data', kind: gvk('example.com', 'v1', 'Widget'), obj: { spec: 1 }, want: undefined },
  ];
  for (const tc of cases) it(tc.name, () => assert.equal(decodeError(tc.kind, tc.obj), tc.want));
});
