import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPlugins, inTreeRegistry } from '../../plugins/registry.js';
import { makePod } from '../../testing/builders.js';
import { fakeHandle, NO_FEATURES } from '../../testing/handle.js';
import type { FeatureSet, Plugin } from '../interface.js';
import { canonicalJSON, SIGNER } from '../signers.js';
import { Status } from '../status.js';
import type { Pod } from '../types.js';
import { Framework, type PluginRef } from './framework.js';

const FEATURES: FeatureSet = { ...NO_FEATURES, podLevelResources: true, opportunisticBatching: true };
/** LIST_NO_DEFAULTS is the PodTopologySpread config an admin sets to allow batching. */
const LIST_NO_DEFAULTS = { PodTopologySpread: { defaultingType: 'List', defaultConstraints: [] } };

const handle = () => fakeHandle();

function framework(o: { plugins?: PluginRef[]; pluginConfig?: Record<string, unknown>; extra?: Record<string, () => Plugin>; features?: Partial<FeatureSet> } = {}): Framework {
  const registry = inTreeRegistry();
  for (const [name, f] of Object.entries(o.extra ?? {})) registry.register(name, f);
  const profile = { schedulerName: 'default-scheduler', plugins: o.plugins ?? defaultPlugins(), pluginConfig: o.pluginConfig ?? LIST_NO_DEFAULTS };
  return new Framework(profile, registry, handle(), { ...FEATURES, ...o.features });
}

/** A pod written one way, and the same pod with every set-like list and map reordered. */
function pair(): [Pod, Pod] {
  const a = makePod().name('a').req({ cpu: '1', memory: '1Gi' })
    .nodeSelector({ zone: 'z1', disk: 'ssd' })
    .toleration({ key: 'k1', operator: 'Exists', effect: 'NoSchedule' }).toleration({ key: 'k2', operator: 'Equal', value: 'v', effect: 'NoExecute' })
    .required({ matchExpressions: [{ key: 'x', operator: 'In', values: ['1', '2'] }, { key: 'y', operator: 'Exists' }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] })
    .preferred(5, { matchExpressions: [{ key: 'p', operator: 'In', values: ['a'] }] }).preferred(1, { matchExpressions: [{ key: 'q', operator: 'In', values: ['b'] }] })
    .hostPort(8080).obj();
  Object.assign(a.metadata, { labels: { app: 'web', tier: 'front' } });
  Object.assign(a.spec, {
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'c1' } }, { name: 'scratch', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg-a' } }, { name: 'tok', secret: { secretName: 's-a' } }],
  });
  (a.spec.containers[0] as { image?: string }).image = 'nginx';
  a.spec.containers.push({ name: 'side', image: 'registry.k8s.io/pause:3.10' } as Pod['spec']['containers'][number]);

  const b = makePod().name('b').req({ memory: '1024Mi', cpu: '1000m' })
    .nodeSelector({ disk: 'ssd', zone: 'z1' })
    .toleration({ key: 'k2', operator: 'Equal', value: 'v', effect: 'NoExecute' }).toleration({ key: 'k1', operator: 'Exists', effect: 'NoSchedule' })
    .required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }, { matchExpressions: [{ key: 'y', operator: 'Exists' }, { key: 'x', operator: 'In', values: ['2', '1'] }] })
    .preferred(1, { matchExpressions: [{ key: 'q', operator: 'In', values: ['b'] }] }).preferred(5, { matchExpressions: [{ key: 'p', operator: 'In', values: ['a'] }] })
    .hostPort(8080).obj();
  Object.assign(b.metadata, { labels: { tier: 'front', app: 'web' } });
  // Other names, other ConfigMap/Secret contents, same scheduling-relevant sources.
  Object.assign(b.spec, { volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'token', secret: { secretName: 's-b' } }, { name: 'pvc', persistentVolumeClaim: { claimName: 'c1' } }] });
  (b.spec.containers[0] as { image?: string }).image = 'registry.k8s.io/pause:3.10';
  b.spec.containers.push({ name: 'main', image: 'nginx:latest' } as Pod['spec']['containers'][number]);
  return [a, b];
}

describe('canonicalJSON', () => {
  it('sorts object keys at every level, keeps array order and drops undefined members', () => {
    assert.equal(canonicalJSON({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: null } }), '{"a":{"c":null,"d":[2,{"z":1}]},"b":1}');
  });
});

