import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FeatureGates, KNOWN_FEATURES, FEATURE_DEPENDENCIES } from './index.js';

describe('KNOWN_FEATURES', () => {
  // Every gate named in the v1.35 spec tables, with the stage/default/lock the tables state.
  const specTable: Array<[string, string, boolean, boolean?]> = [
    ['TaintTolerationComparisonOperators', 'ALPHA', false],
    ['GenericWorkload', 'ALPHA', false],
    ['GangScheduling', 'ALPHA', false],
    ['OpportunisticBatching', 'BETA', true],
    ['MutablePVNodeAffinity', 'ALPHA', false],
    ['JobManagedBy', 'GA', true, true],
    ['ComponentStatusz', 'ALPHA', false],
    ['ComponentFlagz', 'ALPHA', false],
    ['ContainerRestartRules', 'BETA', true],
    ['RestartAllContainersOnContainerExits', 'ALPHA', false],
    ['NodeDeclaredFeatures', 'ALPHA', false],
    ['InPlacePodVerticalScaling', 'GA', true, true],
    ['InPlacePodVerticalScalingAllocatedStatus', 'DEPRECATED', false],
    ['InPlacePodVerticalScalingExclusiveCPUs', 'ALPHA', false],
    ['InPlacePodVerticalScalingExclusiveMemory', 'ALPHA', false],
    ['InPlacePodLevelResourcesVerticalScaling', 'ALPHA', false],
    ['PodLevelResources', 'BETA', true],
    ['PodObservedGenerationTracking', 'GA', true, true],
    ['SupplementalGroupsPolicy', 'GA', true, true],
    ['CSIServiceAccountTokenSecrets', 'BETA', true],
    ['CloudControllerManagerWatchBasedRoutesReconciliation', 'ALPHA', false],
    ['KubeletCrashLoopBackOffMax', 'BETA', true],
    ['ReduceDefaultCrashLoopBackOffDecay', 'ALPHA', false],
    ['SidecarContainers', 'GA', true, true],
    ['PodReadyToStartContainersCondition', 'BETA', true],
    ['ChangeContainerStatusOnKubeletRestart', 'DEPRECATED', false],
  ];
  for (const [name, stage, def, locked] of specTable) {
    it(`${name} is ${stage} default=${def}${locked ? ' locked' : ''}`, () => {
      const spec = KNOWN_FEATURES[name];
      assert.ok(spec, `${name} missing`);
      assert.equal(spec.stage, stage);
      assert.equal(spec.default, def);
      assert.equal(spec.lockToDefault ?? false, locked ?? false);
    });
  }

  it('is a large table and internally consistent', () => {
    const names = Object.keys(KNOWN_FEATURES);
    assert.ok(names.length > 200, `only ${names.length} gates`);
    for (const [name, spec] of Object.entries(KNOWN_FEATURES)) {
      if (spec.stage === 'ALPHA') assert.equal(spec.default, false, `${name}: alpha gates default off`);
      if (spec.stage === 'GA') assert.equal(spec.default, true, `${name}: GA gates default on`);
    }
    for (const [f, deps] of Object.entries(FEATURE_DEPENDENCIES)) {
      assert.ok(KNOWN_FEATURES[f], `dependency source ${f} unknown`);
      for (const d of deps) assert.ok(KNOWN_FEATURES[d], `${f} depends on unknown ${d}`);
    }
  });

  it('defaults satisfy every dependency', () => {
    assert.doesNotThrow(() => FeatureGates.parse(undefined).set('JobManagedBy', true));
  });
});

