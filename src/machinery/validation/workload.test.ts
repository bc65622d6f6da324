import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateWorkload, validateWorkloadUpdate } from './workload.js';
import { render } from './fixtures.js';

const gang = (name: string, minCount = 3) => ({ name, policy: { gang: { minCount } } });
const wl = (spec: Record<string, unknown>) => ({ metadata: { name: 'w', namespace: 'd' }, spec });

test('workload create (spec §2.3)', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['valid', { podGroups: [gang('g')] }, []],
    ['basic policy', { podGroups: [{ name: 'g', policy: { basic: {} } }] }, []],
    ['no groups', { podGroups: [] }, ['spec.podGroups: Required value: must have at least one item']],
    ['nine groups', { podGroups: Array.from({ length: 9 }, (_, i) => gang(`g${i}`)) }, ['spec.podGroups: Too many: 9: must have at most 8 items']],
    ['minCount 0', { podGroups: [gang('g', 0)] }, ['spec.podGroups[0].policy.gang.minCount: Required value']],
    ['minCount negative', { podGroups: [gang('g', -1)] }, ['spec.podGroups[0].policy.gang.minCount: Invalid value: -1: must be greater than zero']],
    ['empty policy', { podGroups: [{ name: 'g', policy: {} }] }, ['spec.podGroups[0].policy: Invalid value: "": must specify one of: `basic`, `gang`']],
    [
      'both policies',
      { podGroups: [{ name: 'g', policy: { basic: {}, gang: { minCount: 1 } } }] },
      ['spec.podGroups[0].policy: Invalid value: "{`basic`, `gang`}": exactly one of `basic`, `gang` is required, but multiple fields are set'],
    ],
    ['duplicate group', { podGroups: [gang('g'), gang('g')] }, ['spec.podGroups[1]: Duplicate value: "g"']],
    ['group name missing', { podGroups: [{ policy: { basic: {} } }] }, ['spec.podGroups[0].name: Required value']],
    ['controllerRef kind missing', { controllerRef: { name: 'j' }, podGroups: [gang('g')] }, ['spec.controllerRef.kind: Required value']],
    ['controllerRef name with slash', { controllerRef: { kind: 'Job', name: 'a/b' }, podGroups: [gang('g')] }, [`spec.controllerRef.name: Invalid value: "a/b": may not contain '/'`]],
  ];
  for (const [name, spec, want] of cases) assert.deepEqual(render(validateWorkload(wl(spec))), want, name);
});

test('workload update (spec §2.3 vectors)', () => {
  const ref = { apiGroup: 'batch', kind: 'Job', name: 'j' };
  const base = wl({ podGroups: [gang('g')] });
  const withRef = wl({ controllerRef: ref, podGroups: [gang('g')] });
  assert.deepEqual(render(validateWorkloadUpdate(withRef, base)), [], 'setting controllerRef is allowed');
  const rejected: Array<[string, any, any, string]> = [
    ['rename group', wl({ podGroups: [gang('h')] }), base, 'spec.podGroups: Invalid value: [{"name":"h","policy":{"gang":{"minCount":3}}}]: field is immutable'],
    ['change minCount', wl({ podGroups: [gang('g', 4)] }), base, 'spec.podGroups: Invalid value: [{"name":"g","policy":{"gang":{"minCount":4}}}]: field is immutable'],
    ['add group', wl({ podGroups: [gang('g'), gang('h')] }), base, ''],
    ['change controllerRef', wl({ controllerRef: { ...ref, name: 'k' }, podGroups: [gang('g')] }), withRef, 'spec.controllerRef: Invalid value: {"apiGroup":"batch","kind":"Job","name":"k"}: field is immutable'],
    ['remove controllerRef', base, withRef, 'spec.controllerRef: Invalid value: null: field is immutable'],
  ];
  for (const [name, n, o, want] of rejected) {
    const errs = render(validateWorkloadUpdate(n, o));
    assert.equal(errs.length, 1, name);
    if (want) assert.equal(errs[0], want, name);
  }
});
