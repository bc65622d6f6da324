import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CycleState } from '../../framework/cycle-state.js';
import { NodeInfo, newPodInfo } from '../../framework/node-info.js';
import { NodeToStatus } from '../../framework/node-to-status.js';
import type { Status } from '../../framework/status.js';
import type { Pod } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/builders.js';
import { newTestFramework } from '../../testing/framework.js';
import type { TopologySpreadConstraint } from '../pod-topology-spread/common.js';
import type { AffinityPod } from '../inter-pod-affinity/terms.js';
import { validateArgs, type DefaultPreemption } from './default-preemption.js';
import { pickOneNodeForPreemption } from './pick-node.js';
import { filterPodsWithPDBViolation, type PodDisruptionBudget, type Victims } from './victims.js';

const HOST = 'kubernetes.io/hostname';
const T0 = Date.UTC(2026, 0, 1);
const at = (minutes: number) => new Date(T0 - 3600_000 + minutes * 60_000).toISOString().replace('.000Z', 'Z');

interface PodOpts {
  labels?: Record<string, string>;
  /** started is minutes after T0-1h (status.startTime). */
  started?: number;
  policy?: 'Never';
  nominated?: string;
  /** preempted: being deleted because the scheduler preempted it. */
  preempted?: boolean;
  spread?: TopologySpreadConstraint[];
  antiAffinityTo?: Record<string, string>;
}

function pod(name: string, priority: number, cpu: string, o: PodOpts = {}): Pod {
  const p = makePod().name(name).priority(priority).req({ cpu }).obj();
  if (o.labels) p.metadata.labels = o.labels;
  if (o.policy) p.spec.preemptionPolicy = o.policy;
  p.status = {};
  if (o.started !== undefined) p.status.startTime = at(o.started);
  if (o.nominated) p.status.nominatedNodeName = o.nominated;
  if (o.preempted) {
    p.metadata.deletionTimestamp = at(0);
    p.status.conditions = [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }];
  }
  if (o.spread) (p.spec as { topologySpreadConstraints?: TopologySpreadConstraint[] }).topologySpreadConstraints = o.spread;
  if (o.antiAffinityTo) (p as AffinityPod).spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: o.antiAffinityTo }, topologyKey: HOST }] } };
  return p;
}

function node(name: string, cpu: string, pods: Pod[] = []): NodeInfo {
  const ni = new NodeInfo(makeNode().name(name).label(HOST, name).allocatable({ cpu, memory: '8Gi', pods: '110' }).obj());
  for (const p of pods) ni.addPod(newPodInfo({ ...p, spec: { ...p.spec, nodeName: name } }));
  return ni;
}

function pdb(name: string, selector: Record<string, string>, disruptionsAllowed: number, disruptedPods?: Record<string, string>): PodDisruptionBudget {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'default' }, spec: { selector: { matchLabels: selector } }, status: { disruptionsAllowed, disruptedPods } };
}

const summary = (s: Status | undefined) => (s ? `${s.codeName()}: ${s.message()}` : 'Success');

interface Scenario {
  nodes: NodeInfo[];
  preemptor: Pod;
  pdbs?: PodDisruptionBudget[];
  plugins?: string[];
  nominated?: Pod[];
  async?: boolean;
}

/** preemptOnce runs PreFilter, Filter on every node and PostFilter, as a failed cycle does. */
async function preemptOnce(sc: Scenario) {
  const env = newTestFramework({
    plugins: sc.plugins ?? ['NodeResourcesFit', 'DefaultPreemption'],
    nodes: sc.nodes,
    pending: [sc.preemptor, ...(sc.nominated ?? [])],
    listers: { poddisruptionbudgets: sc.pdbs ?? [] },
    features: { asyncPreemption: sc.async ?? false },
  });
  for (const p of sc.nominated ?? []) env.nominator.add(p);
  const plugin = env.fwk.postFilter.find((p) => p.name === 'DefaultPreemption') as DefaultPreemption;
  plugin.random = () => 0;
  const state = new CycleState();
  const pre = env.fwk.runPreFilterPlugins(state, sc.preemptor, sc.nodes);
  assert.equal(pre.status, undefined, 'PreFilter passes');
  const m = new NodeToStatus();
  for (const ni of sc.nodes) {
    const s = env.fwk.runFilterPluginsWithNominatedPods(state, sc.preemptor, ni);
    assert.ok(s, `${ni.name} must fail Filter for preemption to run`);
    m.set(ni.name, s);
  }
  const r = await env.fwk.runPostFilterPlugins(state, sc.preemptor, m);
  await Promise.all(env.tracked);
  const deleted = env.writes.filter((w) => w.startsWith('delete ')).map((w) => w.slice('delete '.length));
  return { ...env, plugin, result: r, deleted, status: summary(r.status) };
}

