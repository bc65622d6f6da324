import type { CycleState } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type Handle, type ScorePlugin, type SignFragments, type SignPlugin } from '../../framework/interface.js';
import { SIGNER } from '../../framework/signers.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { Node, Pod } from '../../framework/types.js';

export const NAME = 'ImageLocality';

const MB = 1024 * 1024;
/** Below minThreshold an image is too small to matter; above maxContainerThreshold per container the score saturates. */
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** ImageNode is the slice of node.status.images this plugin reads. */
export type ImageNode = Node & { status?: Node['status'] & { images?: Array<{ names?: string[] | null; sizeBytes?: number }> } };
type ImagePod = Pod & { spec: Pod['spec'] & { containers: Array<{ image?: string }>; initContainers?: Array<{ image?: string }> } };

/** normalizedImageName adds ":latest" when the name has no tag (digests are left alone). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/**
 * ImageLocality favours nodes that already hold the pod's images, weighted by image size
 * and scaled by how widely the image is spread (so a ubiquitous image does not pull every
 * pod onto the same node). Image names are matched as written in node.status.images; the
 * cache keeps, per image, the set of nodes holding it (NodeInfo.imageStates).
 */
export class ImageLocality implements ScorePlugin, SignPlugin {
  readonly name = NAME;

  constructor(private readonly handle: Pick<Handle, 'nodeInfos'>) {}

  /** The normalised image of every container, sorted; repeats stay, as each counts in score. */
  signPod(pod: Pod): SignFragments {
    const p = pod as ImagePod;
    const names = [...(p.spec.initContainers ?? []), ...p.spec.containers].map((c) => (c.image ? normalizedImageName(c.image) : ''));
    return { [SIGNER.ImageNames]: names.sort() };
  }

  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const p = pod as ImagePod;
    const numContainers = p.spec.containers.length + (p.spec.initContainers?.length ?? 0);
    const images = nodeInfo.imageStates;
    // Most nodes in a scheduling run report no images: nothing to sum, nothing to allocate.
    if (images.size === 0) return calculatePriority(0, numContainers);
    const totalNodes = this.handle.nodeInfos().length;
    let sum = 0;
    for (const c of [...(p.spec.initContainers ?? []), ...p.spec.containers]) {
      if (!c.image) continue;
      const st = images.get(normalizedImageName(c.image));
      if (st) sum += Math.trunc(st.size * (st.nodes.size / totalNodes));
    }
    return calculatePriority(sum, numContainers);
  }
}

/** calculatePriority clamps the summed image score into [min, max] and maps it onto 0..100. */
export function calculatePriority(sum: number, numContainers: number): number {
  const max = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
}

export const create = (_args: unknown, h: Handle): ImageLocality => new ImageLocality(h);
