import type { KubeObject } from '../api/meta.js';
import type { Client, ResourceRef } from '../client/client.js';
import { listerWatcherFor, objectOf, SharedInformer } from '../client/informers/index.js';
import { realClock, type Clock } from '../util/clock.js';
import { Cache } from './cache/cache.js';
import { Snapshot } from './cache/snapshot.js';
import type { Registry as MetricsRegistry } from 'prom-client';
import { registerSchedulerMetrics, type SchedulerMetrics } from './metrics.js';
import { ActionType, type EventResource, type FeatureSet, type Handle, type Lister } from './framework/interface.js';
import type { Framework, PluginRef, Profile } from './framework/runtime/framework.js';
import type { Registry } from './framework/runtime/registry.js';
import type { Node, Pod } from './framework/types.js';
import { podKey } from './framework/types.js';
import { POD_GROUP_INDEX, podGroupIndexValues } from './plugins/gang-scheduling/workload.js';
import { defaultPlugins, inTreeRegistry } from './plugins/registry.js';
import { newProfileMap } from './profile-map.js';
import { nodeUpdateActions, podUpdateActions } from './queue/events.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import { apiReporter, type Reporter } from './reporter.js';
import { buildExtenders, withIgnoredResources } from './extender/build.js';
import type { ExtenderConfig } from './extender/http-extender.js';
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
  /** Several profiles (KubeSchedulerConfiguration.profiles); wins over `profile`. They share one queue, so one QueueSort. */
  profiles?: Profile[];
  /** Out-of-tree plugins merged into the in-tree registry. */
  registry?: Registry;
  percentageOfNodesToScore?: number;
  /** Backoff of a pod that failed a cycle: doubles from the initial to the max (defaults 1 and 10). */
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  /**
   * Scheduling cycles begin once this resolves (leader election); informers and the queue
   * fill before, as upstream's do, so a new leader starts with a warm cache.
   */
  leading?: Promise<unknown>;
  /** Replace the event/condition writer (tests). */
  reporter?: Reporter;
  random?: () => number;
  onError?: (err: unknown) => void;
  /** HTTP extenders, as KubeSchedulerConfiguration.extenders. */
  extenders?: ExtenderConfig[];
  /** Registers kube-scheduler's metrics here (a component server's registry, or several). */
  metricsRegistry?: MetricsRegistry | MetricsRegistry[];
}

export interface RunningScheduler {
  /** waitForSync resolves once pods and nodes are listed. */
  synced: Promise<void>;
  queue: SchedulingQueue;
  cache: Cache;
  /** One framework per profile, by schedulerName. */
  profiles: ReadonlyMap<string, Framework>;
  stop(): Promise<void>;
}

