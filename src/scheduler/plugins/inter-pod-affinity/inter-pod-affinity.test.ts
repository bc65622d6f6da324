import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CycleState } from '../../framework/cycle-state.js';
import type { Lister, NodeScore } from '../../framework/interface.js';
import { NodeInfo, newPodInfo } from '../../framework/node-info.js';
import { Code, type Status } from '../../framework/status.js';
import type { Node, Pod } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/builders.js';
import { InterPodAffinity, type InterPodAffinityArgs } from './inter-pod-affinity.js';
import type { AffinityPod, PodAffinityRules, PodAffinityTerm } from './terms.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

const node = (n: string, zone?: string): Node => {
  const b = makeNode().name(n).label(HOST, n);
  return (zone ? b.label(ZONE, zone) : b).obj();
};

interface PodOpts { ns?: string; affinity?: PodAffinityRules; anti?: PodAffinityRules }
const pod = (name: string, labels: Record<string, string>, o: PodOpts = {}): Pod => {
  const p = makePod().name(name).obj() as AffinityPod;
  p.metadata.labels = labels;
  if (o.ns) p.metadata.namespace = o.ns;
  if (o.affinity || o.anti) p.spec.affinity = { podAffinity: o.affinity, podAntiAffinity: o.anti };
  return p;
};
const term = (app: string, key: string, more: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({ labelSelector: { matchLabels: { app } }, topologyKey: key, ...more });
const required = (...t: PodAffinityTerm[]): PodAffinityRules => ({ requiredDuringSchedulingIgnoredDuringExecution: t });
const preferred = (weight: number, t: PodAffinityTerm): PodAffinityRules => ({ preferredDuringSchedulingIgnoredDuringExecution: [{ weight, podAffinityTerm: t }] });

function cluster(nodes: Node[], placed: Record<string, Pod[]> = {}): NodeInfo[] {
  return nodes.map((n) => {
    const ni = new NodeInfo(n);
    for (const p of placed[n.metadata.name!] ?? []) ni.addPod(newPodInfo({ ...p, spec: { ...p.spec, nodeName: n.metadata.name } }));
    return ni;
  });
}
const namespaces = (items: Array<{ name: string; labels: Record<string, string> }>): Lister<unknown> => ({
  get: (_ns, n) => { const i = items.find((x) => x.name === n); return i && { metadata: i }; },
  list: () => items.map((i) => ({ metadata: i })),
});
const plugin = (infos: NodeInfo[], ns?: Lister<unknown>, args?: InterPodAffinityArgs) =>
  new InterPodAffinity({
    nodeInfos: () => infos,
    havePodsWithAffinityNodeInfos: () => infos.filter((ni) => ni.podsWithAffinity.length > 0),
    havePodsWithRequiredAntiAffinityNodeInfos: () => infos.filter((ni) => ni.podsWithRequiredAntiAffinity.length > 0),
    lister: <T>(r: string) => (r === 'namespaces' ? ns : undefined) as Lister<T> | undefined }, args);
const summary = (s: Status | undefined) => (s ? `${s.codeName()}: ${s.message()}` : 'Success');

const AFF = "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules";
const ANTI = "Unschedulable: node(s) didn't match pod anti-affinity rules";
const EXISTING = "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules";

describe('InterPodAffinity Filter', () => {
  const zoned = () => [node('n1', 'a'), node('n2', 'a'), node('n3', 'b')];
  const cases: Array<{ name: string; pod: Pod; nodes: Node[]; placed?: Record<string, Pod[]>; ns?: Lister<unknown>; want: string[] }> = [
    { name: 'required affinity: same zone as a db pod', pod: pod('p', {}, { affinity: required(term('db', ZONE)) }), nodes: zoned(), placed: { n1: [pod('db', { app: 'db' })] }, want: ['Success', 'Success', AFF] },
    { name: 'required affinity: node without the topology key fails', pod: pod('p', {}, { affinity: required(term('db', ZONE)) }), nodes: [node('n1', 'a'), node('n4')], placed: { n1: [pod('db', { app: 'db' })] }, want: ['Success', AFF] },
    { name: 'required affinity: first pod of a self-affine group may go anywhere', pod: pod('p', { app: 'db' }, { affinity: required(term('db', ZONE)) }), nodes: zoned(), want: ['Success', 'Success', 'Success'] },
    { name: 'required affinity: no match and no self match', pod: pod('p', {}, { affinity: required(term('db', ZONE)) }), nodes: zoned(), want: [AFF, AFF, AFF] },
    { name: 'required affinity: other namespace not listed', pod: pod('p', {}, { affinity: required(term('db', ZONE, { namespaces: ['other'] })) }), nodes: zoned(), placed: { n1: [pod('db', { app: 'db' })] }, want: [AFF, AFF, AFF] },
    { name: 'required affinity: empty namespaceSelector matches every namespace', pod: pod('p', {}, { affinity: required(term('db', ZONE, { namespaceSelector: {} })) }), nodes: zoned(), placed: { n3: [pod('db', { app: 'db' }, { ns: 'x' })] }, want: [AFF, AFF, 'Success'] },
    {
      name: 'required affinity: namespaceSelector resolved through the namespaces lister',
      pod: pod('p', {}, { affinity: required(term('db', ZONE, { namespaceSelector: { matchLabels: { team: 't' } } })) }),
      nodes: zoned(), placed: { n1: [pod('db1', { app: 'db' }, { ns: 'x' })], n3: [pod('db2', { app: 'db' }, { ns: 'y' })] },
      ns: namespaces([{ name: 'x', labels: { team: 't' } }, { name: 'y', labels: {} }]), want: ['Success', 'Success', AFF],
    },
    { name: 'required anti-affinity: one web pod per host', pod: pod('p', { app: 'web' }, { anti: required(term('web', HOST)) }), nodes: zoned(), placed: { n1: [pod('w', { app: 'web' })] }, want: [ANTI, 'Success', 'Success'] },
    { name: 'existing pods anti-affinity: a zone that refuses web pods', pod: pod('p', { app: 'web' }), nodes: zoned(), placed: { n1: [pod('guard', {}, { anti: required(term('web', ZONE)) })] }, want: [EXISTING, EXISTING, 'Success'] },
    { name: 'existing pods anti-affinity: other labels are fine', pod: pod('p', { app: 'api' }), nodes: zoned(), placed: { n1: [pod('guard', {}, { anti: required(term('web', ZONE)) })] }, want: ['Success', 'Success', 'Success'] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const infos = cluster(tc.nodes, tc.placed);
      const pl = plugin(infos, tc.ns);
      const state = new CycleState();
      const pre = pl.preFilter(state, tc.pod, infos);
      if (pre.status?.code === Code.Skip) return assert.deepEqual(infos.map(() => 'Success'), tc.want);
      assert.equal(pre.status, undefined);
      assert.deepEqual(infos.map((ni) => summary(pl.filter(state, tc.pod, ni))), tc.want);
    });
  }

  it('skips when nobody has required (anti-)affinity', () => {
    const infos = cluster([node('n1', 'a')], { n1: [pod('x', { app: 'web' })] });
    assert.equal(plugin(infos).preFilter(new CycleState(), pod('p', {}), infos).status?.code, Code.Skip);
  });
});

