import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FeatureSet, Plugin } from '../framework/interface.js';
import type { Framework } from '../framework/runtime/framework.js';
import { defaultPlugins, inTreeRegistry } from '../plugins/registry.js';
import { newProfileMap } from '../profile-map.js';
import { fakeHandle, NO_FEATURES } from '../testing/handle.js';
import { extendersOf, loadConfig, mergePluginSet, profilesOf, type KubeSchedulerConfiguration, type PluginSetV1 } from './index.js';

const HEAD = 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n';
const FEATURES: FeatureSet = NO_FEATURES;

const handle = fakeHandle();

/** frameworks loads a config file text and builds its profiles as startScheduler does. */
function frameworks(text: string): Map<string, Framework> {
  return newProfileMap(profilesOf(loadConfig(HEAD + text, FEATURES)), inTreeRegistry(), handle, FEATURES);
}

const names = (ps: readonly Plugin[]) => ps.map((p) => p.name);
const args = (cfg: KubeSchedulerConfiguration, name: string) => cfg.profiles[0]!.pluginConfig.find((c) => c.name === name)?.args;

describe('KubeSchedulerConfiguration v1 defaults', () => {
  const cfg = loadConfig(HEAD, FEATURES);

  it('fills the top level as SetDefaults_KubeSchedulerConfiguration does', () => {
    assert.equal(cfg.parallelism, 16);
    assert.equal(cfg.percentageOfNodesToScore, 0);
    assert.equal(cfg.podInitialBackoffSeconds, 1);
    assert.equal(cfg.podMaxBackoffSeconds, 10);
    assert.deepEqual(cfg.leaderElection, {
      leaderElect: true,
      leaseDuration: '15s',
      renewDeadline: '10s',
      retryPeriod: '2s',
      resourceLock: 'leases',
      resourceName: 'kube-scheduler',
      resourceNamespace: 'kube-system',
    });
    assert.deepEqual(cfg.clientConnection, { contentType: 'application/vnd.kubernetes.protobuf', qps: 50, burst: 100 });
    assert.equal(cfg.enableProfiling, true);
    assert.equal(cfg.enableContentionProfiling, true);
  });

  it('adds one default-scheduler profile with the default plugins as MultiPoint', () => {
    assert.equal(cfg.profiles.length, 1);
    assert.equal(cfg.profiles[0]!.schedulerName, 'default-scheduler');
    assert.deepEqual(cfg.profiles[0]!.plugins, { multiPoint: { enabled: defaultPlugins(FEATURES) } });
  });

  it('appends default args for every enabled plugin that has an args kind, sorted by name', () => {
    const pc = cfg.profiles[0]!.pluginConfig.map((c) => c.name);
    assert.deepEqual(pc, [...pc].sort());
    const meta = { apiVersion: 'kubescheduler.config.k8s.io/v1' };
    const cases: Array<[string, Record<string, unknown>]> = [
      ['InterPodAffinity', { ...meta, kind: 'InterPodAffinityArgs', hardPodAffinityWeight: 1 }],
      ['NodeAffinity', { ...meta, kind: 'NodeAffinityArgs' }],
      ['NodeResourcesBalancedAllocation', { ...meta, kind: 'NodeResourcesBalancedAllocationArgs', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] }],
      ['NodeResourcesFit', { ...meta, kind: 'NodeResourcesFitArgs', scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } }],
      ['PodTopologySpread', { ...meta, kind: 'PodTopologySpreadArgs', defaultingType: 'System' }],
      ['VolumeBinding', { ...meta, kind: 'VolumeBindingArgs', bindTimeoutSeconds: 600 }],
    ];
    for (const [name, want] of cases) assert.deepEqual(args(cfg, name), want, name);
  });

  const partial: Array<{ name: string; file: string; check: (c: KubeSchedulerConfiguration) => void }> = [
    {
      name: 'user args keep their values and get the missing defaults (weight 0 -> 1)',
      file: 'profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: MostAllocated\n        resources: [{name: cpu}, {name: example.com/gpu, weight: 3}]\n',
      check: (c) => assert.deepEqual(args(c, 'NodeResourcesFit'), { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'example.com/gpu', weight: 3 }] } }),
    },
    {
      name: 'DefaultPreemption args get minCandidateNodes defaults',
      file: 'profiles:\n- pluginConfig:\n  - name: DefaultPreemption\n    args: {minCandidateNodesAbsolute: 5}\n',
      check: (c) => assert.deepEqual(args(c, 'DefaultPreemption'), { minCandidateNodesAbsolute: 5, minCandidateNodesPercentage: 10 }),
    },
    {
      name: 'leaderElect false is kept, durations still defaulted',
      file: 'leaderElection:\n  leaderElect: false\n',
      check: (c) => assert.deepEqual([c.leaderElection.leaderElect, c.leaderElection.leaseDuration], [false, '15s']),
    },
    {
      name: 'YAML 1.1 booleans, as go-yaml reads them',
      file: 'leaderElection:\n  leaderElect: no\n',
      check: (c) => assert.equal(c.leaderElection.leaderElect, false),
    },
    {
      name: 'several profiles get no default name but all get the default plugins',
      file: 'profiles:\n- schedulerName: a\n- schedulerName: b\n  percentageOfNodesToScore: 30\n',
      check: (c) => {
        assert.deepEqual(c.profiles.map((p) => [p.schedulerName, p.plugins.multiPoint?.enabled?.length, p.percentageOfNodesToScore]), [['a', defaultPlugins(FEATURES).length, undefined], ['b', defaultPlugins(FEATURES).length, 30]]);
      },
    },
    {
      name: 'JSON files decode too',
      file: '',
      check: () => assert.equal(loadConfig('{"apiVersion":"kubescheduler.config.k8s.io/v1","kind":"KubeSchedulerConfiguration","parallelism":4}', FEATURES).parallelism, 4),
    },
  ];
  for (const tc of partial) it(tc.name, () => tc.check(loadConfig(HEAD + tc.file, FEATURES)));
});

