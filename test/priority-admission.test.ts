/** The Priority admission plugin and PriorityClasses through the API (memory storage). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KubeObject } from '../src/api/meta.js';
import { startCluster, type Cluster } from '../src/cluster/cluster.js';
import { StatusError } from '../src/machinery/errors.js';

const PODS = { version: 'v1', resource: 'pods', namespace: 'default' };
const CLASSES = { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' };

type PodObj = KubeObject & { spec: { priority?: number; priorityClassName?: string; preemptionPolicy?: string; containers: unknown[] } };
type ClassObj = KubeObject & { value: number; globalDefault?: boolean; preemptionPolicy?: string; description?: string };

const pod = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'img' }], ...spec } });
const pc = (name: string, value: number, more: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...more });

async function rejected(p: Promise<unknown>, code: number): Promise<StatusError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof StatusError, String(e));
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected a ${code} error`);
}

describe('Priority admission and PriorityClasses', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ storage: 'memory', http: false });
  });
  after(async () => cluster.stop());
  const c = () => cluster.client;

  it('bootstraps the system classes, which cannot be deleted', async () => {
    const list = await c().list<ClassObj>(CLASSES);
    assert.deepEqual(list.items.map((x) => [x.metadata!.name, x.value, x.globalDefault ?? false, x.preemptionPolicy]).sort(), [
      ['system-cluster-critical', 2000000000, false, 'PreemptLowerPriority'],
      ['system-node-critical', 2000001000, false, 'PreemptLowerPriority'],
    ]);
    assert.equal(list.items.find((x) => x.metadata!.name === 'system-node-critical')?.description, 'Used for system critical pods that must not be moved from their current node.');
    const e = await rejected(c().delete(CLASSES, 'system-node-critical'), 403);
    assert.equal(e.message, 'priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted');
  });

  it('validates PriorityClasses', async () => {
    const big = await rejected(c().create(CLASSES, pc('too-high', 1000000001)), 422);
    assert.match(big.message, /maximum allowed value of a user defined priority is 1000000000/);
    await rejected(c().create(CLASSES, pc('system-mine', 5)), 422);
    await rejected(c().create(CLASSES, pc('bad-policy', 5, { preemptionPolicy: 'Sometimes' })), 422);
  });

  it('gives a pod without a class priority 0 and PreemptLowerPriority', async () => {
    const p = await c().create<PodObj>(PODS, pod('plain'));
    assert.equal(p.spec.priority, 0);
    assert.equal(p.spec.preemptionPolicy, 'PreemptLowerPriority');
    assert.equal(p.spec.priorityClassName, undefined);
  });

  it('resolves a class into priority and preemptionPolicy; system classes work in any namespace', async () => {
    await c().create(CLASSES, pc('batch', 50, { preemptionPolicy: 'Never' }));
    const p = await c().create<PodObj>(PODS, pod('batch-1', { priorityClassName: 'batch' }));
    assert.deepEqual([p.spec.priority, p.spec.preemptionPolicy], [50, 'Never']);
    const sys = await c().create<PodObj>(PODS, pod('critical', { priorityClassName: 'system-node-critical' }));
    assert.equal(sys.spec.priority, 2000001000);
  });

  it('refuses unknown classes and disagreeing values with 403', async () => {
    const unknown = await rejected(c().create(PODS, pod('x', { priorityClassName: 'nope' })), 403);
    assert.equal(unknown.message, 'pods "x" is forbidden: no PriorityClass with name nope was found');
    assert.equal(unknown.reason, 'Forbidden');
    const prio = await rejected(c().create(PODS, pod('y', { priority: 7 })), 403);
    assert.equal(prio.message, 'pods "y" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name');
    const policy = await rejected(c().create(PODS, pod('z', { priorityClassName: 'batch', preemptionPolicy: 'PreemptLowerPriority' })), 403);
    assert.equal(policy.message, 'pods "z" is forbidden: the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name');
    const same = await c().create<PodObj>(PODS, pod('agrees', { priorityClassName: 'batch', priority: 50, preemptionPolicy: 'Never' }));
    assert.equal(same.spec.priority, 50);
  });

  it('keeps the priority when an update leaves it out', async () => {
    const p = await c().get<PodObj>(PODS, 'batch-1');
    delete p.spec.priority;
    delete p.spec.preemptionPolicy;
    p.metadata!.labels = { touched: 'yes' };
    const out = await c().update<PodObj>(PODS, p);
    assert.deepEqual([out.spec.priority, out.spec.preemptionPolicy, out.metadata?.labels?.touched], [50, 'Never', 'yes']);
  });

  it('allows one globalDefault class, and uses it for pods without a class', async () => {
    await c().create(CLASSES, pc('everyday', 10, { globalDefault: true }));
    const second = await rejected(c().create(CLASSES, pc('another', 20, { globalDefault: true })), 403);
    assert.equal(second.message, 'priorityclasses.scheduling.k8s.io "another" is forbidden: PriorityClass everyday is already marked as default. Only one default can exist');
    const cur = await c().get<ClassObj>(CLASSES, 'everyday');
    cur.description = 'still the default';
    await c().update(CLASSES, cur);
    const p = await c().create<PodObj>(PODS, pod('defaulted'));
    assert.deepEqual([p.spec.priorityClassName, p.spec.priority, p.spec.preemptionPolicy], ['everyday', 10, 'PreemptLowerPriority']);
  });
});
