import { stateKey, type CycleState, type StateData } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type Handle, type PreScorePlugin, type ScorePlugin, type SignFragments, type SignPlugin } from '../../framework/interface.js';
import { SIGNER } from '../../framework/signers.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import type { Node, Pod } from '../../framework/types.js';

export const NAME = 'ImageLocality';
const PRE_SCORE_KEY = stateKey<ImageState>('PreScore' + NAME);

const MB = 1024 * 1024;
/** Below minThreshold an image is too small to matter; above maxContainerThreshold per container the score saturates. */
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** ImageNode is the slice of node.status.images this plugin reads. */
export type ImageNode = Node & { status?: Node['status'] & { images?: Array<{ names?: string[] | null; sizeBytes?: number }> } };
type ImagePod = Pod & { spec: Pod['spec'] & { containers: Array<{ image?: string }>; initContainers?: Array<{ image?: string }> } };

/** ImageState: per image name, its size and how many nodes of the snapshot have it. */
class ImageState implements StateData {
  constructor(
    readonly numNodes: Map<string, number>,
    readonly totalNodes: number,
  ) {}
  clone(): StateData {
    return this;
  }
}

/** normalizedImageName adds ":latest" when the name has no tag (digests are left alone). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/**
 * ImageLocality favours nodes that already hold the pod's images, weighted by image size
 * and scaled by how widely the image is spread (so a ubiquitous image does not pull every
 * pod onto the same node). Image names are matched as written in node.status.images.
 */
export class ImageLocality implements PreScorePlugin, ScorePlugin, SignPlugin {
  readonly name = NAME;

  constructor(private readonly handle: Pick<Handle, 'nodeInfos'>) {}

  /** The normalised image of every container, sorted; repeats stay, as each counts in score. */
  signPod(pod: Pod): SignFragments {
    const p = pod as ImagePod;
    const names = [...(p.spec.initContainers ?? []), ...p.spec.containers].map((c) => (c.image ? normalizedImageName(c.image) : ''));
    return { [SIGNER.ImageNames]: names.sort() };
  }

  /** preScore counts, once per cycle, how many nodes hold each image name. */
  preScore(state: CycleState): Status | undefined {
    const all = this.handle.nodeInfos();
    const numNodes = new Map<string, number>();
    for (const ni of all) {
      const seen = new Set<string>();
      for (const img of (ni.node as ImageNode | undefined)?.status?.images ?? []) for (const n of img.names ?? []) seen.add(n);
      for (const n of seen) numNodes.set(n, (numNodes.get(n) ?? 0) + 1);
    }
    state.write(PRE_SCORE_KEY, new ImageState(numNodes, all.length));
    return undefined;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number | Status {
    const s = state.read(PRE_SCORE_KEY);
    if (!s) return Status.error(`reading "${PRE_SCORE_KEY}" from cycleState: not found`);
    const sizes = new Map<string, number>();
    for (const img of (nodeInfo.node as ImageNode | undefined)?.status?.images ?? []) for (const n of img.names ?? []) if (!sizes.has(n)) sizes.set(n, img.sizeBytes ?? 0);
    const p = pod as ImagePod;
    const containers = [...(p.spec.initContainers ?? []), ...p.spec.containers];
    let sum = 0;
    for (const c of containers) {
      if (!c.image) continue;
      const name = normalizedImageName(c.image);
      const size = sizes.get(name);
      if (size === undefined) continue;
      sum += Math.trunc(size * ((s.numNodes.get(name) ?? 0) / s.totalNodes));
    }
    return calculatePriority(sum, containers.length);
  }
}

/** calculatePriority clamps the summed image score into [min, max] and maps it onto 0..100. */
export function calculatePriority(sum: number, numContainers: number): number {
  const max = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
}

export const create = (_args: unknown, h: Handle): ImageLocality => new ImageLocality(h);
