import type { KubeObject } from '../api/meta.js';
import type { Client, ResourceRef } from '../client/client.js';
import { listerWatcherFor, objectOf, SharedInformer } from '../client/informers/index.js';
import { realClock, type Clock } from '../util/clock.js';
import { Cache } from './cache/cache.js';
import { Snapshot } from './cache/snapshot.js';
import type { Registry as MetricsRegistry } from 'prom-client';
import { registerSchedulerMetrics } from './metrics.js';
import { ActionType, type EventResource, type FeatureSet, type Handle, type Lister } from './framework/interface.js';
import { Framework, type PluginRef, type Profile } from './framework/runtime/framework.js';
import type { Registry } from './framework/runtime/registry.js';
import type { Node, Pod } from './framework/types.js';
import { podKey } from './framework/types.js';
import { POD_GROUP_INDEX, podGroupIndexValues } from './plugins/gang-scheduling/workload.js';
import { defaultPlugins, inTreeRegistry } from './plugins/registry.js';
import { nodeUpdateActions, podUpdateActions } from './queue/events.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import { apiReporter, type Reporter } from './reporter.js';
import { scheduleOne, type SchedulerContext } from './schedule-one.js';

/** YIELD_EVERY_MS is how long the scheduling loop runs before letting timers and I/O in. */
const YIELD_EVERY_MS = 10;

/** Gates is the read side of FeatureGates. */
export interface Gates {
  enabled(name: string): boolean;
}

export interface SchedulerOptions {
  client: Client;
  clock?: Clock;
  gates?: Gates;
  /** One profile; defaults to `default-scheduler` with the default plugins. */
  profile?: Partial<Profile>;
  /** Out-of-tree plugins merged into the in-tree registry. */
  registry?: Registry;
  percentageOfNodesToScore?: number;
  /** Replace the event/condition writer (tests). */
  reporter?: Reporter;
  random?: () => number;
  onError?: (err: unknown) => void;
  /** Registers kube-scheduler's metrics here (a component server's registry). */
  metricsRegistry?: MetricsRegistry;
}

export interface RunningScheduler {
  /** waitForSync resolves once pods and nodes are listed. */
  synced: Promise<void>;
  queue: SchedulingQueue;
  cache: Cache;
  stop(): Promise<void>;
}