describe('DefaultPreemption: victims and node choice', () => {
  const cases: Array<{ name: string; sc: () => Scenario; node?: string; victims: string[]; status?: string }> = [
    {
      name: 'evicts only what is needed, reprieving the most important first',
      sc: () => ({ nodes: [node('n1', '4', [pod('a', 1, '1'), pod('b', 2, '1'), pod('c', 3, '2')])], preemptor: pod('p', 10, '2') }),
      node: 'n1',
      victims: ['b', 'a'],
    },
    {
      name: 'pods of equal or higher priority are never victims',
      sc: () => ({ nodes: [node('n1', '2', [pod('a', 10, '1'), pod('b', 20, '1')])], preemptor: pod('p', 10, '1') }),
      victims: [],
      status: 'Unschedulable: preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    },
    {
      name: 'preemptionPolicy Never does not preempt',
      sc: () => ({ nodes: [node('n1', '1', [pod('a', 1, '1')])], preemptor: pod('p', 10, '1', { policy: 'Never' }) }),
      victims: [],
      status: 'Unschedulable: preemption: not eligible due to preemptionPolicy=Never.',
    },
    {
      name: 'a node the pod could never fit is not a candidate',
      sc: () => ({ nodes: [node('n1', '1', [pod('a', 1, '1')]), node('n2', '2', [pod('b', 10, '2')])], preemptor: pod('p', 10, '2') }),
      victims: [],
      status: 'Unschedulable: preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    },
    {
      name: 'removing every victim is not enough: Filter says why',
      sc: () => ({ nodes: [node('n1', '4', [pod('a', 1, '1'), pod('big', 20, '3')])], preemptor: pod('p', 10, '2') }),
      victims: [],
      status: 'Unschedulable: preemption: 0/1 nodes are available: 1 Insufficient cpu.',
    },
    {
      name: 'fewest PDB violations wins',
      sc: () => ({
        nodes: [node('n1', '1', [pod('a', 1, '1', { labels: { app: 'db' } })]), node('n2', '1', [pod('b', 5, '1', { labels: { app: 'web' } })])],
        pdbs: [pdb('db', { app: 'db' }, 0)],
        preemptor: pod('p', 10, '1'),
      }),
      node: 'n2',
      victims: ['b'],
    },
    {
      name: 'a budget with disruptions left is no violation',
      sc: () => ({
        nodes: [node('n1', '1', [pod('a', 1, '1', { labels: { app: 'db' } })]), node('n2', '1', [pod('b', 5, '1', { labels: { app: 'web' } })])],
        pdbs: [pdb('db', { app: 'db' }, 1)],
        preemptor: pod('p', 10, '1'),
      }),
      node: 'n1',
      victims: ['a'],
    },
    {
      name: 'PDB-violating pods are reprieved before the others',
      sc: () => ({
        nodes: [node('n1', '2', [pod('guarded', 1, '1', { labels: { app: 'db' } }), pod('free', 1, '1', { labels: { app: 'web' } })])],
        pdbs: [pdb('db', { app: 'db' }, 0)],
        preemptor: pod('p', 10, '1'),
      }),
      node: 'n1',
      victims: ['free'],
    },
    {
      name: 'lowest highest-victim priority wins',
      sc: () => ({ nodes: [node('n1', '1', [pod('a', 5, '1')]), node('n2', '1', [pod('b', 3, '1')])], preemptor: pod('p', 10, '1') }),
      node: 'n2',
      victims: ['b'],
    },
    {
      name: 'then the smallest sum of victim priorities',
      sc: () => ({ nodes: [node('n1', '2', [pod('a1', 3, '1'), pod('a2', 2, '1')]), node('n2', '2', [pod('b1', 3, '1'), pod('b2', 1, '1')])], preemptor: pod('p', 10, '2') }),
      node: 'n2',
      victims: ['b1', 'b2'],
    },
    {
      name: 'then the latest start among the highest-priority victims',
      sc: () => ({ nodes: [node('n1', '1', [pod('old', 3, '1', { started: 0 })]), node('n2', '1', [pod('young', 3, '1', { started: 30 })])], preemptor: pod('p', 10, '1') }),
      node: 'n2',
      victims: ['young'],
    },
    {
      name: 'same priority: the pod running longer is reprieved first',
      sc: () => ({ nodes: [node('n1', '2', [pod('young', 1, '1', { started: 30 }), pod('old', 1, '1', { started: 0 })])], preemptor: pod('p', 10, '1') }),
      node: 'n1',
      victims: ['young'],
    },
    {
      name: 'a terminating victim on the nominated node makes the pod wait',
      sc: () => ({ nodes: [node('n1', '1', [pod('going', 1, '1', { preempted: true })])], preemptor: pod('p', 10, '1', { nominated: 'n1' }) }),
      victims: [],
      status: 'Unschedulable: preemption: not eligible due to a terminating pod on the nominated node.',
    },
    {
      name: 'a higher-priority pod nominated to the node keeps its room',
      sc: () => ({
        nodes: [node('n1', '2', [pod('a', 1, '1')]), node('n2', '2', [pod('b', 1, '2')])],
        nominated: [pod('vip', 100, '1', { nominated: 'n1' })],
        preemptor: pod('p', 10, '2'),
      }),
      node: 'n2',
      victims: ['b'],
    },
    {
      name: 'InterPodAffinity RemovePod: evicting the pod whose anti-affinity forbids us',
      sc: () => ({ nodes: [node('n1', '4', [pod('hater', 1, '1', { antiAffinityTo: { app: 'p' } })])], preemptor: pod('p', 10, '1', { labels: { app: 'p' } }), plugins: ['NodeResourcesFit', 'InterPodAffinity', 'DefaultPreemption'] }),
      node: 'n1',
      victims: ['hater'],
    },
    {
      name: 'PodTopologySpread RemovePod: evicting matching pods to restore the skew',
      sc: () => {
        const spread: TopologySpreadConstraint[] = [{ topologyKey: HOST, maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 's' } } }];
        return {
          nodes: [node('n1', '4', [pod('s1', 1, '1', { labels: { app: 's' } }), pod('s2', 1, '1', { labels: { app: 's' } }), pod('x', 1, '1')]), node('n2', '1', [pod('vip', 20, '1')])],
          preemptor: pod('p', 10, '1', { labels: { app: 's' }, spread }),
          plugins: ['NodeResourcesFit', 'PodTopologySpread', 'DefaultPreemption'],
        };
      },
      node: 'n1',
      victims: ['s1', 's2'],
    },
  ];
  for (const tc of cases) {
    it(tc.name, async () => {
      const r = await preemptOnce(tc.sc());
      assert.equal(r.status, tc.status ?? 'Success');
      assert.equal(r.result.nominatedNodeName, tc.node ?? (tc.status?.includes('not eligible') ? undefined : ''));
      assert.deepEqual(r.deleted, tc.victims);
    });
  }
});

