import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CycleState } from '../framework/cycle-state.js';
import type { FilterPlugin, NodeScore, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../framework/interface.js';
import { NodeInfo, newPodInfo } from '../framework/node-info.js';
import { Code, type Status } from '../framework/status.js';
import type { Node, Pod } from '../framework/types.js';
import { makeNode, makePod } from '../testing/builders.js';
import { NodeAffinity } from './node-affinity/node-affinity.js';
import { NodeName } from './node-name/node-name.js';
import { NodePorts } from './node-ports/node-ports.js';
import { BalancedAllocation } from './node-resources/balanced-allocation.js';
import { NodeResourcesFit } from './node-resources/fit.js';
import { NodeUnschedulable } from './node-unschedulable/node-unschedulable.js';
import { SchedulingGates } from './scheduling-gates/scheduling-gates.js';
import { TaintToleration } from './taint-toleration/taint-toleration.js';

const infoOf = (node: Node, pods: Pod[] = []) => {
  const ni = new NodeInfo(node);
  for (const p of pods) ni.addPod(newPodInfo({ ...p, spec: { ...p.spec, nodeName: node.metadata.name } }));
  return ni;
};

/** runFilter runs PreFilter (if any) then Filter, as the framework does. */
function runFilter(p: FilterPlugin & Partial<PreFilterPlugin>, pod: Pod, ni: NodeInfo): Status | undefined {
  const state = new CycleState();
  const pre = p.preFilter?.(state, pod, [ni]);
  if (pre?.status?.code === Code.Skip) return undefined;
  if (pre?.status) return pre.status;
  return p.filter(state, pod, ni);
}

const summary = (s: Status | undefined) => (s ? `${s.codeName()}: ${s.message()}` : 'Success');

describe('Filter plugins', () => {
  const cases: Array<{ name: string; plugin: FilterPlugin; pod: Pod; node: Node; existing?: Pod[]; want: string }> = [
    { name: 'TaintToleration: Lt 5 tolerates value 2', plugin: new TaintToleration(true), pod: makePod().toleration({ key: 'fp', operator: 'Lt', value: '5', effect: 'NoExecute' }).obj(), node: makeNode().taint({ key: 'fp', value: '2', effect: 'NoExecute' }).obj(), want: 'Success' },
    { name: 'TaintToleration: Lt 5 rejects value 15', plugin: new TaintToleration(true), pod: makePod().toleration({ key: 'fp', operator: 'Lt', value: '5', effect: 'NoExecute' }).obj(), node: makeNode().taint({ key: 'fp', value: '15', effect: 'NoExecute' }).obj(), want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {fp: 15}' },
    { name: 'TaintToleration: gate off ignores Gt', plugin: new TaintToleration(false), pod: makePod().toleration({ key: 'g', operator: 'Gt', value: '800', effect: 'NoSchedule' }).obj(), node: makeNode().taint({ key: 'g', value: '1000', effect: 'NoSchedule' }).obj(), want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {g: 1000}' },
    { name: 'TaintToleration: PreferNoSchedule never filters', plugin: new TaintToleration(true), pod: makePod().obj(), node: makeNode().taint({ key: 'x', effect: 'PreferNoSchedule' }).obj(), want: 'Success' },
    { name: 'NodeUnschedulable: cordoned', plugin: new NodeUnschedulable(true), pod: makePod().obj(), node: makeNode().unschedulable().obj(), want: 'UnschedulableAndUnresolvable: node(s) were unschedulable' },
    { name: 'NodeUnschedulable: tolerated', plugin: new NodeUnschedulable(true), pod: makePod().toleration({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }).obj(), node: makeNode().unschedulable().obj(), want: 'Success' },
    { name: 'NodeName: other node', plugin: new NodeName(), pod: makePod().nodeName('a').obj(), node: makeNode().name('b').obj(), want: "UnschedulableAndUnresolvable: node(s) didn't match the requested node name" },
    { name: 'NodeAffinity: nodeSelector mismatch', plugin: new NodeAffinity(), pod: makePod().nodeSelector({ zone: 'a' }).obj(), node: makeNode().label('zone', 'b').obj(), want: "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector" },
    { name: 'NodeAffinity: required In matches', plugin: new NodeAffinity(), pod: makePod().required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }).obj(), node: makeNode().label('zone', 'b').obj(), want: 'Success' },
    { name: 'NodeAffinity: required Gt', plugin: new NodeAffinity(), pod: makePod().required({ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['3'] }] }).obj(), node: makeNode().label('gen', '2').obj(), want: "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector" },
    { name: 'NodePorts: conflict on wildcard IP', plugin: new NodePorts(), pod: makePod().hostPort(80).obj(), node: makeNode().obj(), existing: [makePod().name('x').hostPort(80, 'TCP', '10.0.0.1').obj()], want: "Unschedulable: node(s) didn't have free ports for the requested pod ports" },
    { name: 'NodePorts: different protocol is free', plugin: new NodePorts(), pod: makePod().hostPort(80, 'UDP').obj(), node: makeNode().obj(), existing: [makePod().name('x').hostPort(80).obj()], want: 'Success' },
    { name: 'Fit: insufficient cpu and memory', plugin: new NodeResourcesFit(), pod: makePod().req({ cpu: '3', memory: '5Gi' }).obj(), node: makeNode().obj(), existing: [makePod().name('x').req({ cpu: '2', memory: '4Gi' }).obj()], want: 'Unschedulable: Insufficient cpu, Insufficient memory' },
    { name: 'Fit: more than allocatable is unresolvable', plugin: new NodeResourcesFit(), pod: makePod().req({ cpu: '5' }).obj(), node: makeNode().obj(), want: 'UnschedulableAndUnresolvable: Insufficient cpu' },
    { name: 'Fit: too many pods', plugin: new NodeResourcesFit(), pod: makePod().obj(), node: makeNode().allocatable({ cpu: '4', memory: '1Gi', pods: '1' }).obj(), existing: [makePod().name('x').obj()], want: 'Unschedulable: Too many pods' },
    { name: 'Fit: extended resource missing', plugin: new NodeResourcesFit(), pod: makePod().req({ 'nvidia.com/gpu': '1' }).obj(), node: makeNode().obj(), want: 'UnschedulableAndUnresolvable: Insufficient nvidia.com/gpu' },
    { name: 'Fit: sidecar + init peak', plugin: new NodeResourcesFit(), pod: makePod().req({ cpu: '1' }).init({ name: 's', restartPolicy: 'Always', resources: { requests: { cpu: '1' } } }).init({ name: 'i', resources: { requests: { cpu: '3500m' } } }).obj(), node: makeNode().obj(), want: 'UnschedulableAndUnresolvable: Insufficient cpu' },
    { name: 'Fit: ignoredResources skips that extended resource', plugin: new NodeResourcesFit({ ignoredResources: ['nvidia.com/gpu'] }), pod: makePod().req({ 'nvidia.com/gpu': '1' }).obj(), node: makeNode().obj(), want: 'Success' },
    { name: 'Fit: ignoredResourceGroups skips the whole domain', plugin: new NodeResourcesFit({ ignoredResourceGroups: ['example.com'] }), pod: makePod().req({ 'example.com/fpga': '2', 'nvidia.com/gpu': '1' }).obj(), node: makeNode().obj(), want: 'UnschedulableAndUnresolvable: Insufficient nvidia.com/gpu' },
    { name: 'Fit: native resources are never ignored', plugin: new NodeResourcesFit({ ignoredResources: ['cpu'] }), pod: makePod().req({ cpu: '5' }).obj(), node: makeNode().obj(), want: 'UnschedulableAndUnresolvable: Insufficient cpu' },
    { name: 'NodeAffinity: addedAffinity rejects nodes outside it', plugin: new NodeAffinity({ addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['batch'] }] }] } } }), pod: makePod().obj(), node: makeNode().label('pool', 'web').obj(), want: "UnschedulableAndUnresolvable: node(s) didn't match scheduler-enforced node affinity" },
    { name: 'NodeAffinity: addedAffinity and the pod selector both apply', plugin: new NodeAffinity({ addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['batch'] }] }] } } }), pod: makePod().nodeSelector({ zone: 'a' }).obj(), node: makeNode().label('pool', 'batch').label('zone', 'b').obj(), want: "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector" },
    { name: 'Fit: overhead counts', plugin: new NodeResourcesFit(), pod: makePod().req({ cpu: '3' }).overhead({ cpu: '1500m' }).obj(), node: makeNode().obj(), want: 'UnschedulableAndUnresolvable: Insufficient cpu' },
  ];
  for (const tc of cases) it(tc.name, () => assert.equal(summary(runFilter(tc.plugin, tc.pod, infoOf(tc.node, tc.existing))), tc.want));
});