describe('plugin set merge (mergePluginSet)', () => {
  const defaults: PluginSetV1 = { enabled: [{ name: 'A' }, { name: 'B', weight: 2 }, { name: 'C' }] };
  const cases: Array<{ name: string; custom: PluginSetV1; want: PluginSetV1 }> = [
    { name: 'no custom set keeps the defaults', custom: {}, want: defaults },
    { name: 'a custom entry replaces its default in place (weight change)', custom: { enabled: [{ name: 'B', weight: 5 }] }, want: { enabled: [{ name: 'A' }, { name: 'B', weight: 5 }, { name: 'C' }] } },
    { name: 'new plugins are appended', custom: { enabled: [{ name: 'D' }] }, want: { enabled: [{ name: 'A' }, { name: 'B', weight: 2 }, { name: 'C' }, { name: 'D' }] } },
    { name: 'disabled defaults are dropped and remembered', custom: { disabled: [{ name: 'A' }] }, want: { enabled: [{ name: 'B', weight: 2 }, { name: 'C' }], disabled: [{ name: 'A' }] } },
    { name: "'*' drops every default", custom: { enabled: [{ name: 'C' }], disabled: [{ name: '*' }] }, want: { enabled: [{ name: 'C' }], disabled: [{ name: '*' }] } },
    { name: 'the last duplicate custom entry replaces the default, the others are appended', custom: { enabled: [{ name: 'A', weight: 1 }, { name: 'A', weight: 9 }] }, want: { enabled: [{ name: 'A', weight: 9 }, { name: 'B', weight: 2 }, { name: 'C' }, { name: 'A', weight: 1 }] } },
  ];
  for (const tc of cases) it(tc.name, () => assert.deepEqual(mergePluginSet(defaults, tc.custom), tc.want));
});