describe('DefaultPreemption: what it does through the API', () => {
  it('marks each victim DisruptionTarget, deletes it and records Preempted', async () => {
    const r = await preemptOnce({ nodes: [node('n1', '2', [pod('a', 1, '1'), pod('b', 1, '1')])], preemptor: pod('p', 10, '2') });
    assert.equal(r.result.nominatedNodeName, 'n1');
    const patches = r.writes.filter((w) => w.startsWith('patch ')).map((w) => JSON.parse(w.slice(w.indexOf('{'))));
    assert.equal(patches.length, 2);
    for (const p of patches) {
      const c = p.status.conditions[0];
      assert.deepEqual([c.type, c.status, c.reason, c.message], ['DisruptionTarget', 'True', 'PreemptionByScheduler', 'default-scheduler: preempting to accommodate a higher priority pod']);
    }
    assert.deepEqual(r.writes.map((w) => w.split(' ').slice(0, 2).join(' ')), ['patch a/status', 'patch b/status', 'delete a', 'delete b']);
    assert.deepEqual(r.events, [
      { pod: 'a', reason: 'Preempted', message: 'Preempted by pod uid-p on node n1', action: 'Preempting', related: 'p' },
      { pod: 'b', reason: 'Preempted', message: 'Preempted by pod uid-p on node n1', action: 'Preempting', related: 'p' },
    ]);
  });

  it('clears the nomination of lower-priority pods nominated to the node', async () => {
    const r = await preemptOnce({
      nodes: [node('n1', '2', [pod('a', 1, '1')]), node('n2', '1', [pod('b', 50, '1')])],
      nominated: [pod('low', 5, '1', { nominated: 'n1' })],
      preemptor: pod('p', 10, '2'),
    });
    assert.equal(r.result.nominatedNodeName, 'n1');
    assert.ok(r.writes.includes('patch low/status {"status":{"nominatedNodeName":null}}'), r.writes.join('\n'));
  });

  it('async: holds the preemptor at PreEnqueue until the last victim is being deleted', async () => {
    const victims = [pod('a', 1, '1'), pod('b', 1, '1')];
    const n1 = node('n1', '2', victims);
    const env = newTestFramework({ plugins: ['NodeResourcesFit', 'DefaultPreemption'], nodes: [n1], pending: [pod('p', 10, '2')], features: { asyncPreemption: true } });
    const plugin = env.fwk.postFilter[0] as DefaultPreemption;
    const p = pod('p', 10, '2');
    plugin.executor.prepareCandidateAsync({ name: 'n1', victims: { pods: victims, numPDBViolations: 0 } }, p);
    assert.equal(summary(env.fwk.runPreEnqueuePlugins(p)), 'UnschedulableAndUnresolvable: waiting for the preemption for this pod to be finished');
    await Promise.all(env.tracked);
    assert.equal(env.fwk.runPreEnqueuePlugins(p), undefined);
    assert.deepEqual(env.writes.filter((w) => w.startsWith('delete')), ['delete a', 'delete b']);
    assert.deepEqual(plugin.eventsToRegister().map((e) => `${e.event.resource}/${e.event.actionType}`), ['AssignedPod/2']);
  });

  it('async: a failed deletion spares the last victim and activates the preemptor', async () => {
    const victims = [pod('a', 1, '1'), pod('b', 1, '1')];
    const env = newTestFramework({ plugins: ['NodeResourcesFit', 'DefaultPreemption'], nodes: [node('n1', '2', victims)], features: { asyncPreemption: true }, failOn: ['a'] });
    const plugin = env.fwk.postFilter[0] as DefaultPreemption;
    plugin.executor.prepareCandidateAsync({ name: 'n1', victims: { pods: victims, numPDBViolations: 0 } }, pod('p', 10, '2'));
    await assert.rejects(Promise.all(env.tracked), /injected failure for a/);
    assert.deepEqual(env.activated, ['p']);
    assert.ok(!env.writes.some((w) => /^(patch|delete) b\b/.test(w)), 'b was not touched');
    assert.equal(plugin.executor.isPodRunningPreemption('uid-p'), false);
  });
});