describe('SchedulingGates', () => {
  it('gates pods with scheduling gates', () => {
    assert.equal(summary(new SchedulingGates().preEnqueue(makePod().gates('a', 'b').obj())), 'UnschedulableAndUnresolvable: waiting for scheduling gates: [a b]');
    assert.equal(new SchedulingGates().preEnqueue(makePod().obj()), undefined);
  });
});

/** scoreAll runs PreScore, Score and NormalizeScore for one plugin over nodes. */
function scoreAll(p: ScorePlugin & Partial<PreScorePlugin> & Partial<PreFilterPlugin>, pod: Pod, nodes: NodeInfo[]): number[] {
  const state = new CycleState();
  p.preFilter?.(state, pod, nodes);
  const pre = p.preScore?.(state, pod, nodes);
  if (pre?.code === Code.Skip) return nodes.map(() => 0);
  const scores: NodeScore[] = nodes.map((n) => ({ name: n.name, score: p.score(state, pod, n) as number }));
  p.normalizeScore?.(state, pod, scores);
  return scores.map((s) => s.score);
}

describe('Score plugins', () => {
  it('TaintToleration prefers fewer untolerated PreferNoSchedule taints', () => {
    const nodes = [infoOf(makeNode().name('a').taint({ key: 'x', effect: 'PreferNoSchedule' }).taint({ key: 'y', effect: 'PreferNoSchedule' }).obj()), infoOf(makeNode().name('b').taint({ key: 'x', effect: 'PreferNoSchedule' }).obj()), infoOf(makeNode().name('c').obj())];
    assert.deepEqual(scoreAll(new TaintToleration(true), makePod().obj(), nodes), [0, 50, 100]);
  });
  it('NodeAffinity scores preferred terms by weight', () => {
    const pod = makePod().preferred(20, { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }).preferred(80, { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] }).obj();
    const nodes = [infoOf(makeNode().name('a').label('zone', 'a').obj()), infoOf(makeNode().name('b').label('ssd', '1').obj()), infoOf(makeNode().name('c').label('zone', 'a').label('ssd', '1').obj())];
    assert.deepEqual(scoreAll(new NodeAffinity(), pod, nodes), [20, 80, 100]);
  });
  const busy = () => infoOf(makeNode().name('busy').obj(), [makePod().name('x').req({ cpu: '3', memory: '2Gi' }).obj()]);
  const idle = () => infoOf(makeNode().name('idle').obj());
  const cases: Array<{ name: string; plugin: ScorePlugin; want: number[] }> = [
    { name: 'LeastAllocated prefers the idle node', plugin: new NodeResourcesFit(), want: [37, 87] },
    { name: 'MostAllocated prefers the busy node', plugin: new NodeResourcesFit({ scoringStrategy: { type: 'MostAllocated' } }), want: [62, 12] },
    { name: 'RequestedToCapacityRatio (default shape) behaves like least allocated', plugin: new NodeResourcesFit({ scoringStrategy: { type: 'RequestedToCapacityRatio' } }), want: [38, 88] },
    { name: 'BalancedAllocation prefers balanced cpu/memory', plugin: new BalancedAllocation(), want: [75, 100] },
  ];
  for (const tc of cases) it(tc.name, () => assert.deepEqual(scoreAll(tc.plugin, makePod().req({ cpu: '500m', memory: '1Gi' }).obj(), [busy(), idle()]), tc.want));
});