const PODS: ResourceRef = { version: 'v1', resource: 'pods' };
const NODES: ResourceRef = { version: 'v1', resource: 'nodes' };
const WORKLOADS: ResourceRef = { group: 'scheduling.k8s.io', version: 'v1alpha1', resource: 'workloads' };
const LISTED: Array<[ResourceRef, EventResource | undefined]> = [
  [{ version: 'v1', resource: 'services' }, undefined],
  [{ version: 'v1', resource: 'replicationcontrollers' }, undefined],
  [{ version: 'v1', resource: 'namespaces' }, undefined],
  [{ version: 'v1', resource: 'persistentvolumeclaims' }, 'PersistentVolumeClaim'],
  [{ version: 'v1', resource: 'persistentvolumes' }, 'PersistentVolume'],
  [{ group: 'apps', version: 'v1', resource: 'replicasets' }, undefined],
  [{ group: 'apps', version: 'v1', resource: 'statefulsets' }, undefined],
  [{ group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' }, 'StorageClass'],
];

/** featureSetOf copies the gates plugins read into a plain object, once. */
export function featureSetOf(gates: Gates | undefined): FeatureSet {
  const on = (n: string) => gates?.enabled(n) ?? false;
  return {
    taintTolerationComparisonOperators: on('TaintTolerationComparisonOperators'),
    genericWorkload: on('GenericWorkload'),
    gangScheduling: on('GangScheduling'),
    podLevelResources: on('PodLevelResources'),
  };
}

/**
 * startScheduler runs kube-scheduler against the API behind `client`: pod and node
 * informers feed the cache and the scheduling queue; one loop runs scheduling cycles in
 * order while binding cycles run concurrently.
 */
export function startScheduler(opts: SchedulerOptions): RunningScheduler {
  const clock = opts.clock ?? realClock;
  const onError = opts.onError ?? (() => {});
  const features = featureSetOf(opts.gates);
  const registry = inTreeRegistry();
  if (opts.registry) registry.merge(opts.registry);
  const plugins: PluginRef[] = opts.profile?.plugins ?? defaultPlugins(features);
  const profile: Profile = { schedulerName: 'default-scheduler', ...opts.profile, plugins };
  const cache = new Cache();
  const snapshot = new Snapshot();
  const podInformer = new SharedInformer<Pod>(listerWatcherFor(opts.client, PODS), { clock, onError });
  const nodeInformer = new SharedInformer<Node>(listerWatcherFor(opts.client, NODES), { clock, onError });
  const listers = new Map<string, Lister<unknown>>();
  const podLister: Lister<Pod> = { get: (ns, n) => podInformer.store.getByName(ns, n), list: () => podInformer.store.list() };
  if (features.genericWorkload) {
    // GangScheduling looks up a gang's pods on every PreEnqueue and Permit: index them.
    podInformer.store.addIndex(POD_GROUP_INDEX, podGroupIndexValues);
    podLister.byIndex = (index, value) => podInformer.store.byIndex(index, value);
  }
  const handle: Handle = {
    client: opts.client,
    clock,
    nodeInfos: () => snapshot.nodeInfoList,
    havePodsWithAffinityNodeInfos: () => snapshot.havePodsWithAffinityList(),
    havePodsWithRequiredAntiAffinityNodeInfos: () => snapshot.havePodsWithRequiredAntiAffinityList(),
    getNodeInfo: (n) => snapshot.get(n),
    iterateWaitingPods: (fn) => fwk.iterateWaitingPods(fn),
    getWaitingPod: (k) => fwk.getWaitingPod(k),
    rejectWaitingPod: (k) => fwk.rejectWaitingPod(k),
    activate: (pods) => ctx.queue.activate(pods),
    lister: <T>(r: string) => listers.get(r) as Lister<T> | undefined,
    podLister: () => podLister,
  };
  // handle's closures read fwk and ctx, which exist before any plugin calls them.
  const fwk = new Framework(profile, registry, handle, features);
  const queue = new SchedulingQueue({ clock, less: (a, b) => fwk.queueSort.less(a, b), preEnqueue: (p) => fwk.runPreEnqueuePlugins(p), events: fwk.events });
  const ctx: SchedulerContext = {
    clock, cache, snapshot, queue,
    reporter: opts.reporter ?? apiReporter(opts.client, clock, profile.schedulerName, onError),
    profiles: new Map([[profile.schedulerName, fwk]]),
    percentageOfNodesToScore: opts.percentageOfNodesToScore,
    nextStartNodeIndex: 0,
    random: opts.random ?? Math.random,
    bindings: new Set(),
    onError,
  };
  if (opts.metricsRegistry) ctx.metrics = registerSchedulerMetrics(opts.metricsRegistry, () => queue.pending());
  const responsible = (p: Pod) => (p.spec.schedulerName ?? 'default-scheduler') === profile.schedulerName;
  const assigned = (p: Pod) => !!p.spec.nodeName;
  const terminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

  podInformer.addEventHandler({
    onAdd: (p) => {
      if (assigned(p)) {
        if (!terminal(p)) cache.addPod(p);
        queue.moveAllOnEvent({ resource: 'AssignedPod', actionType: ActionType.Add }, undefined, p);
      } else if (responsible(p) && !p.metadata.deletionTimestamp) {
        queue.add(p);
        queue.moveAllOnEvent({ resource: 'UnscheduledPod', actionType: ActionType.Add }, undefined, p);
      }
    },
    onUpdate: (o, p) => {
      if (assigned(p)) {
        if (!assigned(o)) queue.delete(o);
        if (terminal(p)) cache.removePod(p);
        else cache.updatePod(o, p);
        if (terminal(p) && !terminal(o)) queue.moveAllOnEvent({ resource: 'AssignedPod', actionType: ActionType.Delete }, o, undefined);
        else queue.moveAllOnEvent({ resource: 'AssignedPod', actionType: podUpdateActions(o, p) || ActionType.Update }, o, p);
      } else if (responsible(p)) {
        if (p.metadata.deletionTimestamp) queue.delete(p);
        else {
          const actions = podUpdateActions(o, p);
          if (actions) queue.moveAllOnEvent({ resource: 'UnscheduledPod', actionType: actions }, o, p);
          queue.update(p, o.metadata.generation !== p.metadata.generation || actions !== 0);
        }
      }
    },
    onDelete: (d) => {
      const p = objectOf(d);
      if (assigned(p)) {
        cache.removePod(p);
        queue.moveAllOnEvent({ resource: 'AssignedPod', actionType: ActionType.Delete }, p, undefined);
      } else {
        queue.delete(p);
        fwk.rejectWaitingPod(podKey(p));
      }
    },
  });
  nodeInformer.addEventHandler({
    onAdd: (n) => {
      cache.addNode(n);
      queue.moveAllOnEvent({ resource: 'Node', actionType: ActionType.Add }, undefined, n);
    },
    onUpdate: (o, n) => {
      cache.updateNode(n);
      const actions = nodeUpdateActions(o, n);
      if (actions) queue.moveAllOnEvent({ resource: 'Node', actionType: actions }, o, n);
    },
    onDelete: (d) => cache.removeNode(objectOf(d)),
  });
  // GenericWorkload: Workloads feed GangScheduling through handle.lister('workloads'). The
  // loop does not wait for this informer's sync (the API may not serve v1alpha1); a pod
  // gated on a missing Workload is released by the Workload/Add of the first list.
  const workloadInformer = features.genericWorkload ? new SharedInformer<KubeObject>(listerWatcherFor(opts.client, WORKLOADS), { clock, onError }) : undefined;
  if (workloadInformer) {
    listers.set(WORKLOADS.resource, { get: (ns, n) => workloadInformer.store.getByName(ns, n), list: () => workloadInformer.store.list() });
    workloadInformer.addEventHandler({
      onAdd: (w) => queue.moveAllOnEvent({ resource: 'Workload', actionType: ActionType.Add }, undefined, w),
      onUpdate: (o, w) => queue.moveAllOnEvent({ resource: 'Workload', actionType: ActionType.Update }, o, w),
      onDelete: (d) => queue.moveAllOnEvent({ resource: 'Workload', actionType: ActionType.Delete }, objectOf(d), undefined),
    });
  }

  // Listers the spreading, affinity and volume plugins read, with the events that requeue pods.
  const extra: Array<SharedInformer<KubeObject>> = [];
  for (const [ref, resource] of LISTED) {
    const inf = new SharedInformer<KubeObject>(listerWatcherFor(opts.client, ref), { clock, onError });
    listers.set(ref.resource, { get: (ns, n) => inf.store.getByName(ns ?? '', n), list: () => inf.store.list() });
    if (resource) {
      inf.addEventHandler({
        onAdd: (o) => queue.moveAllOnEvent({ resource, actionType: ActionType.Add }, undefined, o),
        onUpdate: (o, n) => queue.moveAllOnEvent({ resource, actionType: ActionType.Update }, o, n),
        onDelete: () => undefined,
      });
    }
    extra.push(inf);
  }

  let stopped = false;
  const loop = (async () => {
    await Promise.all([podInformer.waitForSync(), nodeInformer.waitForSync()]);
    let lastYield = performance.now();
    while (!stopped) {
      // Back-to-back cycles chain on microtasks only, which would starve timers (backoff,
      // Permit timeouts) and sockets; give the event loop a turn every Go-like time slice.
      if (performance.now() - lastYield >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      const info = await queue.pop();
      if (!info || stopped) break;
      try {
        await scheduleOne(ctx, info, queue.cycle);
      } catch (err) {
        onError(err);
        queue.done(info.key);
      }
    }
  })();
  nodeInformer.start();
  workloadInformer?.start();
  for (const inf of extra) inf.start();
  podInformer.start();
  return {
    synced: Promise.all([podInformer.waitForSync(), nodeInformer.waitForSync()]).then(() => undefined),
    queue,
    cache,
    async stop() {
      stopped = true;
      queue.close();
      fwk.iterateWaitingPods((wp) => wp.reject('', 'scheduler stopped'));
      await loop;
      await Promise.allSettled([...ctx.bindings]);
      await Promise.all([podInformer.stop(), nodeInformer.stop(), workloadInformer?.stop(), ...extra.map((i) => i.stop())]);
    },
  };
}
