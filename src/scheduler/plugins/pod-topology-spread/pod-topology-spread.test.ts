import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CycleState } from '../../framework/cycle-state.js';
import type { Lister, NodeScore } from '../../framework/interface.js';
import { NodeInfo, newPodInfo } from '../../framework/node-info.js';
import { Code, type Status } from '../../framework/status.js';
import type { Node, Pod } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/builders.js';
import type { TopologySpreadConstraint } from './common.js';
import { PodTopologySpread, type PodTopologySpreadArgs } from './pod-topology-spread.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

/** node builds a node named n with hostname and (optional) zone labels. */
const node = (n: string, zone?: string): Node => {
  const b = makeNode().name(n).label(HOST, n);
  return (zone ? b.label(ZONE, zone) : b).obj();
};
/** pod builds a pod with labels and extra spec/metadata fields. */
const pod = (name: string, labels: Record<string, string>, extra: { spread?: TopologySpreadConstraint[]; ns?: string; deleting?: boolean; owner?: string; nodeSelector?: Record<string, string> } = {}): Pod => {
  const p = makePod().name(name).obj();
  p.metadata.labels = labels;
  if (extra.ns) p.metadata.namespace = extra.ns;
  if (extra.deleting) p.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
  if (extra.owner) p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: extra.owner, uid: 'u', controller: true }];
  if (extra.nodeSelector) p.spec.nodeSelector = extra.nodeSelector;
  if (extra.spread) (p.spec as { topologySpreadConstraints?: TopologySpreadConstraint[] }).topologySpreadConstraints = extra.spread;
  return p;
};
const hard = (key: string, maxSkew: number, more: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({ topologyKey: key, maxSkew, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: [{ key: 'foo', operator: 'Exists' }] }, ...more });
const soft = (key: string, maxSkew: number): TopologySpreadConstraint => ({ ...hard(key, maxSkew), whenUnsatisfiable: 'ScheduleAnyway' });

/** cluster places pods (by node name) on nodes and returns NodeInfos. */
function cluster(nodes: Node[], placed: Record<string, Pod[]> = {}): NodeInfo[] {
  return nodes.map((n) => {
    const ni = new NodeInfo(n);
    for (const p of placed[n.metadata.name!] ?? []) ni.addPod(newPodInfo({ ...p, spec: { ...p.spec, nodeName: n.metadata.name } }));
    return ni;
  });
}

const listerOf = <T extends { metadata?: { namespace?: string; name?: string } }>(objs: T[]): Lister<T> => ({
  get: (ns, n) => objs.find((o) => o.metadata?.namespace === ns && o.metadata?.name === n),
  list: () => objs,
});
const plugin = (infos: NodeInfo[], listers: Record<string, Lister<unknown>> = {}, args?: PodTopologySpreadArgs) =>
  new PodTopologySpread({ nodeInfos: () => infos, lister: <T>(r: string) => listers[r] as Lister<T> | undefined }, args);

const summary = (s: Status | undefined) => (s ? `${s.codeName()}: ${s.message()}` : 'Success');
const foo = (n: string) => pod(n, { foo: '' });

