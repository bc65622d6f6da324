import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cache } from '../../cache/cache.js';
import { Snapshot } from '../../cache/snapshot.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { Node, Pod } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/builders.js';
import { calculatePriority, ImageLocality, normalizedImageName, type ImageNode } from './image-locality.js';

const MB = 1024 * 1024;
const node = (name: string, images: Array<[string[], number]>): Node => {
  const n = makeNode().name(name).obj() as ImageNode;
  n.status!.images = images.map(([names, mb]) => ({ names, sizeBytes: mb * MB }));
  return n;
};
const pod = (...images: string[]): Pod => {
  const p = makePod().obj();
  p.spec.containers = images.map((image, i) => ({ name: `c${i}`, image }) as Pod['spec']['containers'][number]);
  return p;
};

/** scores runs Score on every node of a snapshot taken from a cache, which indexes the images. */
function scores(p: Pod, nodes: Node[]): number[] {
  const cache = new Cache();
  for (const n of nodes) cache.addNode(n);
  const snap = new Snapshot();
  cache.updateSnapshot(snap);
  const pl = new ImageLocality({ nodeInfos: () => snap.nodeInfoList });
  const state = new CycleState();
  return snap.nodeInfoList.map((n) => pl.score(state, p, n));
}

describe('ImageLocality', () => {
  it('normalizes untagged names', () => {
    assert.equal(normalizedImageName('nginx'), 'nginx:latest');
    assert.equal(normalizedImageName('registry:5000/app'), 'registry:5000/app:latest');
    assert.equal(normalizedImageName('nginx:1.25'), 'nginx:1.25');
  });

  const cases: Array<{ name: string; pod: Pod; nodes: Node[]; want: number[] }> = [
    // 250MB on 1 of 2 nodes: 125MB -> 100*(125-23)/(2000-23) = 5 (two containers).
    { name: 'two images, one present and half spread', pod: pod('gcr.io/40:latest', 'gcr.io/250:latest'), nodes: [node('a', [[['gcr.io/40:latest'], 40], [['gcr.io/300:latest'], 300]]), node('b', [[['gcr.io/250:latest'], 250]])], want: [0, 5] },
    // 10MB on 1 of 2 nodes: 5MB, below the 23MB floor.
    { name: 'small images below the threshold do not count', pod: pod('gcr.io/10:latest'), nodes: [node('a', [[['gcr.io/10:latest'], 10]]), node('b', [])], want: [0, 0] },
    // 3000MB on both nodes: clamped at 1000MB (one container) -> 100.
    { name: 'huge image everywhere saturates', pod: pod('big'), nodes: [node('a', [[['big:latest'], 3000]]), node('b', [[['big:latest'], 3000]])], want: [100, 100] },
    // 500MB on the only node: 100*(500-23)/(1000-23) = 48.
    { name: 'untagged pod image matches :latest on the node', pod: pod('app'), nodes: [node('a', [[['app:latest', 'app@sha256:1'], 500]])], want: [48] },
  ];
  for (const tc of cases) it(tc.name, () => assert.deepEqual(scores(tc.pod, tc.nodes), tc.want));

  it('calculatePriority clamps', () => {
    assert.equal(calculatePriority(0, 1), 0);
    assert.equal(calculatePriority(10_000 * MB, 1), 100);
  });
});
