import type { SignFragments } from '../../framework/interface.js';
import { podRequests, type Resource } from '../../framework/resource.js';
import { SIGNER } from '../../framework/signers.js';
import type { Pod } from '../../framework/types.js';

/** requestsView is the pod as the resource plugins see it: pod-level resources only with the gate on. */
export function requestsView(pod: Pod, podLevelResources: boolean): Pod {
  return podLevelResources || !pod.spec.resources ? pod : { ...pod, spec: { ...pod.spec, resources: undefined } };
}

function plain(r: Resource): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of r.names()) out[name] = r.get(name);
  return out;
}

/**
 * resourcesFragment is what NodeResourcesFit and NodeResourcesBalancedAllocation sign: the
 * effective requests (sidecars, init peak, pod-level resources, overhead). Upstream signs the
 * requests only; the non-zero requests that LeastAllocated scores with are added because two
 * pods with equal requests can differ there (a container without requests counts 100m/200Mi).
 */
export function resourcesFragment(pod: Pod, podLevelResources: boolean): SignFragments {
  const p = requestsView(pod, podLevelResources);
  return { [SIGNER.Resources]: { requests: plain(podRequests(p)), nonZero: plain(podRequests(p, true)) } };
}
