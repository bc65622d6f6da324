import type { Client } from '../../../client/client.js';
import type { Clock } from '../../../util/clock.js';
import { stateKey, type CycleState, type StateData } from '../../framework/cycle-state.js';
import {
  ActionType, type EnqueueExtensions, type EventResource, type FilterPlugin, type Handle, type Lister, type PreBindPlugin, type PreFilterPlugin, type PreFilterResult, type ReservePlugin,
  type SignFragments, type SignPlugin,
} from '../../framework/interface.js';
import { SIGNER, volumesSigner } from '../../framework/signers.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Code, Status } from '../../framework/status.js';
import type { Pod } from '../../framework/types.js';
import { claimKey, findPodVolumes, type BinderView, type PodVolumes } from './binder.js';
import { ANN_SELECTED_NODE, type PersistentVolume, type PersistentVolumeClaim, type StorageClass, type VolumePod } from './types.js';

export const NAME = 'VolumeBinding';
const STATE_KEY = stateKey<VolumeState>(NAME);
export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

/** LISTER_KEYS are the Handle.lister() names this plugin reads. */
export const LISTER_KEYS = { pvcs: 'persistentvolumeclaims', pvs: 'persistentvolumes', storageClasses: 'storageclasses' } as const;

/** VolumeBindingArgs is upstream's VolumeBindingArgs (bindTimeoutSeconds default 600). */
export interface VolumeBindingArgs {
  bindTimeoutSeconds?: number;
}

/** VolumeState is per-cycle: the pod's claims by kind and, per feasible node, the decisions. */
class VolumeState implements StateData {
  allBound = false;
  readonly byNode = new Map<string, PodVolumes>();
  constructor(
    readonly bound: PersistentVolumeClaim[],
    readonly delayed: PersistentVolumeClaim[],
  ) {}
  clone(): StateData {
    return this;
  }
}

/**
 * VolumeBinding places pods with PVCs: bound claims' PVs must admit the node through their
 * node affinity (read from the informer every cycle, so a changed affinity applies to the
 * next pod), unbound WaitForFirstConsumer claims need a matching PV or a provisioner for the
 * node. Reserve assumes the PV choices in memory; PreBind writes them and waits for binding.
 */
export class VolumeBinding implements PreFilterPlugin, FilterPlugin, ReservePlugin, PreBindPlugin, SignPlugin, EnqueueExtensions {
  readonly name = NAME;
  /** assumed: PV name -> claim key, for choices reserved but not yet seen in the informer. */
  private readonly assumed = new Map<string, string>();
  private readonly bindTimeoutMs: number;

  constructor(
    private readonly handle: Pick<Handle, 'lister'> & { client: Pick<Client, 'patch'>; clock: Clock },
    args: VolumeBindingArgs = {},
  ) {
    this.bindTimeoutMs = (args.bindTimeoutSeconds ?? 600) * 1000;
  }

  /** Feasibility depends on the claims named by the volume sources (not on volume names). */
  signPod(pod: Pod): SignFragments {
    return { [SIGNER.Volumes]: volumesSigner(pod) };
  }

  eventsToRegister() {
    // Storage resources are not in EventResource yet; the queue matches resources by name.
    const r = (s: string) => s as EventResource;
    return [
      { event: { resource: r('StorageClass'), actionType: ActionType.Add | ActionType.Update } },
      { event: { resource: r('PersistentVolumeClaim'), actionType: ActionType.Add | ActionType.Update } },
      { event: { resource: r('PersistentVolume'), actionType: ActionType.Add | ActionType.Update }, hint: (pod: Pod) => (hasClaims(pod) ? ('Queue' as const) : ('QueueSkip' as const)) },
      { event: { resource: 'Node' as const, actionType: ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint } },
    ];
  }

  private lister<T>(k: string): Lister<T> | undefined {
    return this.handle.lister<T>(k);
  }

  private view(): BinderView {
    const pvs = this.lister<PersistentVolume>(LISTER_KEYS.pvs);
    const classes = this.lister<StorageClass>(LISTER_KEYS.storageClasses);
    // Forget assumptions the informer has caught up with.
    for (const name of [...this.assumed.keys()]) if (pvs?.get(undefined, name)?.spec.claimRef) this.assumed.delete(name);
    return { pv: (n) => pvs?.get(undefined, n), pvs: () => pvs?.list() ?? [], storageClass: (n) => classes?.get(undefined, n), assumed: this.assumed };
  }

