import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isGroupVersionEnabled, parseRuntimeConfig, versionStage } from './runtime-config.js';

describe('parseRuntimeConfig', () => {
  const ok: Array<{ in: string | undefined; out: Array<[string, boolean]> }> = [
    { in: undefined, out: [] },
    { in: '', out: [] },
    { in: 'scheduling.k8s.io/v1alpha1=true', out: [['scheduling.k8s.io/v1alpha1', true]] },
    { in: 'api/all=false,api/v1=true', out: [['api/all', false], ['api/v1', true]] },
    { in: 'scheduling.k8s.io/v1alpha1', out: [['scheduling.k8s.io/v1alpha1', true]] },
    { in: ' batch/v1 = 0 ,, apps/v1/deployments=f', out: [['batch/v1', false], ['apps/v1/deployments', false]] },
    { in: 'batch/v1=false,batch/v1=true', out: [['batch/v1', true]] },
  ];
  for (const tc of ok) {
    it(`parses ${JSON.stringify(tc.in)}`, () => {
      assert.deepEqual([...parseRuntimeConfig(tc.in)], tc.out);
    });
  }

  const bad: Array<[string, string]> = [
    ['batch/v1=maybe', 'invalid value of batch/v1: maybe, err: strconv.ParseBool: parsing "maybe": invalid syntax'],
    ['api/all=1', 'invalid value api/all=1'],
    ['api/alpha', 'invalid value api/alpha='],
    ['batch', 'runtime-config invalid key batch'],
    ['a/b/c/d=true', 'runtime-config invalid key a/b/c/d'],
    ['apps/v1/Deployments=true', 'invalid key apps/v1/Deployments: group/version/resource and resource is always lowercase plural, not "Deployments"'],
  ];
  for (const [input, message] of bad) {
    it(`rejects ${input}`, () => assert.throws(() => parseRuntimeConfig(input), { message }));
  }
});

describe('isGroupVersionEnabled', () => {
  const cases: Array<{ flag: string; gv: string; def: boolean; want: boolean }> = [
    { flag: '', gv: 'scheduling.k8s.io/v1alpha1', def: false, want: false },
    { flag: 'scheduling.k8s.io/v1alpha1=true', gv: 'scheduling.k8s.io/v1alpha1', def: false, want: true },
    { flag: 'api/alpha=true', gv: 'scheduling.k8s.io/v1alpha1', def: false, want: true },
    { flag: 'api/alpha=true', gv: 'batch/v1', def: true, want: true },
    { flag: 'api/all=false', gv: 'batch/v1', def: true, want: false },
    { flag: 'api/all=false,api/ga=true', gv: 'batch/v1', def: true, want: true },
    { flag: 'api/all=false,api/v1=true', gv: 'v1', def: true, want: true },
    { flag: 'api/all=false', gv: 'v1', def: true, want: false },
    { flag: 'api/beta=true,flowcontrol.apiserver.k8s.io/v1beta3=false', gv: 'flowcontrol.apiserver.k8s.io/v1beta3', def: false, want: false },
  ];
  for (const tc of cases) {
    it(`${tc.flag || '(none)'} -> ${tc.gv} ${tc.want}`, () => {
      assert.equal(isGroupVersionEnabled(parseRuntimeConfig(tc.flag), tc.gv, tc.def), tc.want);
    });
  }

  it('classifies versions', () => {
    assert.deepEqual(['v1', 'v2beta1', 'v1alpha3', 'v10'].map(versionStage), ['GA', 'BETA', 'ALPHA', 'GA']);
  });
});
