/**
 * newTestFramework builds a Framework over a fixed snapshot with a hand-made Handle: pods
 * and extra objects behind listers, a nominator, a client that records writes, and the
 * events and background work plugins produce. For plugin tests that need the runtime
 * (preemption runs Filter through it).
 */
import type { Client } from '../../client/client.js';
import { FakeClock, type Clock } from '../../util/clock.js';
import type { FeatureSet, Handle, Lister } from '../framework/interface.js';
import type { NodeInfo } from '../framework/node-info.js';
import { Framework, type PluginRef } from '../framework/runtime/framework.js';
import type { Pod } from '../framework/types.js';
import { Nominator } from '../queue/nominator.js';
import { inTreeRegistry } from '../plugins/registry.js';

export interface TestFrameworkOptions {
  /** Plugins besides PrioritySort and a no-op binder, which are always there. */
  plugins: string[];
  pluginConfig?: Record<string, unknown>;
  nodes: NodeInfo[];
  /** Pods the pod lister knows besides those on the nodes (pending pods). */
  pending?: Pod[];
  listers?: Record<string, unknown[]>;
  features?: Partial<FeatureSet>;
  clock?: Clock;
  /** failOn makes client writes to these pod names fail. */
  failOn?: string[];
}

export interface RecordedEvent {
  pod: string;
  reason: string;
  message: string;
  action?: string;
  related?: string;
}

const listerOf = <T extends { metadata?: { namespace?: string; name?: string } }>(items: () => T[]): Lister<T> => ({
  get: (ns, n) => items().find((x) => (x.metadata?.namespace ?? '') === (ns ?? '') && x.metadata?.name === n),
  list: items,
});

export function newTestFramework(o: TestFrameworkOptions) {
  const clock = o.clock ?? new FakeClock();
  const writes: string[] = [];
  const events: RecordedEvent[] = [];
  const tracked: Array<Promise<unknown>> = [];
  const activated: string[] = [];
  const nominator = new Nominator();
  const fail = (name: string) => {
    if (o.failOn?.includes(name)) throw Object.assign(new Error(`injected failure for ${name}`), { reason: 'InternalError' });
  };
  const client = {
    async patch(_ref: unknown, name: string, _type: string, body: unknown, opts?: { subresource?: string }) {
      writes.push(`patch ${name}${opts?.subresource ? '/' + opts.subresource : ''} ${JSON.stringify(body)}`);
      fail(name);
      return {};
    },
    async delete(_ref: unknown, name: string) {
      writes.push(`delete ${name}`);
      fail(name);
      return {};
    },
  } as unknown as Client;
  const pods = () => [...o.nodes.flatMap((ni) => ni.pods.map((pi) => pi.pod)), ...(o.pending ?? [])];
  const features: FeatureSet = { taintTolerationComparisonOperators: false, genericWorkload: false, gangScheduling: false, podLevelResources: false, asyncPreemption: false, ...o.features };
  const handle: Handle = {
    client,
    clock,
    nodeInfos: () => o.nodes,
    getNodeInfo: (n) => o.nodes.find((ni) => ni.name === n),
    iterateWaitingPods: (fn) => fwk.iterateWaitingPods(fn),
    getWaitingPod: (k) => fwk.getWaitingPod(k),
    rejectWaitingPod: (k) => fwk.rejectWaitingPod(k),
    activate: (ps) => activated.push(...ps.map((p) => p.metadata.name!)),
    lister: <T>(r: string) => (o.listers?.[r] ? (listerOf(() => o.listers![r] as Array<{ metadata?: { name?: string } }>) as Lister<T>) : undefined),
    podLister: () => listerOf(pods),
    isPVCUsedByPods: (key) => o.nodes.some((ni) => ni.pvcRefCounts.has(key)),
    havePodsWithAffinityNodeInfos: () => o.nodes.filter((ni) => ni.podsWithAffinity.length > 0),
    havePodsWithRequiredAntiAffinityNodeInfos: () => o.nodes.filter((ni) => ni.podsWithRequiredAntiAffinity.length > 0),
    nominatedPodsForNode: (n) => nominator.podsForNode(n),
    runFilterPluginsWithNominatedPods: (st, p, ni) => fwk.runFilterPluginsWithNominatedPods(st, p, ni),
    runPreFilterExtensionAddPod: (st, p, pi, ni) => fwk.runPreFilterExtensionAddPod(st, p, pi, ni),
    runPreFilterExtensionRemovePod: (st, p, pi, ni) => fwk.runPreFilterExtensionRemovePod(st, p, pi, ni),
    event: (p, _type, reason, message, eo) => events.push({ pod: p.metadata.name!, reason, message, action: eo?.action, related: eo?.related?.metadata.name }),
    track: (work) => tracked.push(work),
  };
  const registry = inTreeRegistry();
  registry.register('FakeBinder', () => ({ name: 'FakeBinder', bind: async () => undefined }));
  const refs: PluginRef[] = [{ name: 'PrioritySort' }, ...o.plugins.map((name) => ({ name })), { name: 'FakeBinder' }];
  const fwk = new Framework({ schedulerName: 'default-scheduler', plugins: refs, pluginConfig: o.pluginConfig }, registry, handle, features);
  return { fwk, handle, nominator, clock, writes, events, tracked, activated };
}