describe('PodTopologySpread Filter', () => {
  const zoned = () => [node('n1', 'a'), node('n2', 'a'), node('n3', 'b'), node('n4', 'b')];
  const cases: Array<{ name: string; pod: Pod; nodes: Node[]; placed: Record<string, Pod[]>; want: Record<string, string> }> = [
    {
      name: 'zone skew: the fuller zone is rejected',
      pod: pod('p', { foo: '' }, { spread: [hard(ZONE, 1)] }),
      nodes: zoned(), placed: { n1: [foo('x1')], n2: [foo('x2')], n3: [foo('x3')] },
      want: { n1: "Unschedulable: node(s) didn't match pod topology spread constraints", n2: "Unschedulable: node(s) didn't match pod topology spread constraints", n3: 'Success', n4: 'Success' },
    },
    {
      name: 'node without the topology key is unresolvable',
      pod: pod('p', { foo: '' }, { spread: [hard(ZONE, 1)] }),
      nodes: [node('n1', 'a'), node('n5')], placed: {},
      want: { n1: 'Success', n5: "UnschedulableAndUnresolvable: node(s) didn't match pod topology spread constraints (missing required label)" },
    },
    {
      name: 'minDomains above the domain count treats the minimum as 0',
      pod: pod('p', { foo: '' }, { spread: [hard(ZONE, 1, { minDomains: 3 })] }),
      nodes: zoned(), placed: { n1: [foo('x1')], n3: [foo('x3')] },
      want: { n1: "Unschedulable: node(s) didn't match pod topology spread constraints", n2: "Unschedulable: node(s) didn't match pod topology spread constraints", n3: "Unschedulable: node(s) didn't match pod topology spread constraints", n4: "Unschedulable: node(s) didn't match pod topology spread constraints" },
    },
    {
      name: 'terminating and other-namespace pods do not count',
      pod: pod('p', { foo: '' }, { spread: [hard(ZONE, 1)] }),
      nodes: zoned(), placed: { n1: [pod('x1', { foo: '' }, { deleting: true }), pod('x2', { foo: '' }, { ns: 'other' })], n3: [foo('x3')] },
      want: { n1: 'Success', n2: 'Success', n3: "Unschedulable: node(s) didn't match pod topology spread constraints", n4: "Unschedulable: node(s) didn't match pod topology spread constraints" },
    },
    {
      name: 'nodeAffinityPolicy Honor: domains outside the nodeSelector are ignored',
      pod: pod('p', { foo: '' }, { spread: [hard(ZONE, 1)], nodeSelector: { [ZONE]: 'a' } }),
      nodes: zoned(), placed: { n1: [foo('x1')] },
      want: { n1: 'Success', n2: 'Success' },
    },
    {
      name: 'nodeAffinityPolicy Ignore: the empty zone b keeps the minimum at 0',
      pod: pod('p', { foo: '' }, { spread: [hard(ZONE, 1, { nodeAffinityPolicy: 'Ignore' })], nodeSelector: { [ZONE]: 'a' } }),
      nodes: zoned(), placed: { n1: [foo('x1')] },
      want: { n1: "Unschedulable: node(s) didn't match pod topology spread constraints", n2: "Unschedulable: node(s) didn't match pod topology spread constraints" },
    },
    {
      name: 'a pod not matching its own selector does not add itself',
      pod: pod('p', { bar: '' }, { spread: [hard(HOST, 1)] }),
      nodes: [node('n1', 'a'), node('n2', 'a')], placed: { n1: [foo('x1')] },
      want: { n1: 'Success', n2: 'Success' },
    },
    {
      name: 'hostname maxSkew 1',
      pod: pod('p', { foo: '' }, { spread: [hard(HOST, 1)] }),
      nodes: [node('n1', 'a'), node('n2', 'a')], placed: { n1: [foo('x1')] },
      want: { n1: "Unschedulable: node(s) didn't match pod topology spread constraints", n2: 'Success' },
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const infos = cluster(tc.nodes, tc.placed);
      const pl = plugin(infos);
      const state = new CycleState();
      const pre = pl.preFilter(state, tc.pod, infos);
      assert.equal(pre.status, undefined);
      const got: Record<string, string> = {};
      for (const ni of infos) if (tc.want[ni.name] !== undefined) got[ni.name] = summary(pl.filter(state, tc.pod, ni));
      assert.deepEqual(got, tc.want);
    });
  }

  it('skips pods without hard constraints', () => {
    const infos = cluster([node('n1', 'a')]);
    assert.equal(plugin(infos).preFilter(new CycleState(), pod('p', {}, { spread: [soft(ZONE, 1)] }), infos).status?.code, Code.Skip);
  });
});

/** scores runs PreScore/Score/NormalizeScore over all nodes as feasible nodes. */
function scores(pl: PodTopologySpread, p: Pod, infos: NodeInfo[]): number[] | 'Skip' {
  const state = new CycleState();
  const pre = pl.preScore(state, p, infos);
  if (pre?.code === Code.Skip) return 'Skip';
  const list: NodeScore[] = infos.map((ni) => ({ name: ni.name, score: pl.score(state, p, ni) as number }));
  pl.normalizeScore(state, p, list);
  return list.map((s) => s.score);
}

