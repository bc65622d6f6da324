import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDefaults, defaultServiceIPFamilies, prepareForCreate } from './index.js';

const g = (group: string, kind: string) => ({ group, version: 'v1', kind });
const ctr = () => ({ name: 'c', image: 'nginx:1.27' });

test('applyDefaults per kind', () => {
  const cases: Array<[string, ReturnType<typeof g>, any, (o: any) => unknown, unknown]> = [
    [
      'service',
      g('', 'Service'),
      { spec: { ports: [{ port: 80 }] } },
      (o) => o.spec,
      { ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], sessionAffinity: 'None', type: 'ClusterIP', internalTrafficPolicy: 'Cluster' },
    ],
    [
      'loadbalancer service',
      g('', 'Service'),
      { spec: { type: 'LoadBalancer', ports: [{ port: 443, targetPort: 'https' }] }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } },
      (o) => [o.spec.externalTrafficPolicy, o.spec.allocateLoadBalancerNodePorts, o.spec.ports[0].targetPort, o.status.loadBalancer.ingress[0].ipMode],
      ['Cluster', true, 'https', 'VIP'],
    ],
    ['clientIP affinity', g('', 'Service'), { spec: { sessionAffinity: 'ClientIP' } }, (o) => o.spec.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } }],
    ['namespace', g('', 'Namespace'), { metadata: { name: 'team' } }, (o) => [o.metadata.labels, o.status, o.spec], [{ 'kubernetes.io/metadata.name': 'team' }, { phase: 'Active' }, undefined]],
    [
      'deployment',
      g('apps', 'Deployment'),
      { spec: { template: { spec: { containers: [ctr()] } } } },
      (o) => [o.spec.replicas, o.spec.strategy, o.spec.revisionHistoryLimit, o.spec.progressDeadlineSeconds, o.spec.template.spec.restartPolicy, o.spec.template.spec.enableServiceLinks],
      [1, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, 10, 600, 'Always', undefined],
    ],
    ['recreate deployment', g('apps', 'Deployment'), { spec: { strategy: { type: 'Recreate' } } }, (o) => o.spec.strategy, { type: 'Recreate' }],
    [
      'statefulset',
      g('apps', 'StatefulSet'),
      { spec: { volumeClaimTemplates: [{ spec: {} }] } },
      (o) => [o.spec.podManagementPolicy, o.spec.updateStrategy, o.spec.persistentVolumeClaimRetentionPolicy, o.spec.volumeClaimTemplates[0]],
      [
        'OrderedReady',
        { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        { whenDeleted: 'Retain', whenScaled: 'Retain' },
        { spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } },
      ],
    ],
    ['daemonset', g('apps', 'DaemonSet'), { spec: {} }, (o) => o.spec, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 }],
    [
      'job',
      g('batch', 'Job'),
      { spec: { template: { metadata: { labels: { app: 'pi' } }, spec: { containers: [ctr()] } } } },
      (o) => [o.spec.completions, o.spec.parallelism, o.spec.backoffLimit, o.spec.completionMode, o.spec.suspend, o.spec.podReplacementPolicy, o.spec.manualSelector, o.metadata.labels],
      [1, 1, 6, 'NonIndexed', false, 'TerminatingOrFailed', false, { app: 'pi' }],
    ],
    [
      'job with per-index backoff and failure policy',
      g('batch', 'Job'),
      { spec: { parallelism: 3, backoffLimitPerIndex: 1, podFailurePolicy: { rules: [{ onPodConditions: [{ type: 'DisruptionTarget' }] }] } } },
      (o) => [o.spec.completions, o.spec.parallelism, o.spec.backoffLimit, o.spec.podReplacementPolicy, o.spec.podFailurePolicy.rules[0].onPodConditions[0].status],
      [undefined, 3, 2147483647, 'Failed', 'True'],
    ],
    [
      'cronjob',
      g('batch', 'CronJob'),
      { spec: { jobTemplate: { spec: {} } } },
      (o) => [o.spec.concurrencyPolicy, o.spec.suspend, o.spec.successfulJobsHistoryLimit, o.spec.failedJobsHistoryLimit, o.spec.jobTemplate.spec.backoffLimit],
      ['Allow', false, 3, 1, undefined],
    ],
    ['secret stringData', g('', 'Secret'), { stringData: { a: 'hi' } }, (o) => [o.type, o.data, o.stringData], ['Opaque', { a: 'aGk=' }, undefined]],
    ['pv', g('', 'PersistentVolume'), { spec: {} }, (o) => [o.spec.persistentVolumeReclaimPolicy, o.spec.volumeMode, o.status.phase], ['Retain', 'Filesystem', 'Pending']],
    ['storageclass', g('storage.k8s.io', 'StorageClass'), { provisioner: 'p' }, (o) => [o.reclaimPolicy, o.volumeBindingMode], ['Delete', 'Immediate']],
    ['priorityclass', g('scheduling.k8s.io', 'PriorityClass'), { value: 1 }, (o) => o.preemptionPolicy, 'PreemptLowerPriority'],
    [
      'rolebinding',
      g('rbac.authorization.k8s.io', 'RoleBinding'),
      { roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'u' }, { kind: 'ServiceAccount', name: 's' }] },
      (o) => [o.roleRef.apiGroup, o.subjects[0].apiGroup, o.subjects[1].apiGroup],
      ['rbac.authorization.k8s.io', 'rbac.authorization.k8s.io', ''],
    ],
    ['unknown kind untouched', g('example.com', 'Widget'), { spec: {} }, (o) => o, { spec: {} }],
  ];
  for (const [name, gvk, obj, pick, want] of cases) {
    applyDefaults(gvk, obj);
    assert.deepEqual(pick(obj), want, name);
    const again = structuredClone(obj);
    applyDefaults(gvk, again);
    assert.deepEqual(again, obj, `${name} is idempotent`);
  }
});

