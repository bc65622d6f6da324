/**
 * The objects scheduler_perf's SchedulingBasic creates: node-default.yaml (4 cpu, 32Gi,
 * 110 pods) and pod-default.yaml (one pause container asking 100m / 500Mi), plus the
 * scheduling.k8s.io/v1alpha1 Workload a gang's pods point at.
 */
import type { KubeObject } from '../../src/api/meta.js';

export const NODES = { version: 'v1', resource: 'nodes' };
export const NAMESPACES = { version: 'v1', resource: 'namespaces' };
export const podsIn = (namespace: string) => ({ version: 'v1', resource: 'pods', namespace });
export const workloadsIn = (namespace: string) => ({ group: 'scheduling.k8s.io', version: 'v1alpha1', resource: 'workloads', namespace });

export function node(i: number): KubeObject {
  const name = `scheduler-perf-${i}`;
  const alloc = { cpu: '4', memory: '32Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: { allocatable: alloc, capacity: alloc, conditions: [{ type: 'Ready', status: 'True' }], phase: 'Running' },
  };
}

export function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/**
 * pod is pod-default.yaml; with a gang, it carries the workloadRef of its pod group. cpu
 * replaces the 100m request (e.g. '4' makes every pod fill a node, the case batching helps).
 */
export function pod(name: string, gang?: string, cpu = '100m'): KubeObject {
  const spec: Record<string, unknown> = {
    containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10', ports: [{ containerPort: 80 }], resources: { requests: { cpu, memory: '500Mi' }, limits: { cpu, memory: '500Mi' } } }],
  };
  if (gang) spec.workloadRef = { name: gang, podGroup: 'pg' };
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec };
}

/** workload is one gang: a single pod group whose pods are placed all-or-nothing. */
export function workload(name: string, minCount: number): KubeObject {
  return { apiVersion: 'scheduling.k8s.io/v1alpha1', kind: 'Workload', metadata: { name }, spec: { podGroups: [{ name: 'pg', policy: { gang: { minCount } } }] } };
}