describe('pickOneNodeForPreemption', () => {
  const v = (prios: number[], pdbViolations = 0, started?: number[]): Victims => ({
    pods: prios.map((p, i) => pod(`v${i}`, p, '1', { started: started?.[i] })),
    numPDBViolations: pdbViolations,
  });
  const cases: Array<[string, Record<string, Victims>, string]> = [
    ['PDB violations first', { a: v([1], 1), b: v([9], 0) }, 'b'],
    ['highest victim priority', { a: v([5, 1]), b: v([4, 4, 4]) }, 'b'],
    ['sum of priorities (shifted to be non-negative)', { a: v([3, 2]), b: v([3, -5]) }, 'b'],
    ['fewest victims when sums tie', { a: v([-(2 ** 31), -(2 ** 31)]), b: v([-(2 ** 31)]) }, 'b'],
    ['latest start of the highest-priority victims', { a: v([3, 1], 0, [50, 0]), b: v([3, 1], 0, [10, 60]) }, 'a'],
    ['full tie: the first candidate', { a: v([2], 0, [5]), b: v([2], 0, [5]) }, 'a'],
  ];
  for (const [name, m, want] of cases) it(name, () => assert.equal(pickOneNodeForPreemption(new Map(Object.entries(m)), T0), want));
});

describe('filterPodsWithPDBViolation', () => {
  const labelled = (name: string, app: string) => ({ pod: pod(name, 1, '1', { labels: { app } }) });
  it('spends each budget in list order and skips pods the API server already counted', () => {
    const pods = [labelled('a', 'db'), labelled('b', 'db'), labelled('c', 'db'), labelled('d', 'web')];
    const elsewhere = pdb('web', { app: 'web' }, 0);
    elsewhere.metadata!.namespace = 'other';
    const r = filterPodsWithPDBViolation(pods, [pdb('db', { app: 'db' }, 1, { c: at(0) }), elsewhere]);
    assert.deepEqual(r.violating.map((x) => x.pod.metadata.name), ['b']);
    assert.deepEqual(r.nonViolating.map((x) => x.pod.metadata.name), ['a', 'c', 'd']);
  });
});

describe('DefaultPreemptionArgs', () => {
  it('validates as upstream', () => {
    assert.deepEqual(validateArgs({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 }), []);
    assert.deepEqual(validateArgs({ minCandidateNodesPercentage: 101, minCandidateNodesAbsolute: -1 }), [
      'minCandidateNodesPercentage: Invalid value: 101: not in valid range [0, 100]',
      'minCandidateNodesAbsolute: Invalid value: -1: not in valid range [0, inf)',
    ]);
    assert.equal(validateArgs({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 }).length, 2);
  });

  it('calculates the number of candidates', () => {
    const env = newTestFramework({ plugins: ['DefaultPreemption'], nodes: [] });
    const p = env.fwk.postFilter[0] as DefaultPreemption;
    assert.deepEqual([10, 100, 1000, 5000].map((n) => p.calculateNumCandidates(n)), [10, 100, 100, 500]);
    const custom = newTestFramework({ plugins: ['DefaultPreemption'], nodes: [], pluginConfig: { DefaultPreemption: { minCandidateNodesPercentage: 50, minCandidateNodesAbsolute: 1 } } });
    assert.equal((custom.fwk.postFilter[0] as DefaultPreemption).calculateNumCandidates(10), 5);
  });
});
