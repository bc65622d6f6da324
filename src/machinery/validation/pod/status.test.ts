import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePodStatusUpdate } from './index.js';
import { brief, gatesCtx, makeContainer, makePod } from './fixture.js';

const ctx = gatesCtx();
const terminated = (exitCode: number) => ({ name: 'c', state: { terminated: { exitCode } } });
const runningStatus = { name: 'c', state: { running: {} } };
const FORBID: [string, string, string] = ['FieldValueForbidden', 'status.containerStatuses[0].state', 'may not be transitioned to non-terminated state'];

function withStatus(spec: Record<string, unknown>, containerStatuses: any[]): any {
  return { ...makePod(spec), status: { phase: 'Running', containerStatuses } };
}

test('terminated -> running transitions (spec §1.3 rule 8)', () => {
  const rule = { action: 'Restart', exitCodes: { operator: 'In', values: [42] } };
  const cases: Array<{ name: string; spec: Record<string, unknown>; exit: number; want: Array<[string, string, string]> }> = [
    { name: 'pod Always', spec: {}, exit: 0, want: [] },
    { name: 'pod Never', spec: { restartPolicy: 'Never' }, exit: 1, want: [FORBID] },
    { name: 'pod OnFailure, failed', spec: { restartPolicy: 'OnFailure' }, exit: 1, want: [] },
    { name: 'pod OnFailure, succeeded', spec: { restartPolicy: 'OnFailure' }, exit: 0, want: [FORBID] },
    { name: 'container Always overrides pod Never', spec: { restartPolicy: 'Never', containers: [makeContainer('c', { restartPolicy: 'Always' })] }, exit: 0, want: [] },
    { name: 'container with rules', spec: { restartPolicy: 'Never', containers: [makeContainer('c', { restartPolicy: 'Never', restartPolicyRules: [rule] })] }, exit: 42, want: [] },
    {
      name: 'pod with a RestartAllContainers rule',
      spec: {
        restartPolicy: 'Never',
        containers: [makeContainer('c'), makeContainer('t', { restartPolicy: 'Never', restartPolicyRules: [{ ...rule, action: 'RestartAllContainers' }] })],
      },
      exit: 0,
      want: [],
    },
  ];
  for (const tc of cases) {
    const old = withStatus(tc.spec, [terminated(tc.exit)]);
    const next = withStatus(tc.spec, [runningStatus]);
    assert.deepEqual(brief(validatePodStatusUpdate(next, old, ctx)), tc.want, tc.name);
  }
});

test('other status rules', () => {
  const old = withStatus({ nodeName: 'n1' }, []);
  const cases: Array<{ name: string; mutate: (p: any) => void; want: Array<[string, string, string]> }> = [
    { name: 'nodeName changed', mutate: (p) => (p.spec.nodeName = 'n2'), want: [['FieldValueForbidden', 'status.nodeName', 'may not be changed directly']] },
    {
      name: 'bad pod IP',
      mutate: (p) => (p.status.podIPs = [{ ip: '10.0.0.300' }]),
      want: [['FieldValueInvalid', 'status.podIPs[0]', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
    },
    {
      name: 'two IPv4 pod IPs',
      mutate: (p) => (p.status.podIPs = [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }]),
      want: [['FieldValueInvalid', 'status.podIPs', 'may specify no more than one IP for each IP family']],
    },
    {
      name: 'hostIP mismatch',
      mutate: (p) => Object.assign(p.status, { hostIP: '10.0.0.1', hostIPs: [{ ip: '10.0.0.2' }] }),
      want: [['FieldValueInvalid', 'status.hostIPs[0].ip', 'must be equal to `hostIP`']],
    },
    {
      name: 'negative uid in container user',
      mutate: (p) => (p.status.containerStatuses = [{ name: 'c', user: { linux: { uid: -1, gid: 0 } } }]),
      want: [['FieldValueInvalid', 'status.containerStatuses[0].linux.uid', 'must be between 0 and 2147483647, inclusive']],
    },
    {
      name: 'custom condition type must be a qualified name',
      mutate: (p) => (p.status.conditions = [{ type: 'bad type', status: 'True' }]),
      want: [['FieldValueInvalid', 'metadata.conditions[0].Type', "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]],
    },
  ];
  for (const tc of cases) {
    const next = structuredClone(old);
    tc.mutate(next);
    assert.deepEqual(brief(validatePodStatusUpdate(next, old, ctx)), tc.want, tc.name);
  }
});

test('windows pods may not report linux users', () => {
  const old = withStatus({ os: { name: 'windows' } }, []);
  const next = withStatus({ os: { name: 'windows' } }, [{ name: 'c', user: { linux: { uid: 1, gid: 1 } } }]);
  assert.deepEqual(brief(validatePodStatusUpdate(next, old, ctx)), [['FieldValueForbidden', 'status.containerStatuses[0].linux', 'cannot be set for a windows pod']]);
});
