import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessModes, containerCells, formatLabelSelector, formatLabels, joinHostPort, labelSelectorString, listWithMore, loadBalancerIngress } from './format.js';

test('formatLabels sorts by key and prints <none> when empty', () => {
  assert.equal(formatLabels({ b: '2', a: '1' }), 'a=1,b=2');
  assert.equal(formatLabels({}), '<none>');
  assert.equal(formatLabels(undefined), '<none>');
});

test('label selectors render like metav1.FormatLabelSelector', () => {
  const cases: Array<[unknown, string, string]> = [
    // selector, LabelSelectorAsSelector().String(), FormatLabelSelector
    [undefined, '', '<none>'],
    [{}, '', '<none>'],
    [{ matchLabels: { app: 'web', tier: 'fe' } }, 'app=web,tier=fe', 'app=web,tier=fe'],
    [
      {
        matchLabels: { z: '1' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'a', operator: 'Exists' },
          { key: 'gone', operator: 'DoesNotExist' },
          { key: 'k', operator: 'NotIn', values: ['x'] },
        ],
      },
      'a,env in (dev,prod),!gone,k notin (x),z=1',
      'a,env in (dev,prod),!gone,k notin (x),z=1',
    ],
  ];
  for (const [sel, raw, formatted] of cases) {
    assert.equal(labelSelectorString(sel), raw, JSON.stringify(sel));
    assert.equal(formatLabelSelector(sel), formatted, JSON.stringify(sel));
  }
  const invalid = [
    { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] },
    { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
    { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
    { matchLabels: { 'bad key!': 'v' } },
  ];
  for (const sel of invalid) {
    assert.equal(labelSelectorString(sel), undefined, JSON.stringify(sel));
    assert.equal(formatLabelSelector(sel), '<error>');
  }
});

test('containerCells, listWithMore, accessModes, joinHostPort, loadBalancerIngress', () => {
  assert.deepEqual(containerCells({ containers: [{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y:2' }] }), ['a,b', 'x:1,y:2']);
  assert.deepEqual(containerCells(undefined), ['', '']);
  assert.equal(listWithMore(['1', '2', '3']), '1,2,3');
  assert.equal(listWithMore(['1', '2', '3', '4', '5']), '1,2,3 + 2 more...');
  assert.equal(listWithMore([]), '<unset>');
  assert.equal(accessModes(['ReadWriteOncePod', 'ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteOnce']), 'RWO,ROX,RWOP');
  assert.equal(accessModes(undefined), '');
  assert.equal(joinHostPort('10.0.0.1', 80), '10.0.0.1:80');
  assert.equal(joinHostPort('fd00::1', 80), '[fd00::1]:80');
  assert.deepEqual(loadBalancerIngress({ ingress: [{ ip: '5.6.7.8' }, { hostname: 'lb.example.com' }, { ip: '1.2.3.4' }, { ip: '5.6.7.8' }] }), [
    '1.2.3.4',
    '5.6.7.8',
    'lb.example.com',
  ]);
});
