import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusError } from '../errors.js';
import { parseSelector } from './parse.js';
import { selectorFromLabelSelector } from './label-selector.js';
import { selectorFromSet } from './selector.js';

// Canonical string forms (upstream TestSelectorParse / TestRequirementSelectorMatching).
const canonical: Array<[string, string]> = [
  ['', ''],
  ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
  ['z=c,x=a', 'x=a,z=c'],
  ['x!=a,y=b', 'x!=a,y=b'],
  ['x=,z= ', 'x=,z='],
  ['x= ,z= ', 'x=,z='],
  ['!x', '!x'],
  ['x>1', 'x>1'],
  ['x>1,z<5', 'x>1,z<5'],
  ['x == y', 'x==y'],
  ['a in (b,a)', 'a in (a,b)'],
  ['x in ()', 'x in ()'],
  ['x notin (a, ,b)', 'x notin (,a,b)'],
  ['x in (in,notin)', 'x in (in,notin)'],
  ['example.com/app', 'example.com/app'],
  ['  x  ,  !y  ', 'x,!y'],
];
for (const [input, want] of canonical) {
  test(`label parse ${JSON.stringify(input)} -> ${JSON.stringify(want)}`, () => {
    assert.equal(parseSelector(input).toString(), want);
  });
}

const matching: Array<[string, Record<string, string> | undefined, boolean]> = [
  ['', undefined, true],
  ['x=y', { x: 'y' }, true],
  ['x=y', { x: 'z' }, false],
  ['x=y', undefined, false],
  ['x!=y', {}, true],
  ['x!=y', { x: 'y' }, false],
  ['x in (a,b)', { x: 'b' }, true],
  ['x notin (a,b)', { x: 'c' }, true],
  ['x notin (a,b)', {}, true],
  ['x', { x: '' }, true],
  ['!x', { x: '' }, false],
  ['x>1', { x: '2' }, true],
  ['x>1', { x: 'a' }, false],
  ['x<1', { x: '-3' }, true],
  ['x=', { x: '' }, true],
  ['a=b,c=d', { a: 'b', c: 'e' }, false],
  ['toString', {}, false],
];
for (const [sel, labels, want] of matching) {
  test(`label match ${JSON.stringify(sel)} on ${JSON.stringify(labels)} = ${want}`, () => {
    assert.equal(parseSelector(sel).matches(labels), want);
  });
}

const KEY_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const invalid: Array<[string, string | undefined]> = [
  ['x=a||y=b', undefined],
  ['x==?z', undefined],
  ['x in (,', undefined],
  ['x in a', "unable to parse requirement: found 'a' expected: '('"],
  ['!x=a', "found '=', expected: ',' or 'end of string'"],
  ['x y', "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"],
  [',x', "found ',', expected: !, identifier, or 'end of string'"],
  ['x,', "found '', expected: identifier after ','"],
  ['app:monolith', `unable to parse requirement: <nil>: Invalid value: "app:monolith": ${KEY_MSG}`],
  ['x>a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
  ['x=a b', "found 'b', expected: ',' or 'end of string'"],
];
for (const [sel, msg] of invalid) {
  test(`label parse error ${JSON.stringify(sel)}`, () => {
    assert.throws(
      () => parseSelector(sel),
      (e: unknown) => isStatusError(e) && e.code === 400 && e.reason === 'BadRequest' && (msg === undefined || e.status.message === msg),
    );
  });
}

test('label value validation message', () => {
  assert.throws(
    () => parseSelector('x=a@b'),
    (e: unknown) =>
      isStatusError(e) &&
      e.status.message ===
        `unable to parse requirement: values[0][x]: Invalid value: "a@b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  );
});

test('LabelSelector: null matches nothing, empty everything', () => {
  assert.equal(selectorFromLabelSelector(null).matches({ a: 'b' }), false);
  assert.equal(selectorFromLabelSelector({}).matches({ a: 'b' }), true);
});

const ls: Array<[Parameters<typeof selectorFromLabelSelector>[0], string]> = [
  [{ matchLabels: { b: '2', a: '1' } }, 'a=1,b=2'],
  [{ matchExpressions: [{ key: 'x', operator: 'In', values: ['q', 'p'] }] }, 'x in (p,q)'],
  [{ matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['p'] }] }, 'x notin (p)'],
  [{ matchExpressions: [{ key: 'x', operator: 'Exists' }, { key: 'y', operator: 'DoesNotExist' }] }, 'x,!y'],
];
for (const [sel, want] of ls) {
  test(`LabelSelector ${JSON.stringify(sel)} -> ${want}`, () => assert.equal(selectorFromLabelSelector(sel).toString(), want));
}

const lsErr: Array<[Parameters<typeof selectorFromLabelSelector>[0], string]> = [
  [{ matchExpressions: [{ key: 'x', operator: 'Foo' }] }, '"Foo" is not a valid label selector operator'],
  [{ matchExpressions: [{ key: 'x', operator: 'In', values: [] }] }, "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"],
  [{ matchExpressions: [{ key: 'x', operator: 'Exists', values: ['a'] }] }, 'values: Invalid value: ["a"]: values set must be empty for exists and does not exist'],
];
for (const [sel, msg] of lsErr) {
  test(`LabelSelector error ${msg}`, () => {
    assert.throws(() => selectorFromLabelSelector(sel), (e: unknown) => isStatusError(e) && e.code === 400 && e.status.message === msg);
  });
}

test('selectorFromSet and requiresExactMatch', () => {
  const s = selectorFromSet({ b: '2', a: '1' });
  assert.equal(s.toString(), 'a=1,b=2');
  assert.equal(s.requiresExactMatch('a'), '1');
  assert.equal(parseSelector('a in (x,y)').requiresExactMatch('a'), undefined);
  assert.equal(s.matches({ a: '1', b: '2', c: '3' }), true);
});