describe('Framework.signPod', () => {
  it('gives equal signatures to pods that differ only in order, names and per-pod volumes', () => {
    const fwk = framework();
    assert.deepEqual(fwk.unsignedPlugins, []);
    const [a, b] = pair();
    const sa = fwk.signPod(a);
    assert.ok(sa);
    assert.equal(fwk.signPod(b), sa);
  });

  it('is canonical JSON of every fragment key, sorted', () => {
    const sig = framework().signPod(pair()[0])!;
    const obj = JSON.parse(sig) as Record<string, unknown>;
    const keys = Object.keys(obj);
    assert.deepEqual(keys, [...keys].sort());
    for (const k of [SIGNER.SchedulerName, SIGNER.NodeName, SIGNER.NodeAffinity, SIGNER.NodeSelector, SIGNER.Tolerations, SIGNER.HostPorts, SIGNER.Resources, SIGNER.Volumes, SIGNER.ImageNames, SIGNER.Labels]) {
      assert.ok(k in obj, `missing ${k}`);
    }
    assert.equal(canonicalJSON(obj), sig);
    assert.equal(obj[SIGNER.SchedulerName], 'default-scheduler');
    assert.deepEqual(obj[SIGNER.ImageNames], ['nginx:latest', 'registry.k8s.io/pause:3.10']);
  });

  const variants: Array<[string, (p: Pod) => void]> = [
    ['requests', (p) => (p.spec.containers[0]!.resources = { requests: { cpu: '2', memory: '1Gi' } })],
    // Equal requests (0), but LeastAllocated scores an unset request as 100m/200Mi.
    ['non-zero requests', (p) => (p.spec.containers[1]!.resources = { requests: { cpu: '0', memory: '0' } })],
    ['overhead', (p) => (p.spec.overhead = { cpu: '100m' })],
    ['scheduler name', (p) => (p.spec.schedulerName = 'other')],
    ['node name', (p) => (p.spec.nodeName = 'n1')],
    ['host port protocol', (p) => (p.spec.containers[0]!.ports![0]!.protocol = 'UDP')],
    ['node selector', (p) => (p.spec.nodeSelector = { zone: 'z2' })],
    ['preferred weight', (p) => (p.spec.affinity!.nodeAffinity!.preferredDuringSchedulingIgnoredDuringExecution![0]!.weight = 6)],
    ['toleration effect', (p) => (p.spec.tolerations![0]!.effect = 'NoExecute')],
    ['claim', (p) => ((p.spec as unknown as { volumes: Array<{ persistentVolumeClaim?: { claimName: string } }> }).volumes[0]!.persistentVolumeClaim!.claimName = 'c2')],
    ['image', (p) => ((p.spec.containers[0] as { image?: string }).image = 'nginx:1.27')],
    ['labels', (p) => (p.metadata.labels = { app: 'db' })],
    ['namespace', (p) => (p.metadata.namespace = 'other')],
  ];
  for (const [what, change] of variants) {
    it(`differs when the ${what} differs`, () => {
      const fwk = framework();
      const [a] = pair();
      const b = structuredClone(a);
      change(b);
      assert.notEqual(fwk.signPod(b), fwk.signPod(a));
    });
  }

  it('ignores labels and namespace when existing pods\' preferred terms are ignored', () => {
    const fwk = framework({ pluginConfig: { ...LIST_NO_DEFAULTS, InterPodAffinity: { ignorePreferredTermsOfExistingPods: true } } });
    const [a] = pair();
    const b = structuredClone(a);
    b.metadata.labels = { other: 'x' };
    b.metadata.namespace = 'elsewhere';
    assert.ok(fwk.signPod(a));
    assert.equal(fwk.signPod(b), fwk.signPod(a));
  });

  it('ignores pod-level resources while PodLevelResources is off', () => {
    const withLevel = (p: Pod) => ({ ...p, spec: { ...p.spec, resources: { requests: { cpu: '3' } } } });
    const [a] = pair();
    assert.equal(framework({ features: { podLevelResources: false } }).signPod(withLevel(a)), framework({ features: { podLevelResources: false } }).signPod(a));
    assert.notEqual(framework().signPod(withLevel(a)), framework().signPod(a));
  });
});