  preFilter(state: CycleState, pod: Pod): { result?: PreFilterResult; status?: Status } {
    const vols = (pod as VolumePod).spec.volumes ?? [];
    const pvcs = this.lister<PersistentVolumeClaim>(LISTER_KEYS.pvcs);
    const bound: PersistentVolumeClaim[] = [];
    const delayed: PersistentVolumeClaim[] = [];
    let immediate = false;
    let any = false;
    for (const v of vols) {
      const ephemeral = !v.persistentVolumeClaim && v.ephemeral !== undefined;
      if (!v.persistentVolumeClaim && !ephemeral) continue;
      any = true;
      const name = ephemeral ? `${pod.metadata.name}-${v.name}` : v.persistentVolumeClaim!.claimName;
      const c = pvcs?.get(pod.metadata.namespace, name);
      if (!c) return { status: Status.unresolvable(ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found`) };
      if (c.status?.phase === 'Lost') return { status: Status.unresolvable(`persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${c.spec.volumeName ?? ''}"`) };
      if (c.metadata.deletionTimestamp) return { status: Status.unresolvable(`persistentvolumeclaim "${name}" is being deleted`) };
      if (c.spec.volumeName) bound.push(c);
      else if (this.delayBinding(c)) delayed.push(c);
      else immediate = true;
    }
    if (!any) return { status: new Status(Code.Skip) };
    if (immediate) return { status: Status.unresolvable(ERR_REASON_UNBOUND_IMMEDIATE) };
    state.write(STATE_KEY, new VolumeState(bound, delayed));
    return {};
  }

  /** delayBinding: the claim's class exists with WaitForFirstConsumer (no class = Immediate). */
  private delayBinding(c: PersistentVolumeClaim): boolean {
    const name = c.spec.storageClassName ?? '';
    if (!name) return false;
    return this.lister<StorageClass>(LISTER_KEYS.storageClasses)?.get(undefined, name)?.volumeBindingMode === 'WaitForFirstConsumer';
  }

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    const s = state.read(STATE_KEY);
    if (!s) return Status.error(`reading "${STATE_KEY}" from cycleState: not found`);
    if (!nodeInfo.node) return Status.error('node not found');
    const { podVolumes, reasons } = findPodVolumes(s.bound, s.delayed, nodeInfo.node, this.view());
    if (reasons.length > 0) return Status.unresolvable(...reasons);
    // Like upstream, Filter records its per-node decision in the cycle's state object.
    s.byNode.set(nodeInfo.name, podVolumes!);
    return undefined;
  }

  reserve(state: CycleState, _pod: Pod, nodeName: string): Status | undefined {
    const s = state.read(STATE_KEY);
    if (!s) return undefined;
    const pv = s.byNode.get(nodeName);
    s.allBound = !pv || (pv.staticBindings.length === 0 && pv.dynamicProvisions.length === 0);
    for (const b of pv?.staticBindings ?? []) this.assumed.set(b.pv.metadata.name!, claimKey(b.pvc));
    return undefined;
  }

  unreserve(state: CycleState, _pod: Pod, nodeName: string): void {
    for (const b of state.read(STATE_KEY)?.byNode.get(nodeName)?.staticBindings ?? []) {
      if (this.assumed.get(b.pv.metadata.name!) === claimKey(b.pvc)) this.assumed.delete(b.pv.metadata.name!);
    }
  }

  /**
   * preBind pre-binds chosen PVs (spec.claimRef) and marks claims to provision with the
   * selected node, then waits for the PV controller to bind every claim.
   */
  async preBind(state: CycleState, pod: Pod, nodeName: string): Promise<Status | undefined> {
    const s = state.read(STATE_KEY);
    if (!s || s.allBound) return undefined;
    const pv = s.byNode.get(nodeName);
    if (!pv) return Status.error(`no pod volumes found for node "${nodeName}"`);
    try {
      for (const { pv: v, pvc } of pv.staticBindings) {
        const claimRef = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid };
        await this.handle.client.patch({ version: 'v1', resource: 'persistentvolumes' }, v.metadata.name!, 'merge', { spec: { claimRef } });
      }
      for (const c of pv.dynamicProvisions) {
        await this.handle.client.patch({ version: 'v1', resource: 'persistentvolumeclaims', namespace: c.metadata.namespace }, c.metadata.name!, 'merge', { metadata: { annotations: { [ANN_SELECTED_NODE]: nodeName } } });
      }
    } catch (err) {
      return Status.error(err);
    }
    return this.waitBound(pod, [...pv.staticBindings.map((b) => b.pvc), ...pv.dynamicProvisions]);
  }

  /** waitBound polls the PVC informer once a second until every claim has a volume. */
  private async waitBound(_pod: Pod, claims: PersistentVolumeClaim[]): Promise<Status | undefined> {
    const pvcs = this.lister<PersistentVolumeClaim>(LISTER_KEYS.pvcs);
    const deadline = this.handle.clock.now() + this.bindTimeoutMs;
    for (;;) {
      if (claims.every((c) => !!pvcs?.get(c.metadata.namespace, c.metadata.name!)?.spec.volumeName)) return undefined;
      if (this.handle.clock.now() >= deadline) return Status.error('binding volumes: context deadline exceeded');
      await this.handle.clock.sleep(1000);
    }
  }
}

function hasClaims(pod: Pod): boolean {
  return ((pod as VolumePod).spec.volumes ?? []).some((v) => v.persistentVolumeClaim || v.ephemeral !== undefined);
}

export const create = (args: unknown, h: Handle): VolumeBinding => new VolumeBinding(h, (args ?? {}) as VolumeBindingArgs);
