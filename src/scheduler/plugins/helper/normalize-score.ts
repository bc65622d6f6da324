import { MAX_NODE_SCORE, type NodeScore } from '../../framework/interface.js';

/**
 * defaultNormalizeScore scales scores so the highest becomes maxPriority; with reverse the
 * scale is flipped (lowest raw score wins). All-zero scores become maxPriority when reversed.
 */
export function defaultNormalizeScore(scores: NodeScore[], reverse: boolean, maxPriority = MAX_NODE_SCORE): undefined {
  let max = 0;
  for (const s of scores) if (s.score > max) max = s.score;
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return undefined;
  }
  for (const s of scores) {
    const v = Math.trunc((maxPriority * s.score) / max);
    s.score = reverse ? maxPriority - v : v;
  }
  return undefined;
}
