import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeK8sProtobuf, encodeK8sProtobuf } from './index.js';
import { isStatusError } from '../errors.js';
import { Writer } from './wire.js';

const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/).map((x) => parseInt(x, 16)));
const toHex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');
const envelope = (apiVersion: string, kind: string, raw: string) => {
  const tm = [0x0a, apiVersion.length, ...Buffer.from(apiVersion), 0x12, kind.length, ...Buffer.from(kind)];
  const rawBytes = raw.trim() === '' ? [] : [...hex(raw)];
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, 0x0a, tm.length, ...tm, 0x12, rawBytes.length, ...rawBytes, 0x1a, 0x00, 0x22, 0x00]);
};

describe('decodeK8sProtobuf: byte vectors from k8s-protobuf.md', () => {
  const cases: { name: string; body: Uint8Array; want: unknown }[] = [
    {
      name: 'empty DeleteOptions (kubectl drain capture)',
      body: hex('6b 38 73 00 0a 13 0a 02 76 31 12 0d 44 65 6c 65 74 65 4f 70 74 69 6f 6e 73 12 00 1a 00 22 00'),
      want: { kind: 'DeleteOptions', apiVersion: 'v1' },
    },
    {
      name: 'DeleteOptions keeps a present zero gracePeriodSeconds',
      body: envelope('v1', 'DeleteOptions', '08 00 22 0a 42 61 63 6b 67 72 6f 75 6e 64'),
      want: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, propagationPolicy: 'Background' },
    },
    {
      name: 'DeleteOptions under apps/v1 uses the meta schema',
      body: envelope('apps/v1', 'DeleteOptions', '2a 03 41 6c 6c'),
      want: { kind: 'DeleteOptions', apiVersion: 'apps/v1', dryRun: ['All'] },
    },
    {
      name: 'Namespace from create namespace',
      body: hex(`6b 38 73 00 0a 0f 0a 02 76 31 12 09 4e 61 6d 65 73 70 61 63 65
        12 1b 0a 13 0a 03 66 6f 6f 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00 12 00 1a 02 0a 00 1a 00 22 00`),
      want: { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'foo' }, spec: {}, status: {} },
    },
    {
      name: 'SelfSubjectAccessReview from auth can-i',
      body: envelope('authorization.k8s.io/v1', 'SelfSubjectAccessReview', `0a 10 0a 00 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00
        12 1e 0a 1c 0a 07 64 65 66 61 75 6c 74 12 03 67 65 74 1a 00 22 00 2a 04 70 6f 64 73 32 00 3a 00
        1a 08 08 00 12 00 1a 00 20 00`),
      want: {
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: {},
        spec: { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } },
        status: { allowed: false },
      },
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const got = decodeK8sProtobuf(tc.body);
      assert.deepEqual(got.object, tc.want);
      assert.deepEqual(Object.keys(got.object).slice(0, 2), ['kind', 'apiVersion']);
    });
  }

  it('encodes the Namespace byte-for-byte like upstream', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'foo' }, spec: {}, status: {} };
    assert.equal(toHex(encodeK8sProtobuf(ns)), toHex(cases[3]!.body));
  });
});

describe('decodeK8sProtobuf: JSON as upstream marshals it', () => {
  // Each object is what upstream prints for the decoded Go struct; encode -> decode must
  // reproduce it exactly, key order included.
  const objects: { name: string; obj: Record<string, unknown> }[] = [
    {
      name: 'ConfigMap with data and binaryData (create configmap)',
      obj: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cm', namespace: 'default' }, data: { a: '1', b: 'two' }, binaryData: { bin: 'AP8=' } },
    },
    {
      name: 'Deployment (create deployment)',
      obj: {
        kind: 'Deployment',
        apiVersion: 'apps/v1',
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } },
          strategy: {},
        },
        status: {},
      },
    },
    {
      name: 'Service: IntOrString as number and string, ports keep order',
      obj: {
        kind: 'Service',
        apiVersion: 'v1',
        metadata: { name: 's' },
        spec: { ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }, { name: 'm', port: 9, targetPort: 'metrics' }], selector: { app: 'x' } },
        status: { loadBalancer: {} },
      },
    },
    {
      name: 'Pod: quantities, negative int, pointer false, condition times',
      obj: {
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: { name: 'p', creationTimestamp: '2024-05-01T10:00:00Z', deletionGracePeriodSeconds: -1 },
        spec: {
          containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: '500m', memory: '1Gi' } } }],
          automountServiceAccountToken: false,
          securityContext: { supplementalGroups: [1, 2] },
        },
        status: { conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-05-01T10:00:05Z' }] },
      },
    },
    {
      name: 'Secret: bytes map in base64',
      obj: { kind: 'Secret', apiVersion: 'v1', metadata: { name: 's' }, data: { empty: '', k: 'aGVsbG8=' }, type: 'Opaque' },
    },
    {
      name: 'ClusterRole: required list without omitempty stays null',
      obj: { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { name: 'r' }, rules: [{ verbs: null, apiGroups: [''] }] },
    },
    {
      name: 'ControllerRevision: RawExtension carries raw JSON',
      obj: { kind: 'ControllerRevision', apiVersion: 'apps/v1', metadata: { name: 'r' }, data: { spec: { x: [1, 'a'] } }, revision: 3 },
    },
    {
      name: 'Workload (hand-added scheduling.k8s.io/v1alpha1)',
      obj: { kind: 'Workload', apiVersion: 'scheduling.k8s.io/v1alpha1', metadata: { name: 'w' }, spec: { podGroups: [{ name: 'g', policy: { gang: { minCount: 2 } } }] } },
    },
  ];
  for (const tc of objects) {
    it(tc.name, () => {
      assert.deepEqual(decodeK8sProtobuf(encodeK8sProtobuf(tc.obj)).object, tc.obj);
      assert.equal(JSON.stringify(decodeK8sProtobuf(encodeK8sProtobuf(tc.obj)).object), JSON.stringify(tc.obj));
    });
  }
});