describe('profiles: MultiPoint expansion with per-point overrides (NewFramework)', () => {
  const cases: Array<{ name: string; file: string; check: (f: Framework) => void }> = [
    {
      name: 'the default profile runs each default plugin where it implements a point, with default weights',
      file: '',
      check: (f) => {
        const defaults = defaultPlugins(FEATURES);
        const implementing = (method: string) => defaults.filter((r) => typeof (f.plugins.get(r.name) as unknown as Record<string, unknown>)[method] === 'function');
        assert.deepEqual(names(f.filterPlugins), implementing('filter').map((r) => r.name));
        assert.deepEqual(f.scorePlugins.map((s) => `${s.plugin.name}=${s.weight}`), implementing('score').map((r) => `${r.name}=${r.weight ?? 1}`));
        assert.deepEqual(names(f.filterPlugins).slice(0, 4), ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity']);
        assert.deepEqual(f.scorePlugins.slice(0, 3).map((s) => `${s.plugin.name}=${s.weight}`), ['TaintToleration=3', 'NodeAffinity=2', 'NodeResourcesFit=1']);
        assert.equal(f.queueSort.name, 'PrioritySort');
        assert.deepEqual(names(f.bindPlugins), ['DefaultBinder']);
      },
    },
    {
      name: "score disabled '*' leaves no Score plugin but keeps their Filter",
      file: "profiles:\n- plugins:\n    score:\n      disabled: [{name: '*'}]\n",
      check: (f) => {
        assert.deepEqual(f.scorePlugins, []);
        assert.ok(names(f.filterPlugins).includes('TaintToleration'));
        assert.ok(names(f.preScore).includes('TaintToleration'), 'PreScore is its own point');
      },
    },
    {
      name: 'a plugin disabled at one point still runs at its others',
      file: 'profiles:\n- plugins:\n    filter:\n      disabled: [{name: NodeResourcesFit}]\n',
      check: (f) => {
        assert.ok(!names(f.filterPlugins).includes('NodeResourcesFit'));
        assert.ok(names(f.preFilter).includes('NodeResourcesFit'));
        assert.ok(f.scorePlugins.some((s) => s.plugin.name === 'NodeResourcesFit'));
      },
    },
    {
      name: 'disabling in multiPoint removes the plugin everywhere',
      file: 'profiles:\n- plugins:\n    multiPoint:\n      disabled: [{name: PodTopologySpread}]\n',
      check: (f) => {
        assert.ok(!f.plugins.has('PodTopologySpread'));
        assert.ok(!names(f.filterPlugins).includes('PodTopologySpread'));
      },
    },
    {
      name: 'a per-point weight wins over the MultiPoint weight and the plugin moves first',
      file: 'profiles:\n- plugins:\n    score:\n      enabled: [{name: ImageLocality, weight: 7}]\n',
      check: (f) => {
        assert.equal(f.scorePlugins[0]!.plugin.name, 'ImageLocality');
        assert.equal(f.scorePlugins[0]!.weight, 7);
        assert.equal(f.scorePlugins.filter((s) => s.plugin.name === 'ImageLocality').length, 1);
      },
    },
    {
      name: "score '*' plus one enabled plugin scores with that plugin alone",
      file: "profiles:\n- plugins:\n    score:\n      enabled: [{name: NodeResourcesFit, weight: 4}]\n      disabled: [{name: '*'}]\n",
      check: (f) => assert.deepEqual(f.scorePlugins.map((s) => `${s.plugin.name}=${s.weight}`), ['NodeResourcesFit=4']),
    },
    {
      name: 'a MultiPoint weight change keeps the plugin in its default position',
      file: 'profiles:\n- plugins:\n    multiPoint:\n      enabled: [{name: NodeAffinity, weight: 9}]\n',
      check: (f) => assert.deepEqual(f.scorePlugins.slice(0, 2).map((s) => `${s.plugin.name}=${s.weight}`), ['TaintToleration=3', 'NodeAffinity=9']),
    },
    {
      name: 'pluginConfig args reach the plugin factory',
      file: 'profiles:\n- pluginConfig:\n  - name: NodeAffinity\n    args:\n      addedAffinity:\n        requiredDuringSchedulingIgnoredDuringExecution:\n          nodeSelectorTerms: [{matchExpressions: [{key: pool, operator: In, values: [a]}]}]\n',
      check: (f) => {
        const na = f.filterPlugins.find((p) => p.name === 'NodeAffinity')!;
        const node = (labels: Record<string, string>) => ({ name: 'n', node: { metadata: { name: 'n', labels } } }) as never;
        const pod = { metadata: { name: 'p' }, spec: { containers: [] } } as never;
        assert.equal(na.filter(undefined as never, pod, node({ pool: 'a' })), undefined);
        assert.match(na.filter(undefined as never, pod, node({ pool: 'b' }))!.message(), /scheduler-enforced node affinity/);
      },
    },
  ];
  for (const tc of cases) it(tc.name, () => tc.check(frameworks(tc.file).get('default-scheduler')!));

  it('builds one framework per schedulerName, sharing the QueueSort', () => {
    const map = frameworks("profiles:\n- schedulerName: default-scheduler\n- schedulerName: no-score\n  plugins:\n    score:\n      disabled: [{name: '*'}]\n");
    assert.deepEqual([...map.keys()], ['default-scheduler', 'no-score']);
    assert.equal(map.get('no-score')!.scorePlugins.length, 0);
    assert.ok(map.get('default-scheduler')!.scorePlugins.length > 0);
  });
});

describe('configuration errors carry upstream messages', () => {
  const P = 'initializing profiles: creating profile for scheduler name default-scheduler: ';
  const cases: Array<{ name: string; file: string; error: string; raw?: boolean }> = [
    // decoding
    { name: 'missing kind', raw: true, file: 'apiVersion: kubescheduler.config.k8s.io/v1\n', error: "Object 'Kind' is missing in 'apiVersion: kubescheduler.config.k8s.io/v1\n'" },
    { name: 'a removed version', raw: true, file: 'apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n', error: 'no kind "KubeSchedulerConfiguration" is registered for version "kubescheduler.config.k8s.io/v1beta3" in scheme "pkg/scheduler/apis/config/scheme/scheme.go:30"' },
    { name: 'an unknown kind', raw: true, file: 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: SchedulerConfig\n', error: 'no kind "SchedulerConfig" is registered for version "kubescheduler.config.k8s.io/v1" in scheme "pkg/scheduler/apis/config/scheme/scheme.go:30"' },
    { name: 'an unknown top-level field', file: 'percentageOfNodeToScore: 100\n', error: 'strict decoding error: unknown field "percentageOfNodeToScore"' },
    { name: 'a removed v1beta field', file: 'healthzBindAddress: 0.0.0.0:10251\n', error: 'strict decoding error: unknown field "healthzBindAddress"' },
    { name: 'unknown nested fields, all of them', file: 'profiles:\n- plugins:\n    filter:\n      enable: []\n  pluginConfigs: []\n', error: 'strict decoding error: unknown field "profiles[0].plugins.filter.enable", unknown field "profiles[0].pluginConfigs"' },
    { name: 'field names are case-sensitive', file: 'Parallelism: 2\n', error: 'strict decoding error: unknown field "Parallelism"' },
    {
      name: 'an unknown field in typed plugin args',
      file: 'profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        resourcess: []\n',
      error: 'strict decoding error: decoding .profiles[0].pluginConfig[0]: strict decoding error: decoding args for plugin NodeResourcesFit: strict decoding error: unknown field "scoringStrategy.resourcess"',
    },
    {
      name: 'an unknown field inside a core type in args',
      file: 'profiles:\n- pluginConfig:\n  - name: PodTopologySpread\n    args:\n      defaultingType: List\n      defaultConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, skew: 2}]\n',
      error: 'strict decoding error: decoding .profiles[0].pluginConfig[0]: strict decoding error: decoding args for plugin PodTopologySpread: strict decoding error: unknown field "defaultConstraints[0].skew"',
    },
    { name: 'args of another kind', file: 'profiles:\n- pluginConfig:\n  - name: InterPodAffinity\n    args: {kind: NodeAffinityArgs}\n', error: 'args for plugin InterPodAffinity were not of type InterPodAffinityArgs.kubescheduler.config.k8s.io, got NodeAffinityArgs.kubescheduler.config.k8s.io' },
    { name: 'args of an out-of-tree plugin stay opaque', file: 'profiles:\n- pluginConfig:\n  - name: Coscheduling\n    args: {anything: 1}\n  - name: PodTopologySpread\n    args: {defaultingType: Nope}\n', error: 'profiles[0].pluginConfig[1].args.defaultingType: Unsupported value: "Nope": supported values: "System", "List"' },
    { name: 'a duplicate key', file: 'parallelism: 2\nparallelism: 3\n', error: 'strict decoding error: error converting YAML to JSON: yaml: unmarshal errors:\n  line 4: key "parallelism" already set in map' },
    { name: 'a string for an int32', file: 'parallelism: many\n', error: 'json: cannot unmarshal string into Go struct field KubeSchedulerConfiguration.parallelism of type int32' },
    { name: 'a bad duration', file: 'leaderElection:\n  leaseDuration: soon\n', error: 'time: invalid duration "soon"' },
    // validation
    { name: 'percentageOfNodesToScore above 100', file: 'percentageOfNodesToScore: 101\n', error: 'percentageOfNodesToScore: Invalid value: 101: not in valid range [0-100]' },
    { name: 'a negative profile percentage', file: 'profiles:\n- percentageOfNodesToScore: -1\n', error: 'profiles[0].percentageOfNodesToScore: Invalid value: -1: not in valid range [0-100]' },
    { name: 'a duplicate schedulerName', file: 'profiles:\n- schedulerName: a\n- schedulerName: a\n', error: 'profiles[1].schedulerName: Duplicate value: {}' },
    { name: 'a nameless profile among several', file: 'profiles:\n- schedulerName: a\n- {}\n', error: 'profiles[1].schedulerName: Required value' },
    { name: 'parallelism 0', file: 'parallelism: 0\n', error: 'parallelism: Invalid value: 0: should be an integer value greater than zero' },
    { name: 'backoff max below initial', file: 'podInitialBackoffSeconds: 5\npodMaxBackoffSeconds: 2\n', error: 'podMaxBackoffSeconds: Invalid value: 2: must be greater than or equal to PodInitialBackoffSeconds' },
    { name: 'a lease not longer than the renew deadline', file: 'leaderElection:\n  leaseDuration: 10s\n', error: 'leaderElection.leaseDuration: Invalid value: "10s": LeaseDuration must be greater than RenewDeadline' },
    { name: 'a scoring extender without weight', file: 'extenders:\n- urlPrefix: http://x\n  prioritizeVerb: p\n', error: 'extenders[0].weight: Invalid value: 0: must have a positive weight applied to it' },
    { name: 'two binding extenders', file: 'extenders:\n- urlPrefix: http://a\n  bindVerb: b\n- urlPrefix: http://b\n  bindVerb: b\n', error: 'extenders: Invalid value: "found 2 extenders implementing bind": only one extender can implement bind' },
    { name: 'a non-Lease lock', file: 'leaderElection:\n  resourceLock: configmaps\n', error: 'leaderElection.resourceLock: Invalid value: "configmaps": resourceLock value must be "leases"' },
    { name: 'a plugin removed in v1', file: 'profiles:\n- plugins:\n    filter:\n      enabled: [{name: EBSLimits}]\n', error: 'profiles[0].plugins.filter.enabled[0]: Invalid value: "EBSLimits": was invalid in version "kubescheduler.config.k8s.io/v1" (KubeSchedulerConfiguration is version "kubescheduler.config.k8s.io/v1")' },
    { name: 'a repeated pluginConfig', file: 'profiles:\n- pluginConfig:\n  - name: InterPodAffinity\n  - name: InterPodAffinity\n', error: 'profiles[0].pluginConfig[1]: Duplicate value: "InterPodAffinity"' },
    { name: 'hardPodAffinityWeight out of range', file: 'profiles:\n- pluginConfig:\n  - name: InterPodAffinity\n    args: {hardPodAffinityWeight: 101}\n', error: 'profiles[0].pluginConfig[0].args.hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]' },
    {
      name: 'System defaulting with constraints',
      file: 'profiles:\n- pluginConfig:\n  - name: PodTopologySpread\n    args:\n      defaultConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway}]\n',
      error: 'profiles[0].pluginConfig[0].args.defaultingType: Invalid value: "System": when .defaultConstraints are not empty',
    },
    {
      name: 'both preemption minimums zero',
      file: 'profiles:\n- pluginConfig:\n  - name: DefaultPreemption\n    args: {minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0}\n',
      error: '[profiles[0].pluginConfig[0].args.minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute, profiles[0].pluginConfig[0].args.minCandidateNodesAbsolute: Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage]',
    },
    { name: 'a balanced-allocation weight other than 1', file: 'profiles:\n- pluginConfig:\n  - name: NodeResourcesBalancedAllocation\n    args: {resources: [{name: cpu, weight: 2}]}\n', error: 'profiles[0].pluginConfig[0].args.resources[0].weight: Invalid value: 2: must be 1' },
    {
      name: 'profiles with different queue sorts',
      file: 'profiles:\n- schedulerName: a\n- schedulerName: b\n  plugins:\n    queueSort:\n      enabled: [{name: CustomSort}]\n',
      error: 'profiles[1].plugins.queueSort: Invalid value: {"Enabled":[{"Name":"CustomSort","Weight":0}],"Disabled":null}: must be the same for all profiles',
    },
    { name: 'several problems at once', file: 'parallelism: -1\npercentageOfNodesToScore: 200\n', error: '[parallelism: Invalid value: -1: should be an integer value greater than zero, percentageOfNodesToScore: Invalid value: 200: not in valid range [0-100]]' },
  ];
  for (const tc of cases) it(tc.name, () => assert.throws(() => loadConfig(tc.raw ? tc.file : HEAD + tc.file, FEATURES), { message: tc.error }));

  const build: Array<{ name: string; file: string; error: string }> = [
    { name: 'an unknown MultiPoint plugin', file: 'profiles:\n- plugins:\n    multiPoint:\n      enabled: [{name: NoSuchPlugin}]\n', error: `${P}PreFilterPlugin "NoSuchPlugin" does not exist` },
    { name: 'an unknown Filter plugin', file: 'profiles:\n- plugins:\n    filter:\n      enabled: [{name: NoSuchPlugin}]\n', error: `${P}FilterPlugin "NoSuchPlugin" does not exist` },
    { name: 'a plugin at a point it does not implement', file: 'profiles:\n- plugins:\n    filter:\n      enabled: [{name: PrioritySort}]\n', error: `${P}plugin "PrioritySort" does not extend FilterPlugin plugin` },
    { name: 'a plugin twice at one point', file: 'profiles:\n- plugins:\n    bind:\n      enabled: [{name: DefaultBinder}, {name: DefaultBinder}]\n', error: `${P}plugin "DefaultBinder" already registered as "BindPlugin"` },
    { name: 'a MultiPoint plugin twice', file: 'profiles:\n- plugins:\n    multiPoint:\n      enabled: [{name: NodeName}, {name: NodeName}]\n', error: `${P}plugin "NodeName" already registered as "FilterPlugin"` },
    { name: 'no queue sort', file: 'profiles:\n- schedulerName: bin-packing\n  plugins:\n    queueSort:\n      disabled: [{name: "*"}]\n', error: 'initializing profiles: creating profile for scheduler name bin-packing: only one queue sort plugin required for profile with scheduler name "bin-packing", but got 0' },
    { name: 'no bind plugin', file: 'profiles:\n- plugins:\n    multiPoint:\n      disabled: [{name: DefaultBinder}]\n', error: `${P}at least one bind plugin is needed for profile with scheduler name "default-scheduler"` },
    { name: 'a negative weight (a k8ts check: upstream would let it invert scores)', file: 'profiles:\n- plugins:\n    multiPoint:\n      enabled: [{name: ImageLocality, weight: -1}]\n', error: `${P}plugin "ImageLocality" has a negative weight` },
    {
      name: 'NodeResourcesFit args, checked when the plugin is built',
      file: 'profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args: {scoringStrategy: {type: Spread}}\n',
      error: `${P}initializing plugin "NodeResourcesFit": scoringStrategy.type: Unsupported value: "Spread": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"`,
    },
  ];
  for (const tc of build) it(`refuses to build ${tc.name}`, () => assert.throws(() => frameworks(tc.file), { message: tc.error }));
});

describe('extenders', () => {
  it('are accepted and handed to the scheduler as configured', () => {
    const cfg = loadConfig('apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nextenders:\n- urlPrefix: https://ext.example:8443/scheduler\n  filterVerb: filter\n  prioritizeVerb: prioritize\n  weight: 2\n  nodeCacheCapable: true\n  httpTimeout: 2s\n  managedResources: [{name: example.com/gpu, ignoredByScheduler: true}]\n  ignorable: true\n');
    assert.deepEqual(extendersOf(cfg), [
      { urlPrefix: 'https://ext.example:8443/scheduler', filterVerb: 'filter', prioritizeVerb: 'prioritize', weight: 2, nodeCacheCapable: true, httpTimeout: '2s', managedResources: [{ name: 'example.com/gpu', ignoredByScheduler: true }], ignorable: true },
    ]);
  });
});