describe('unsignable pods and profiles', () => {
  it('a pod with topology spread constraints is not signable', () => {
    const [a] = pair();
    Object.assign(a.spec, { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: {} }] });
    assert.equal(framework().signPod(a), undefined);
  });

  it('no pod is signable while PodTopologySpread has default constraints (the stock System defaulting)', () => {
    const fwk = framework({ pluginConfig: {} });
    assert.deepEqual(fwk.unsignedPlugins, []);
    assert.equal(fwk.signPod(pair()[0]), undefined);
    assert.equal(framework({ pluginConfig: { PodTopologySpread: { defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' }] } } }).signPod(pair()[0]), undefined);
  });

  it('a pod with pod affinity or anti-affinity is not signable', () => {
    for (const kind of ['podAffinity', 'podAntiAffinity']) {
      const [a] = pair();
      Object.assign(a.spec.affinity!, { [kind]: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: {} }] } });
      assert.equal(framework().signPod(a), undefined, kind);
    }
  });

  it('a plugin that refuses (Status) or throws makes the pod unsignable', () => {
    const extra = (r: () => unknown) => ({ Picky: () => ({ name: 'Picky', filter: () => undefined, signPod: r }) as Plugin });
    const plugins = [...defaultPlugins(), { name: 'Picky' }];
    assert.equal(framework({ plugins, extra: extra(() => Status.unschedulable('no')) }).signPod(pair()[0]), undefined);
    assert.equal(framework({ plugins, extra: extra(() => { throw new Error('boom'); }) }).signPod(pair()[0]), undefined);
    // A success Status signs nothing but does not refuse.
    assert.ok(framework({ plugins, extra: extra(() => new Status(0)) }).signPod(pair()[0]));
  });

  it('after a refusal the refusing plugin is asked first; signatures do not depend on that order', () => {
    let refuse = true;
    let asked: string[] = [];
    const counting = (name: string, sign: () => unknown) => () => ({ name, filter: () => undefined, signPod: () => (asked.push(name), sign()) }) as Plugin;
    const extra = { Early: counting('Early', () => ({ early: 1 })), Late: counting('Late', () => (refuse ? Status.unschedulable('no') : { late: 2 })) };
    const fwk = framework({ plugins: [...defaultPlugins(), { name: 'Early' }, { name: 'Late' }], extra });
    assert.equal(fwk.signPod(pair()[0]), undefined);
    assert.deepEqual(asked, ['Early', 'Late']);
    asked = [];
    assert.equal(fwk.signPod(pair()[0]), undefined);
    assert.deepEqual(asked, ['Late'], 'the other signers are not asked once the known refuser refuses');
    refuse = false;
    asked = [];
    const sig = fwk.signPod(pair()[0]);
    assert.deepEqual(asked, ['Late', 'Early']);
    const fresh = framework({ plugins: [...defaultPlugins(), { name: 'Early' }, { name: 'Late' }], extra });
    assert.equal(fresh.signPod(pair()[0]), sig);
    assert.match(sig!, /"early":1.*"late":2/);
  });

  it('an enabled Filter/Score plugin without signPod disables signatures for the whole profile', () => {
    const extra = {
      NoSignFilter: () => ({ name: 'NoSignFilter', filter: () => undefined }) as Plugin,
      NoSignScore: () => ({ name: 'NoSignScore', score: () => 0 }) as Plugin,
      NoSignPermit: () => ({ name: 'NoSignPermit', permit: () => ({}) }) as Plugin,
    };
    const fwk = framework({ plugins: [...defaultPlugins(), { name: 'NoSignFilter' }, { name: 'NoSignScore' }, { name: 'NoSignPermit' }], extra });
    assert.deepEqual(fwk.unsignedPlugins, ['NoSignFilter', 'NoSignScore']);
    assert.equal(fwk.signaturesEnabled, false);
    assert.equal(fwk.signPod(pair()[0]), undefined);
    // Other extension points do not matter.
    assert.equal(framework({ plugins: [...defaultPlugins(), { name: 'NoSignPermit' }], extra }).signaturesEnabled, true);
  });

  it('every in-tree PreFilter/Filter/PreScore/Score plugin signs', () => {
    const fwk = framework({ plugins: defaultPlugins({ ...FEATURES, genericWorkload: true, gangScheduling: true }) });
    assert.deepEqual(fwk.unsignedPlugins, []);
    assert.deepEqual(fwk.signers.map((p) => p.name).sort(), [
      'ImageLocality', 'InterPodAffinity', 'NodeAffinity', 'NodeName', 'NodePorts', 'NodeResourcesBalancedAllocation', 'NodeResourcesFit', 'NodeUnschedulable', 'NodeVolumeLimits', 'PodTopologySpread', 'TaintToleration', 'VolumeBinding', 'VolumeRestrictions', 'VolumeZone',
    ]);
  });

  it('the batch exists only with OpportunisticBatching on', () => {
    assert.ok(framework().batch);
    assert.equal(framework({ features: { opportunisticBatching: false } }).batch, undefined);
  });
});