describe('FeatureGates.parse', () => {
  const ok: Array<{ name: string; flag: string | undefined; expect: Record<string, boolean>; str: string }> = [
    { name: 'undefined keeps defaults', flag: undefined, expect: { GangScheduling: false, OpportunisticBatching: true }, str: '' },
    { name: 'empty string keeps defaults', flag: '', expect: { GenericWorkload: false }, str: '' },
    {
      name: 'sets alpha gates',
      flag: 'GenericWorkload=true, GangScheduling=true',
      expect: { GenericWorkload: true, GangScheduling: true },
      str: 'GangScheduling=true,GenericWorkload=true',
    },
    { name: 'Go ParseBool spellings', flag: 'ComponentStatusz=1,ComponentFlagz=T,OpportunisticBatching=FALSE', expect: { ComponentStatusz: true, ComponentFlagz: true, OpportunisticBatching: false }, str: 'ComponentFlagz=true,ComponentStatusz=true,OpportunisticBatching=false' },
    { name: 'empty items are skipped', flag: ',ComponentStatusz=true,,', expect: { ComponentStatusz: true }, str: 'ComponentStatusz=true' },
    { name: 'locked gate set to its default is fine', flag: 'JobManagedBy=true', expect: { JobManagedBy: true }, str: 'JobManagedBy=true' },
    { name: 'later value wins', flag: 'ComponentStatusz=true,ComponentStatusz=false', expect: { ComponentStatusz: false }, str: 'ComponentStatusz=false' },
  ];
  for (const tc of ok) {
    it(tc.name, () => {
      const g = FeatureGates.parse(tc.flag);
      for (const [k, v] of Object.entries(tc.expect)) assert.equal(g.enabled(k), v, k);
      assert.equal(g.toString(), tc.str);
    });
  }

  const bad: Array<{ name: string; flag: string; message: string }> = [
    { name: 'unknown gate', flag: 'Foo=true', message: 'unrecognized feature gate: Foo' },
    { name: 'locked GA gate', flag: 'JobManagedBy=false', message: 'cannot set feature gate JobManagedBy to false, feature is locked to true' },
    { name: 'locked deprecated gate', flag: 'AllowOverwriteTerminationGracePeriodSeconds=true', message: 'cannot set feature gate AllowOverwriteTerminationGracePeriodSeconds to true, feature is locked to false' },
    { name: 'bad value', flag: 'GangScheduling=maybe', message: 'invalid value of GangScheduling=maybe, err: strconv.ParseBool: parsing "maybe": invalid syntax' },
    { name: 'missing value', flag: 'GangScheduling', message: 'missing bool value for GangScheduling' },
    {
      name: 'several locked gates aggregate',
      flag: 'JobManagedBy=false,SidecarContainers=false',
      message: '[cannot set feature gate JobManagedBy to false, feature is locked to true, cannot set feature gate SidecarContainers to false, feature is locked to true]',
    },
    { name: 'unknown gate stops early', flag: 'JobManagedBy=false,Nope=true,SidecarContainers=false', message: '[cannot set feature gate JobManagedBy to false, feature is locked to true, unrecognized feature gate: Nope]' },
    { name: 'missing dependency', flag: 'GangScheduling=true', message: 'GangScheduling is enabled, but depends on features that are disabled: [GenericWorkload]' },
    {
      name: 'dependency turned off under an enabled gate',
      flag: 'PodLevelResources=false,InPlacePodLevelResourcesVerticalScaling=true',
      message: 'InPlacePodLevelResourcesVerticalScaling is enabled, but depends on features that are disabled: [NodeDeclaredFeatures PodLevelResources]',
    },
  ];
  for (const tc of bad) {
    it(`rejects ${tc.name}`, () => {
      assert.throws(() => FeatureGates.parse(tc.flag), (err: unknown) => {
        assert.ok(err instanceof Error);
        assert.equal(err.message, tc.message);
        return true;
      });
    });
  }
});

describe('FeatureGates behaviour', () => {
  it('AllAlpha enables every alpha gate but explicit values win', () => {
    const g = FeatureGates.parse('GangScheduling=false,AllAlpha=true');
    assert.equal(g.enabled('GenericWorkload'), true);
    assert.equal(g.enabled('ComponentStatusz'), true);
    assert.equal(g.enabled('GangScheduling'), false);
    assert.equal(g.enabled('OpportunisticBatching'), true, 'beta untouched');
    assert.equal(g.enabled('JobManagedBy'), true, 'GA untouched');
  });

  it('AllBeta=false disables default-on beta gates', () => {
    const g = FeatureGates.parse('AllBeta=false,PodLevelResources=true');
    assert.equal(g.enabled('OpportunisticBatching'), false);
    assert.equal(g.enabled('PodLevelResources'), true);
    assert.equal(g.enabled('AllBeta'), false);
  });

  it('set validates and leaves state unchanged on error', () => {
    const g = FeatureGates.parse('ComponentFlagz=true');
    assert.throws(() => g.set('JobManagedBy', false), /locked to true/);
    assert.throws(() => g.set('NotAGate', true), /unrecognized feature gate: NotAGate/);
    assert.deepEqual(g.overrides(), { ComponentFlagz: true });
    g.set('ComponentStatusz', true);
    assert.deepEqual(g.overrides(), { ComponentFlagz: true, ComponentStatusz: true });
    assert.equal(g.explicitlySet('ComponentStatusz'), true);
    assert.equal(g.explicitlySet('GangScheduling'), false);
  });

  it('enabled on an unregistered gate is a programming error', () => {
    assert.throws(() => new FeatureGates().enabled('Nope'), /feature "Nope" is not registered/);
  });

  it('known lists names, knownFeatures renders upstream help lines', () => {
    const g = new FeatureGates();
    const names = g.known();
    assert.deepEqual(names, [...names].sort());
    assert.ok(names.includes('JobManagedBy'));
    const help = g.knownFeatures();
    assert.ok(help.includes('GangScheduling=true|false (ALPHA - default=false)'));
    assert.ok(help.includes('OpportunisticBatching=true|false (BETA - default=true)'));
    assert.ok(help.includes('AllAlpha=true|false (ALPHA - default=false)'));
    assert.ok(!help.some((l) => l.startsWith('JobManagedBy=')), 'GA gates are hidden');
  });

  it('records upstream warnings for GA and deprecated gates', () => {
    const g = FeatureGates.parse('JobManagedBy=true,KMSv1=true');
    assert.deepEqual(g.warnings, [
      'Setting GA feature gate JobManagedBy=true. It will be removed in a future release.',
      'Setting deprecated feature gate KMSv1=true. It will be removed in a future release.',
    ]);
  });

  it('custom registries and clone are independent', () => {
    const known = { A: { default: false, stage: 'ALPHA' as const }, B: { default: true, stage: 'GA' as const, lockToDefault: true } };
    const g = FeatureGates.parse('A=true', { known });
    const c = g.clone();
    c.set('A', false);
    assert.equal(g.enabled('A'), true);
    assert.equal(c.enabled('A'), false);
    assert.throws(() => g.set('B', false), /cannot set feature gate B to false, feature is locked to true/);
  });
});