test('prepareForCreate: namespace finalizer, job selector, generation', () => {
  const ns = { metadata: { name: 'n' }, spec: { finalizers: ['example.com/x'] } };
  prepareForCreate(g('', 'Namespace'), ns);
  assert.deepEqual(ns, { metadata: { name: 'n' }, spec: { finalizers: ['example.com/x', 'kubernetes'] }, status: { phase: 'Active' } });
  const job: any = { metadata: { name: 'pi', uid: 'u1' }, spec: { template: { metadata: { labels: { app: 'pi' } } } }, status: { active: 3 } };
  prepareForCreate(g('batch', 'Job'), job);
  assert.deepEqual(job.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } });
  assert.deepEqual(job.spec.template.metadata.labels, {
    app: 'pi',
    'batch.kubernetes.io/controller-uid': 'u1',
    'controller-uid': 'u1',
    'batch.kubernetes.io/job-name': 'pi',
    'job-name': 'pi',
  });
  assert.equal(job.metadata.generation, 1);
  assert.equal(job.status, undefined);
  const manual: any = { metadata: { name: 'm', uid: 'u' }, spec: { manualSelector: true, selector: { matchLabels: { a: 'b' } } } };
  prepareForCreate(g('batch', 'Job'), manual);
  assert.deepEqual(manual.spec.selector, { matchLabels: { a: 'b' } });
});

test('service IP families for a single-stack cluster', () => {
  const cases: Array<[string, any, unknown]> = [
    ['plain ClusterIP', { spec: { type: 'ClusterIP', selector: { a: 'b' } } }, ['SingleStack', ['IPv4']]],
    ['headless without selector', { spec: { type: 'ClusterIP', clusterIP: 'None' } }, ['RequireDualStack', ['IPv4', 'IPv6']]],
    ['headless with selector', { spec: { type: 'ClusterIP', clusterIP: 'None', selector: { a: 'b' } } }, ['SingleStack', ['IPv4']]],
    ['IPv6 cluster IP', { spec: { type: 'ClusterIP', clusterIPs: ['fd00::10'] } }, ['SingleStack', ['IPv6']]],
    ['ExternalName untouched', { spec: { type: 'ExternalName' } }, [undefined, undefined]],
  ];
  for (const [name, svc, want] of cases) {
    defaultServiceIPFamilies(svc);
    assert.deepEqual([svc.spec.ipFamilyPolicy, svc.spec.ipFamilies], want, name);
  }
});
