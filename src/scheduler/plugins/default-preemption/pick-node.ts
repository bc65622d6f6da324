import { podPriority, podStartTime, type Victims } from './victims.js';

/** INT32_SPAN shifts priorities (int32) to be non-negative before summing, as upstream does. */
const INT32_SPAN = 2 ** 31;

/**
 * earliestStartTimeOfHighest is upstream's GetEarliestPodStartTime: the earliest start
 * among the victims that share the highest priority.
 */
export function earliestStartTimeOfHighest(v: Victims, now: number): number {
  let maxPrio = podPriority(v.pods[0]!);
  let earliest = podStartTime(v.pods[0]!, now);
  for (const p of v.pods) {
    const prio = podPriority(p);
    if (prio === maxPrio) earliest = Math.min(earliest, podStartTime(p, now));
    else if (prio > maxPrio) {
      maxPrio = prio;
      earliest = podStartTime(p, now);
    }
  }
  return earliest;
}

/**
 * pickOneNodeForPreemption is upstream's criteria, each applied only to break the ties of
 * the one before: fewest PDB violations, lowest highest-victim priority, smallest sum of
 * victim priorities, fewest victims, latest start among the highest-priority victims, then
 * the first node in candidate order. Victims are listed most important first.
 */
export function pickOneNodeForPreemption(nodesToVictims: ReadonlyMap<string, Victims>, now: number): string {
  let nodes = [...nodesToVictims.keys()];
  if (nodes.length === 0) return '';
  const v = (n: string) => nodesToVictims.get(n)!;
  const scores: Array<(n: string) => number> = [
    (n) => -v(n).numPDBViolations,
    (n) => -podPriority(v(n).pods[0]!),
    (n) => -v(n).pods.reduce((sum, p) => sum + podPriority(p) + INT32_SPAN, 0),
    (n) => -v(n).pods.length,
    (n) => earliestStartTimeOfHighest(v(n), now),
  ];
  for (const score of scores) {
    let best = -Infinity;
    let selected: string[] = [];
    for (const n of nodes) {
      const s = score(n);
      if (s > best) {
        best = s;
        selected = [n];
      } else if (s === best) selected.push(n);
    }
    if (selected.length === 1) return selected[0]!;
    nodes = selected;
  }
  return nodes[0]!;
}
