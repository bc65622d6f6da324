import type { KubeObject } from '../../api/meta.js';
import type { ResourceInfo } from '../../api/resources/types.js';
import { deepEqual } from '../../machinery/deep.js';
import { computePodQOS } from '../../machinery/validation/pod/index.js';

/**
 * Strategy holds the per-kind rules upstream keeps in pkg/registry/<group>/<kind>/strategy.go
 * that are not validation or defaulting: what create resets, what each update path may
 * change, and when generation moves.
 */
export interface Strategy {
  /** Called on create after defaulting; may reset status. */
  prepareForCreate(obj: KubeObject): void;
  /** Main resource update: keeps status when the kind has a status subresource. */
  prepareForUpdate(obj: KubeObject, old: KubeObject): void;
  /** Status subresource update: keeps everything but status (and metadata). */
  prepareForStatusUpdate(obj: KubeObject, old: KubeObject): void;
  /** pods/resize: only container resources and resizePolicy come from the request. */
  prepareForResize(obj: KubeObject, old: KubeObject): void;
}

/** Kinds whose create resets status to this value (upstream's PrepareForCreate). */
const CREATE_STATUS: Record<string, (obj: KubeObject) => Record<string, unknown>> = {
  '/Pod': (obj) => ({ phase: 'Pending', qosClass: computePodQOS(obj) }),
  'apps/Deployment': () => ({}),
  'apps/ReplicaSet': () => ({ replicas: 0 }),
  'apps/StatefulSet': () => ({ replicas: 0, availableReplicas: 0 }),
  'apps/DaemonSet': () => ({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }),
  'batch/Job': () => ({}),
  'batch/CronJob': () => ({}),
  '/Service': () => ({ loadBalancer: {} }),
  '/PersistentVolume': () => ({ phase: 'Pending' }),
  '/PersistentVolumeClaim': () => ({ phase: 'Pending' }),
  '/ReplicationController': () => ({ replicas: 0 }),
  '/ResourceQuota': () => ({}),
  'policy/PodDisruptionBudget': () => ({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }),
  'networking.k8s.io/Ingress': () => ({ loadBalancer: {} }),
  'storage.k8s.io/VolumeAttachment': () => ({ attached: false }),
};

function hasStatus(info: ResourceInfo): boolean {
  return info.subresources.some((s) => s.name === 'status');
}

/** specOf is every top-level field but metadata, status and type meta: what generation tracks. */
export function specOf(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

/** tracksGeneration: kinds with a spec get metadata.generation, bumped on spec changes. */
function tracksGeneration(obj: KubeObject): boolean {
  return obj.spec !== undefined;
}

export function strategyFor(info: ResourceInfo): Strategy {
  const gk = `${info.group}/${info.kind}`;
  const statusSub = hasStatus(info);
  return {
    prepareForCreate(obj) {
      const reset = CREATE_STATUS[gk];
      if (reset) obj.status = reset(obj);
      if (tracksGeneration(obj)) obj.metadata!.generation = 1;
    },
    prepareForUpdate(obj, old) {
      if (statusSub) {
        if (old.status === undefined) delete obj.status;
        else obj.status = old.status;
      }
      bumpGeneration(obj, old);
    },
    prepareForStatusUpdate(obj, old) {
      for (const k of Object.keys(obj)) if (k !== 'metadata' && k !== 'status' && k !== 'apiVersion' && k !== 'kind') delete obj[k];
      for (const [k, v] of Object.entries(specOf(old))) obj[k] = v;
      obj.metadata!.generation = old.metadata?.generation ?? obj.metadata!.generation;
      if (obj.metadata!.generation === undefined) delete obj.metadata!.generation;
    },
    prepareForResize(obj, old) {
      const wanted = new Map<string, Record<string, unknown>>();
      const spec = (obj.spec ?? {}) as { containers?: Array<Record<string, unknown>> };
      for (const c of spec.containers ?? []) wanted.set(String(c.name), c);
      const next = structuredClone(old.spec ?? {}) as { containers?: Array<Record<string, unknown>> };
      for (const c of next.containers ?? []) {
        const w = wanted.get(String(c.name));
        if (!w) continue;
        if (w.resources === undefined) delete c.resources;
        else c.resources = w.resources;
        if (w.resizePolicy !== undefined) c.resizePolicy = w.resizePolicy;
      }
      obj.spec = next;
      obj.status = old.status;
      bumpGeneration(obj, old);
    },
  };
}

function bumpGeneration(obj: KubeObject, old: KubeObject): void {
  const oldGen = old.metadata?.generation;
  if (oldGen === undefined && !tracksGeneration(obj)) {
    delete obj.metadata!.generation;
    return;
  }
  const changed = !deepEqual(specOf(obj), specOf(old));
  obj.metadata!.generation = (oldGen ?? 0) + (changed || oldGen === undefined ? 1 : 0);
}