function scores(pl: InterPodAffinity, p: Pod, infos: NodeInfo[]): number[] | 'Skip' {
  const state = new CycleState();
  if (pl.preScore(state, p, infos)?.code === Code.Skip) return 'Skip';
  const list: NodeScore[] = infos.map((ni) => ({ name: ni.name, score: pl.score(state, p, ni) as number }));
  pl.normalizeScore(state, p, list);
  return list.map((s) => s.score);
}

describe('InterPodAffinity Score', () => {
  const zoned = () => [node('n1', 'a'), node('n2', 'a'), node('n3', 'b')];
  const cases: Array<{ name: string; pod: Pod; placed: Record<string, Pod[]>; args?: InterPodAffinityArgs; want: number[] | 'Skip' }> = [
    { name: 'preferred affinity pulls to the zone of a db pod', pod: pod('p', {}, { affinity: preferred(50, term('db', ZONE)) }), placed: { n1: [pod('db', { app: 'db' })] }, want: [100, 100, 0] },
    { name: 'preferred anti-affinity pushes off the host', pod: pod('p', {}, { anti: preferred(10, term('web', HOST)) }), placed: { n1: [pod('w', { app: 'web' })] }, want: [0, 100, 100] },
    { name: "existing pod's required affinity attracts symmetric pods (hardPodAffinityWeight)", pod: pod('p', { app: 'web' }), placed: { n3: [pod('c', {}, { affinity: required(term('web', ZONE)) })] }, want: [0, 0, 100] },
    { name: 'hardPodAffinityWeight 0 disables the symmetric pull', pod: pod('p', { app: 'web' }), placed: { n3: [pod('c', {}, { affinity: required(term('web', ZONE)) })] }, args: { hardPodAffinityWeight: 0 }, want: [0, 0, 0] },
    { name: "existing pod's preferred anti-affinity repels", pod: pod('p', { app: 'web' }), placed: { n1: [pod('c', {}, { anti: preferred(5, term('web', HOST)) })] }, want: [0, 100, 100] },
    { name: 'ignorePreferredTermsOfExistingPods', pod: pod('p', { app: 'web' }), placed: { n1: [pod('c', {}, { anti: preferred(5, term('web', HOST)) })] }, args: { ignorePreferredTermsOfExistingPods: true }, want: 'Skip' },
    { name: 'no affinity anywhere skips', pod: pod('p', {}), placed: { n1: [pod('x', {})] }, want: 'Skip' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const infos = cluster(zoned(), tc.placed);
      assert.deepEqual(scores(plugin(infos, undefined, tc.args), tc.pod, infos), tc.want);
    });
  }

  it('rejects hardPodAffinityWeight above 100', () => assert.throws(() => plugin([], undefined, { hardPodAffinityWeight: 101 })));
});

describe('InterPodAffinity queueing hints', () => {
  const pl = plugin([]);
  const p = pod('p', {}, { affinity: required(term('db', ZONE)) });
  const hint = (r: 'Pod' | 'Node', o: unknown, n: unknown) => pl.eventsToRegister().find((e) => e.event.resource === r)!.hint!(p, o, n);
  const assigned = (x: Pod) => ({ ...x, spec: { ...x.spec, nodeName: 'n1' } });
  it('queues when a matching pod is assigned', () => assert.equal(hint('Pod', undefined, assigned(pod('db', { app: 'db' }))), 'Queue'));
  it('skips unrelated pods', () => assert.equal(hint('Pod', undefined, assigned(pod('x', { app: 'x' }))), 'QueueSkip'));
  it('queues when a node gains the topology key', () => assert.equal(hint('Node', node('n9'), node('n9', 'c')), 'Queue'));
  it('skips unrelated node label changes', () => assert.equal(hint('Node', node('n9', 'c'), { ...node('n9', 'c'), metadata: { ...node('n9', 'c').metadata, labels: { ...node('n9', 'c').metadata.labels, x: 'y' } } }), 'QueueSkip'));
});
