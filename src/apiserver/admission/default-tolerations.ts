import { applyDefaultTolerationSeconds } from '../../machinery/defaults/pod.js';
import type { AdmissionPlugin } from '../registry/context.js';

/**
 * defaultTolerationSeconds is upstream's DefaultTolerationSeconds admission plugin: pods
 * tolerate not-ready and unreachable nodes for 300 s unless they say otherwise.
 */
export function defaultTolerationSeconds(): AdmissionPlugin {
  return {
    name: 'DefaultTolerationSeconds',
    admit(a) {
      if (a.operation !== 'CREATE' || a.subresource || a.info.group !== '' || a.info.kind !== 'Pod' || !a.object) return;
      applyDefaultTolerationSeconds(a.object);
    },
  };
}
