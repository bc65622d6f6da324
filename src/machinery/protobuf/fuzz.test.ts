import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeK8sProtobuf, encodeK8sProtobuf } from './index.js';
import { isStatusError } from '../errors.js';

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** outcome decodes and classifies: ok, a 400 StatusError, or anything else (a bug). */
function outcome(body: Uint8Array): 'ok' | '400' | string {
  try {
    decodeK8sProtobuf(body);
    return 'ok';
  } catch (e) {
    if (isStatusError(e) && e.code === 400) return '400';
    return `unexpected ${String(e)}`;
  }
}

const seeds = [
  encodeK8sProtobuf({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' }, creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m' } } }] } },
    },
  }),
  encodeK8sProtobuf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 'http' }] } }),
  encodeK8sProtobuf({ apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, preconditions: { uid: 'u' } }),
];

describe('decodeK8sProtobuf fuzz: malformed input is always a 400', () => {
  it('every truncation of valid bodies', () => {
    for (const body of seeds) {
      for (let n = 0; n < body.length; n++) {
        const r = outcome(body.subarray(0, n));
        assert.ok(r === 'ok' || r === '400', `truncated at ${n}: ${r}`);
      }
    }
  });

  it('random byte flips in valid bodies', () => {
    const rand = rng(42);
    let rejected = 0;
    for (let i = 0; i < 3000; i++) {
      const body = Uint8Array.from(seeds[i % seeds.length]!);
      const flips = 1 + Math.floor(rand() * 3);
      for (let j = 0; j < flips; j++) body[4 + Math.floor(rand() * (body.length - 4))] = Math.floor(rand() * 256);
      const r = outcome(body);
      assert.ok(r === 'ok' || r === '400', `iteration ${i}: ${r}`);
      if (r === '400') rejected++;
    }
    assert.ok(rejected > 0, 'some mutations must be rejected');
  });

  it('random bytes after the magic', () => {
    const rand = rng(7);
    for (let i = 0; i < 2000; i++) {
      const body = new Uint8Array(4 + Math.floor(rand() * 64));
      body.set([0x6b, 0x38, 0x73, 0x00]);
      for (let j = 4; j < body.length; j++) body[j] = Math.floor(rand() * 256);
      const r = outcome(body);
      assert.ok(r === 'ok' || r === '400', `iteration ${i}: ${r}`);
    }
  });
});