const PODS: ResourceRef = { version: 'v1', resource: 'pods' };
const NODES: ResourceRef = { version: 'v1', resource: 'nodes' };
const WORKLOADS: ResourceRef = { group: 'scheduling.k8s.io', version: 'v1alpha1', resource: 'workloads' };
/** Informer-backed listers for plugins, with the resource name and actions whose events requeue pods. */
const ADD_UPDATE = ActionType.Add | ActionType.Update;
const LISTED: Array<[ResourceRef, EventResource | undefined, number]> = [
  [{ version: 'v1', resource: 'services' }, undefined, 0],
  [{ version: 'v1', resource: 'replicationcontrollers' }, undefined, 0],
  [{ version: 'v1', resource: 'namespaces' }, undefined, 0],
  [{ version: 'v1', resource: 'persistentvolumeclaims' }, 'PersistentVolumeClaim', ADD_UPDATE],
  [{ version: 'v1', resource: 'persistentvolumes' }, 'PersistentVolume', ADD_UPDATE],
  [{ group: 'apps', version: 'v1', resource: 'replicasets' }, undefined, 0],
  [{ group: 'apps', version: 'v1', resource: 'statefulsets' }, undefined, 0],
  [{ group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' }, 'StorageClass', ADD_UPDATE],
  [{ group: 'storage.k8s.io', version: 'v1', resource: 'csinodes' }, 'CSINode', ADD_UPDATE],
  // Only deletions matter: a detached volume frees an attach slot (NodeVolumeLimits).
  [{ group: 'storage.k8s.io', version: 'v1', resource: 'volumeattachments' }, 'VolumeAttachment', ActionType.Delete],
  // DefaultPreemption spares pods whose PodDisruptionBudget has no disruption left.
  [{ group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' }, undefined, 0],
];

/** featureSetOf copies the gates plugins read into a plain object, once. */
export function featureSetOf(gates: Gates | undefined): FeatureSet {
  const on = (n: string) => gates?.enabled(n) ?? false;
  return {
    taintTolerationComparisonOperators: on('TaintTolerationComparisonOperators'),
    genericWorkload: on('GenericWorkload'),
    gangScheduling: on('GangScheduling'),
    podLevelResources: on('PodLevelResources'),
    asyncPreemption: on('SchedulerAsyncPreemption'),
    opportunisticBatching: on('OpportunisticBatching'),
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
  const extenders = buildExtenders(opts.extenders ?? []);
  // Pod signatures are off for every profile while extenders are configured (nothing says
  // what an extender reads), so opportunistic batching is too.
  const features = { ...featureSetOf(opts.gates), ...(extenders.length ? { opportunisticBatching: false } : {}) };
  const registry = inTreeRegistry();
  if (opts.registry) registry.merge(opts.registry);
  const plugins: PluginRef[] = opts.profile?.plugins ?? defaultPlugins(features);
  const profileList: Profile[] = withIgnoredResources(opts.profiles ?? [{ schedulerName: 'default-scheduler', ...opts.profile, plugins }], opts.extenders ?? []);
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
    // Waiting pods are one pool across profiles, as upstream shares its waitingPods map.
    iterateWaitingPods: (fn) => eachFramework((f) => f.iterateWaitingPods(fn)),
    getWaitingPod: (k) => [...profiles.values()].map((f) => f.getWaitingPod(k)).find((w) => w !== undefined),
    rejectWaitingPod: (k) => [...profiles.values()].map((f) => f.rejectWaitingPod(k)).some(Boolean),
    activate: (pods) => ctx.queue.activate(pods),
    lister: <T>(r: string) => listers.get(r) as Lister<T> | undefined,
    podLister: () => podLister,
    isPVCUsedByPods: (key) => snapshot.isPVCUsedByPods(key),
    nominatedPodsForNode: (n) => ctx.queue.nominator.podsForNode(n),
    // The handle is shared by the profiles; a runner call is about the pod being scheduled, so
    // it runs that pod's profile (upstream's per-framework handle gives the same answer).
    runFilterPluginsWithNominatedPods: (st, p, ni) => runnerOf(p).runFilterPluginsWithNominatedPods(st, p, ni),
    runPreFilterExtensionAddPod: (st, p, pi, ni) => runnerOf(p).runPreFilterExtensionAddPod(st, p, pi, ni),
    runPreFilterExtensionRemovePod: (st, p, pi, ni) => runnerOf(p).runPreFilterExtensionRemovePod(st, p, pi, ni),
    event: (p, type, reason, msg, o) => ctx.reporter.event(p, type, reason, msg, o),
    get metrics() {
      return metrics;
    },
    extenders,
    track: (work) => {
      const p = work.then(() => undefined, onError);
      ctx.bindings.add(p);
      void p.finally(() => ctx.bindings.delete(p));
    },
  };
  // handle's and metrics' closures read profiles, ctx and queue, which exist before they are called.
  const metrics: SchedulerMetrics | undefined = opts.metricsRegistry ? registerSchedulerMetrics(opts.metricsRegistry, (): ReturnType<SchedulingQueue['pending']> => queue.pending()) : undefined;
  const profiles = newProfileMap(profileList, registry, handle, features, { metrics });
  const eachFramework = (fn: (f: Framework) => void) => {
    for (const f of profiles.values()) fn(f);
  };
  const profileOf = (p: Pod) => profiles.get(p.spec.schedulerName ?? 'default-scheduler');
  const runnerOf = (p: Pod) => profileOf(p) ?? profiles.values().next().value!;
  // Every profile has the same QueueSort (newProfileMap checks), so the first one orders the queue.
  const sort = profiles.values().next().value!.queueSort;
  const queue = new SchedulingQueue({
    clock,
    less: (a, b) => sort.less(a, b),
    preEnqueue: (p) => profileOf(p)?.runPreEnqueuePlugins(p),
    events: (p) => profileOf(p)?.events ?? [],
    initialBackoffMs: (opts.podInitialBackoffSeconds ?? 1) * 1000,
    maxBackoffMs: (opts.podMaxBackoffSeconds ?? 10) * 1000,
    current: (p) => podInformer.store.getByName(p.metadata.namespace, p.metadata.name!),
  });
  const ctx: SchedulerContext = {
    clock, cache, snapshot, queue,
    reporter: opts.reporter ?? profileReporter(opts.client, clock, [...profiles.keys()], onError),
    profiles,
    percentageOfNodesToScore: opts.percentageOfNodesToScore,
    nextStartNodeIndex: 0,
    random: opts.random ?? Math.random,
    bindings: new Set(),
    onError,
    metrics,
    extenders,
  };
  const responsible = (p: Pod) => profileOf(p) !== undefined;
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
          queue.update(p, o.metadata.generation !== p.metadata.generation || actions !== 0, o);
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
        handle.rejectWaitingPod(podKey(p));
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
  for (const [ref, resource, actions] of LISTED) {
    const inf = new SharedInformer<KubeObject>(listerWatcherFor(opts.client, ref), { clock, onError });
    listers.set(ref.resource, { get: (ns, n) => inf.store.getByName(ns ?? '', n), list: () => inf.store.list() });
    if (resource) {
      const emit = (actionType: number, o: unknown, n: unknown) => {
        if ((actions & actionType) !== 0) queue.moveAllOnEvent({ resource, actionType }, o, n);
      };
      inf.addEventHandler({
        onAdd: (o) => emit(ActionType.Add, undefined, o),
        onUpdate: (o, n) => emit(ActionType.Update, o, n),
        onDelete: (d) => emit(ActionType.Delete, objectOf(d), undefined),
      });
    }
    extra.push(inf);
  }

  let stopped = false;
  let signalStop = () => {};
  const stopping = new Promise<void>((r) => (signalStop = r));
  const loop = (async () => {
    await Promise.all([podInformer.waitForSync(), nodeInformer.waitForSync()]);
    if (opts.leading) await Promise.race([opts.leading, stopping]);
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
    profiles,
    async stop() {
      stopped = true;
      signalStop();
      queue.close();
      handle.iterateWaitingPods((wp) => wp.reject('', 'scheduler stopped'));
      await loop;
      await Promise.allSettled([...ctx.bindings]);
      await Promise.all([podInformer.stop(), nodeInformer.stop(), workloadInformer?.stop(), ...extra.map((i) => i.stop())]);
      for (const e of extenders) e.close();
      ctx.reporter.stop?.();
    },
  };
}

/** profileReporter writes each pod's events as the profile that schedules it, like upstream's recorder per profile. */
function profileReporter(client: Client, clock: Clock, names: string[], onError: (e: unknown) => void): Reporter {
  const by = new Map(names.map((n) => [n, apiReporter(client, clock, n, onError)]));
  const of = (pod: Pod) => by.get(pod.spec.schedulerName ?? 'default-scheduler') ?? by.values().next().value!;
  return {
    stop: () => {
      for (const r of by.values()) r.stop?.();
    },
    event: (pod, type, reason, message, opts) => of(pod).event(pod, type, reason, message, opts),
    podScheduledFalse: (pod, reason, message, nominated) => of(pod).podScheduledFalse(pod, reason, message, nominated),
  };
}
