import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDefaultTolerationSeconds, defaultPod, defaultPodSpec, defaultPullPolicy } from './pod.js';

test('imagePullPolicy by reference (spec §4.2)', () => {
  const cases: Array<[string, string]> = [
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.k8s.io/pause:3.10', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v1', 'IfNotPresent'],
    [`img@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    [`img:latest@sha256:${'a'.repeat(64)}`, 'Always'],
    ['Nginx', 'IfNotPresent'],
    ['', 'IfNotPresent'],
  ];
  for (const [image, want] of cases) assert.equal(defaultPullPolicy(image), want, image);
});

test('smallest pod gets the documented defaults', () => {
  const pod: any = { metadata: { name: 'web' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
  defaultPod(pod);
  applyDefaultTolerationSeconds(pod);
  assert.deepEqual(pod.spec, {
    containers: [
      { name: 'c', image: 'nginx', imagePullPolicy: 'Always', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
    ],
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
  });
});

test('pod-only defaults are not applied to templates', () => {
  const spec: any = { containers: [{ name: 'c', image: 'x:1', resources: { limits: { cpu: '1' } } }] };
  defaultPodSpec(spec);
  assert.equal(spec.enableServiceLinks, undefined);
  assert.equal(spec.containers[0].resources.requests, undefined);
  const pod: any = { spec: { containers: [{ name: 'c', image: 'x:1', resources: { limits: { cpu: '1' }, requests: { memory: '1Gi' } } }] } };
  defaultPod(pod);
  assert.deepEqual(pod.spec.containers[0].resources.requests, { memory: '1Gi', cpu: '1' });
});

test('ports, probes, volumes, hostNetwork and env defaults', () => {
  const pod: any = {
    spec: {
      hostNetwork: true,
      containers: [
        {
          name: 'c',
          image: 'x:1',
          ports: [{ containerPort: 8080 }],
          env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          livenessProbe: { httpGet: { port: 8080 } },
        },
      ],
      volumes: [
        { name: 'a' },
        { name: 'b', secret: { secretName: 's' } },
        { name: 'c', hostPath: { path: '/tmp' } },
        { name: 'd', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
      ],
    },
  };
  defaultPod(pod);
  const c = pod.spec.containers[0];
  assert.deepEqual(c.ports, [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
  assert.equal(c.env[0].valueFrom.fieldRef.apiVersion, 'v1');
  assert.deepEqual(c.livenessProbe, { httpGet: { port: 8080, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  assert.deepEqual(pod.spec.volumes, [
    { name: 'a', emptyDir: {} },
    { name: 'b', secret: { secretName: 's', defaultMode: 420 } },
    { name: 'c', hostPath: { path: '/tmp', type: '' } },
    { name: 'd', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } },
  ]);
});

test('DefaultTolerationSeconds respects existing tolerations and is idempotent', () => {
  const cases: Array<{ name: string; tols: any[]; added: string[] }> = [
    { name: 'none', tols: [], added: ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'] },
    { name: 'tolerate everything', tols: [{ operator: 'Exists' }], added: [] },
    { name: 'not-ready NoExecute exists', tols: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }], added: ['node.kubernetes.io/unreachable'] },
    { name: 'NoSchedule does not cover', tols: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }], added: ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'] },
  ];
  for (const tc of cases) {
    const pod: any = { spec: { tolerations: [...tc.tols] } };
    applyDefaultTolerationSeconds(pod);
    applyDefaultTolerationSeconds(pod);
    assert.deepEqual(pod.spec.tolerations.slice(tc.tols.length).map((t: any) => t.key), tc.added, tc.name);
  }
});

test('defaulting is idempotent', () => {
  const pod: any = { spec: { containers: [{ name: 'c', image: 'nginx', resources: { limits: { cpu: '1' } } }], volumes: [{ name: 'v' }] } };
  defaultPod(pod);
  const once = structuredClone(pod);
  defaultPod(pod);
  assert.deepEqual(pod, once);
});
