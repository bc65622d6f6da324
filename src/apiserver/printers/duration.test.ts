import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, parseTime, since } from './duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

test('humanDuration follows duration.HumanDuration tiers', () => {
  const cases: Array<[number, string]> = [
    [-2 * S, '<invalid>'],
    [-1999, '0s'], // truncates to -1s
    [-1 * S, '0s'],
    [-500, '0s'],
    [0, '0s'],
    [999, '0s'],
    [59 * S, '59s'],
    [119 * S + 999, '119s'],
    [2 * M, '2m'],
    [2 * M + 3 * S, '2m3s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 30 * S, '10m'],
    [59 * M, '59m'],
    [179 * M + 59 * S, '179m'],
    [3 * H, '3h'],
    [3 * H + 4 * M, '3h4m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [47 * H + 59 * M, '47h'],
    [2 * D, '2d'],
    [2 * D + 4 * H, '2d4h'],
    [6 * D + 4 * H + 30 * M, '6d4h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [364 * D, '364d'],
    [729 * D, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 5 * D, '2y5d'],
    [7 * Y + 364 * D, '7y364d'],
    [8 * Y, '8y'],
    [10 * Y + 100 * D, '10y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms}ms`);
});

test('since: ages from RFC 3339 strings, <unknown> for zero or missing times', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  const cases: Array<[unknown, string]> = [
    ['2025-06-01T11:55:00Z', '5m'],
    ['2025-06-01T11:59:59.500000Z', '0s'], // MicroTime with fraction
    ['2025-05-26T08:00:00Z', '6d4h'],
    ['2025-06-01T12:00:05Z', '<invalid>'], // clock skew
    [undefined, '<unknown>'],
    [null, '<unknown>'],
    ['', '<unknown>'],
    ['0001-01-01T00:00:00Z', '<unknown>'],
    ['not a time', '<unknown>'],
  ];
  for (const [t, want] of cases) assert.equal(since(t, now), want, String(t));
  assert.equal(parseTime('2025-06-01T12:00:00Z'), now);
});
