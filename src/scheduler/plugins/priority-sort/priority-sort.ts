import type { QueuedPodInfo, QueueSortPlugin } from '../../framework/interface.js';
import { Names } from '../names.js';

export const NAME = Names.PrioritySort;

/** PrioritySort orders the queue by priority (high first), then by queue timestamp. */
export class PrioritySort implements QueueSortPlugin {
  readonly name = NAME;

  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    const pa = a.pod.spec.priority ?? 0;
    const pb = b.pod.spec.priority ?? 0;
    return pa > pb || (pa === pb && a.timestamp < b.timestamp);
  }
}

export const create = (): PrioritySort => new PrioritySort();
