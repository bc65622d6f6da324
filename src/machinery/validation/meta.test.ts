import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage } from '../field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate, TOTAL_ANNOTATION_SIZE_LIMIT } from './meta.js';
import { nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, nameIsPathSegment } from './names.js';

const msgs = (errs: ReturnType<typeof validateObjectMeta>): string[] => errs.map(fieldErrorMessage);
const SUBDOMAIN_RE = String.raw`[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`;

test('validateObjectMeta create cases', () => {
  const sub = { namespaced: true, nameFn: nameIsDNSSubdomain };
  const cases: Array<[string, unknown, typeof sub, string[]]> = [
    ['valid', { name: 'a.b', namespace: 'default' }, sub, []],
    ['missing name', { namespace: 'default' }, sub, ['metadata.name: Required value: name or generateName is required']],
    ['generateName only', { generateName: 'web-', namespace: 'default' }, sub, []],
    [
      'uppercase name',
      { name: 'Foo', namespace: 'default' },
      sub,
      [
        `metadata.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${SUBDOMAIN_RE}')`,
      ],
    ],
    ['namespace required', { name: 'a' }, sub, ['metadata.namespace: Required value']],
    ['namespace forbidden', { name: 'a', namespace: 'x' }, { namespaced: false, nameFn: nameIsDNSSubdomain }, ['metadata.namespace: Forbidden: not allowed on this type']],
    ['label name with dot', { name: 'a.b' }, { namespaced: false, nameFn: nameIsDNSLabel }, ['metadata.name: Invalid value: "a.b": must not contain dots']],
    [
      'service name must start with letter',
      { name: '1abc', namespace: 'd' },
      { namespaced: true, nameFn: nameIsDNS1035Label },
      [
        `metadata.name: Invalid value: "1abc": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      ],
    ],
    ['rbac name allows colons', { name: 'system:admin' }, { namespaced: false, nameFn: nameIsPathSegment }, []],
    ['rbac name rejects slash', { name: 'a/b' }, { namespaced: false, nameFn: nameIsPathSegment }, [`metadata.name: Invalid value: "a/b": may not contain '/'`]],
    ['negative generation', { name: 'a', generation: -1 }, { namespaced: false, nameFn: nameIsDNSSubdomain }, ['metadata.generation: Invalid value: -1: must be greater than or equal to 0']],
    [
      'bad label value',
      { name: 'a', labels: { app: 'x y' } },
      { namespaced: false, nameFn: nameIsDNSSubdomain },
      [
        `metadata.labels: Invalid value: "x y": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ],
    ],
    [
      'both deletion finalizers',
      { name: 'a', finalizers: ['orphan', 'foregroundDeletion'] },
      { namespaced: false, nameFn: nameIsDNSSubdomain },
      ['metadata.finalizers: Invalid value: ["orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set'],
    ],
    [
      'owner reference fields',
      { name: 'a', ownerReferences: [{ apiVersion: '', kind: 'X', name: 'n', uid: '' }] },
      { namespaced: false, nameFn: nameIsDNSSubdomain },
      ['metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty', 'metadata.ownerReferences.uid: Invalid value: "": must not be empty'],
    ],
  ];
  for (const [name, meta, opts, want] of cases) assert.deepEqual(msgs(validateObjectMeta(meta, opts)), want, name);
});

test('annotations: uppercase keys allowed, total size capped at 256KiB', () => {
  const opts = { namespaced: false, nameFn: nameIsDNSSubdomain };
  assert.deepEqual(validateObjectMeta({ name: 'a', annotations: { 'Example.com/Key': 'v' } }, opts), []);
  const big = { name: 'a', annotations: { k: 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT) } };
  assert.deepEqual(msgs(validateObjectMeta(big, opts)), ['metadata.annotations: Too long: may not be more than 262144 bytes']);
});

test('two controller owner references are rejected', () => {
  const ref = (n: string) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: n, uid: n, controller: true });
  const errs = validateObjectMeta({ name: 'a', ownerReferences: [ref('x'), ref('y')] }, { namespaced: false, nameFn: nameIsDNSSubdomain });
  assert.equal(errs.length, 1);
  assert.match(fieldErrorMessage(errs[0]!), /Only one reference can have Controller set to true\. Found "true" in references for ReplicaSet\/x and ReplicaSet\/y$/);
});

test('validateObjectMetaUpdate', () => {
  const old = { name: 'a', namespace: 'n', uid: 'u1', generation: 2, creationTimestamp: '2025-01-01T00:00:00Z' };
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string[]]> = [
    ['unchanged', { ...old }, old, []],
    ['uid omitted keeps stored', { name: 'a', namespace: 'n', generation: 2 }, old, []],
    ['rename', { ...old, name: 'b' }, old, ['metadata.name: Invalid value: "b": field is immutable']],
    ['move namespace', { ...old, namespace: 'm' }, old, ['metadata.namespace: Invalid value: "m": field is immutable']],
    ['uid change', { ...old, uid: 'u2' }, old, ['metadata.uid: Invalid value: "u2": field is immutable']],
    ['generation down', { ...old, generation: 1 }, old, ['metadata.generation: Invalid value: 1: must not be decremented']],
    [
      'finalizer added while deleting',
      { ...old, deletionTimestamp: 't', finalizers: ['a/b'] },
      { ...old, deletionTimestamp: 't' },
      ['metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"a/b"}'],
    ],
  ];
  for (const [name, meta, o, want] of cases) assert.deepEqual(validateObjectMetaUpdate(meta, o).map(fieldErrorMessage), want, name);
});