describe('PodTopologySpread Score', () => {
  it('hostname: fewer matching pods score higher', () => {
    const infos = cluster([node('n1', 'a'), node('n2', 'a'), node('n3', 'a')], { n1: [foo('x1'), foo('x2')], n2: [foo('x3')] });
    // raw: 2*ln5 = 3.2 -> 3, ln5 = 1.6 -> 2, 0; normalized 100*(max+min-s)/max.
    assert.deepEqual(scores(plugin(infos), pod('p', { foo: '' }, { spread: [soft(HOST, 1)] }), infos), [0, 33, 100]);
  });

  it('nodes missing a topology key are ignored (score 0)', () => {
    const infos = cluster([node('n1', 'a'), node('n2')], { n1: [foo('x1')] });
    assert.deepEqual(scores(plugin(infos), pod('p', { foo: '' }, { spread: [soft(ZONE, 1)] }), infos), [100, 0]);
  });

  it('system defaults spread pods of a ReplicaSet over zones (maxSkew 3) and hosts (maxSkew 5)', () => {
    const infos = cluster([node('n1', 'a'), node('n2', 'a'), node('n3', 'b')], { n1: [pod('x1', { app: 'web' })] });
    const rs = { metadata: { namespace: 'default', name: 'web-1' }, spec: { selector: { matchLabels: { app: 'web' } } } };
    const pl = plugin(infos, { replicasets: listerOf([rs]) as Lister<unknown> });
    // n1: (1*ln4 + 2) + (1*ln5 + 4) = 9; n2: (ln4 + 2) + 4 = 7; n3: 2 + 4 = 6.
    assert.deepEqual(scores(pl, pod('p', { app: 'web' }, { owner: 'web-1' }), infos), [66, 88, 100]);
  });

  it('system defaults use Service selectors', () => {
    const infos = cluster([node('n1', 'a'), node('n2', 'b')], { n1: [pod('x1', { app: 'db' })] });
    const svc = { metadata: { namespace: 'default', name: 'db' }, spec: { selector: { app: 'db' } } };
    // n1: (ln4 + 2) + (ln4 + 4) = 9; n2: 2 + 4 = 6 -> 100*(15-9)/9 = 66.
    assert.deepEqual(scores(plugin(infos, { services: listerOf([svc]) as Lister<unknown> }), pod('p', { app: 'db' }), infos), [66, 100]);
  });

  it('skips pods with no constraints and no owners', () => {
    const infos = cluster([node('n1', 'a')]);
    assert.equal(scores(plugin(infos), pod('p', { app: 'x' }), infos), 'Skip');
  });

  it('List defaulting with no constraints skips', () => {
    const infos = cluster([node('n1', 'a')]);
    const svc = { metadata: { namespace: 'default', name: 'db' }, spec: { selector: { app: 'db' } } };
    assert.equal(scores(plugin(infos, { services: listerOf([svc]) as Lister<unknown> }, { defaultingType: 'List' }), pod('p', { app: 'db' }), infos), 'Skip');
  });
});

describe('PodTopologySpread queueing hints', () => {
  const pl = plugin([]);
  const hint = (o: unknown, n: unknown, r: 'Pod' | 'Node' = 'Pod') => pl.eventsToRegister().find((e) => e.event.resource === r)!.hint!(pod('p', { foo: '' }, { spread: [hard(ZONE, 1)] }), o, n);
  it('queues on a matching assigned pod', () => assert.equal(hint(undefined, { ...foo('x'), spec: { ...foo('x').spec, nodeName: 'n1' } }), 'Queue'));
  it('skips unassigned pods', () => assert.equal(hint(undefined, foo('x')), 'QueueSkip'));
  it('queues on a node gaining the topology key', () => assert.equal(hint(node('n9'), node('n9', 'c'), 'Node'), 'Queue'));
});