describe('decodeK8sProtobuf: wire details', () => {
  const cases: { name: string; body: Uint8Array; want: unknown }[] = [
    {
      name: 'quantity strings are canonicalised',
      // ResourceQuota spec.hard {cpu: "1.5", mem: "1.5Gi"}
      body: envelope('v1', 'ResourceQuota', '12 1c 0a 0c 0a 03 63 70 75 12 05 0a 03 31 2e 35 0a 0c 0a 03 6d 65 6d 12 05 0a 03 31 2e 35'),
      want: { kind: 'ResourceQuota', apiVersion: 'v1', metadata: {}, spec: { hard: { cpu: '1500m', mem: '1500m' } }, status: {} },
    },
    {
      name: 'int32 -1 is a sign-extended 10-byte varint; unknown field 99 skipped',
      body: envelope('autoscaling/v1', 'Scale', '12 0b 08 ff ff ff ff ff ff ff ff ff 01 98 06 07'),
      want: { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: {}, spec: { replicas: -1 }, status: { replicas: 0 } },
    },
    {
      name: 'packed repeated int64 is accepted',
      // Pod spec.securityContext (14) supplementalGroups (4) packed [3, 300]
      body: envelope('v1', 'Pod', '12 07 72 05 22 03 03 ac 02'),
      want: { kind: 'Pod', apiVersion: 'v1', metadata: {}, spec: { containers: null, securityContext: { supplementalGroups: [3, 300] } }, status: {} },
    },
    {
      name: 'message fields arriving twice are merged',
      body: envelope('v1', 'ConfigMap', '0a 03 0a 01 61 0a 03 1a 01 62'),
      want: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'a', namespace: 'b' } },
    },
  ];
  for (const tc of cases) it(tc.name, () => assert.deepEqual(decodeK8sProtobuf(tc.body).object, tc.want));

  it('fills an empty kind and apiVersion from the endpoint', () => {
    const body = hex('6b 38 73 00 0a 00 12 00');
    assert.deepEqual(decodeK8sProtobuf(body, { group: 'apps', version: 'v1', kind: 'DeleteOptions' }).object, { kind: 'DeleteOptions', apiVersion: 'apps/v1' });
  });

  const bad: { name: string; body: Uint8Array; message: RegExp }[] = [
    { name: 'missing magic', body: hex('7b 7d'), message: /k8s\\0/ },
    { name: 'truncated envelope', body: hex('6b 38 73 00 0a 13 0a 02'), message: /unexpected EOF/ },
    { name: 'unknown kind', body: envelope('v1', 'Nope', ''), message: /no kind "Nope" is registered for version "v1"/ },
    { name: 'missing kind', body: hex('6b 38 73 00 12 00'), message: /Kind' is missing/ },
    { name: 'wrong wire type on a known field', body: envelope('v1', 'DeleteOptions', '0a 00'), message: /wrong wireType = 2 for field GracePeriodSeconds/ },
    { name: 'bad quantity', body: envelope('v1', 'ResourceQuota', '12 0b 0a 09 0a 01 78 12 04 0a 02 7a 7a'), message: /quantities must match/ },
    { name: 'illegal wire type', body: envelope('v1', 'ConfigMap', 'ff 01'), message: /illegal wireType 7/ },
  ];
  for (const tc of bad) {
    it(`rejects ${tc.name} with 400`, () => {
      assert.throws(
        () => decodeK8sProtobuf(tc.body),
        (e: unknown) => isStatusError(e) && e.code === 400 && e.reason === 'BadRequest' && tc.message.test(e.message),
      );
    });
  }
});

describe('Writer', () => {
  it('writes a field begun in place like a nested Writer, shifting content whose length takes more bytes', () => {
    for (const size of [0, 1, 127, 128, 300, 20_000]) {
      const text = 'x'.repeat(size);
      const nested = new Writer().string(1, text).finish();
      const copied = new Writer().varint(7).bytes(2, nested).string(3, 'é').finish();
      const w = new Writer().varint(7);
      const mark = w.begin(2);
      w.string(1, text);
      w.end(mark);
      assert.deepEqual(w.string(3, 'é').finish(), copied, `size ${size}`);
    }
  });

  it('keeps the BigInt path for large and negative varints', () => {
    assert.deepEqual([...new Writer().varint(2 ** 31).finish()], [0x80, 0x80, 0x80, 0x80, 0x08]);
    assert.deepEqual([...new Writer().varint(-1).finish()], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    assert.deepEqual([...new Writer().tag(1, 2).finish()], [0x0a]);
  });
});
