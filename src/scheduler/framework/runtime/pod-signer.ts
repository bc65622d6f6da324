import { isSign, type Plugin, type SignFragments, type SignPlugin } from '../interface.js';
import { canonicalJSON, SIGNER } from '../signers.js';
import { isSuccess, Status } from '../status.js';
import type { Pod } from '../types.js';

/**
 * PodSigner builds pod signatures (KEP-5598) for one profile from its PreFilter, Filter,
 * PreScore and Score plugins, each taken once.
 */
export class PodSigner {
  readonly signers: SignPlugin[] = [];
  /**
   * unsignedPlugins are those plugins without signPod. Any of them disables signatures, and
   * so batching, for the whole profile: nothing says what such a plugin reads, so two pods
   * could never be proven alike.
   */
  readonly unsignedPlugins: string[] = [];

  constructor(plugins: Iterable<Plugin>) {
    const seen = new Set<string>();
    for (const p of plugins) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      if (isSign(p)) this.signers.push(p);
      else this.unsignedPlugins.push(p.name);
    }
  }

  /**
   * sign is the pod's signature: the canonical JSON of the scheduler name and every signer's
   * fragments (keys sorted). Pods with equal signatures get equal feasibility and scores on
   * the same nodes. Undefined when the profile cannot sign or a plugin refuses.
   */
  sign(pod: Pod): string | undefined {
    if (this.unsignedPlugins.length > 0) return undefined;
    const sig: Record<string, unknown> = { [SIGNER.SchedulerName]: pod.spec.schedulerName ?? 'default-scheduler' };
    // The plugin that refused last time goes first: refusals come from settings (the stock
    // profile's default spreading refuses every pod) or from pod shapes that repeat, and the
    // other signers' canonical JSON is wasted work once one refuses. Order does not change a
    // signature: fragments merge into one object whose keys are sorted.
    const first = this.lastRefuser;
    if (first && !this.addFragments(first, pod, sig)) return undefined;
    for (const p of this.signers) {
      if (p === first) continue;
      if (!this.addFragments(p, pod, sig)) {
        this.lastRefuser = p;
        return undefined;
      }
    }
    return canonicalJSON(sig);
  }

  private lastRefuser: SignPlugin | undefined;

  /** addFragments merges p's fragments for pod into sig; false when p refuses (or throws). */
  private addFragments(p: SignPlugin, pod: Pod, sig: Record<string, unknown>): boolean {
    let r: SignFragments | Status;
    try {
      r = p.signPod(pod);
    } catch {
      return false;
    }
    if (r instanceof Status) return isSuccess(r);
    // Plugins sharing a key (the resource signers) emit the same value.
    Object.assign(sig, r);
    return true;
  }
}
