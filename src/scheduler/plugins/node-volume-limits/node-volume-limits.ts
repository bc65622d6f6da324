import { randomBytes } from 'node:crypto';
import type { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type EnqueueExtensions, type FilterPlugin, type Handle, type Lister, type PreFilterPlugin, type PreFilterResult, type QueueingHint, type SignFragments, type SignPlugin } from '../../framework/interface.js';
import { SIGNER, volumesSigner } from '../../framework/signers.js';
import { ephemeralClaimName, type NodeInfo } from '../../framework/node-info.js';
import { Code, Status } from '../../framework/status.js';
import type { Pod, Volume } from '../../framework/types.js';
import { claimClass, notFound, type CSINode, type VolumeAttachment } from '../helper/storage.js';
import { Names } from '../names.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../volume-binding/types.js';
import { csiDriverOf, isCSIMigrationOn, pluginByName, pluginForSource } from './translation.js';

export const NAME = Names.NodeVolumeLimits;
export const ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED = 'node(s) exceed max volume count';

/** LISTER_KEYS are the Handle.lister() names this plugin reads. */
export const LISTER_KEYS = {
  csiNodes: 'csinodes',
  pvs: 'persistentvolumes',
  pvcs: 'persistentvolumeclaims',
  storageClasses: 'storageclasses',
  volumeAttachments: 'volumeattachments',
} as const;

/** ClaimNotFound marks a missing claim of the pod being scheduled: only its creation helps. */
class ClaimNotFound extends Error {}

/** Volumes maps a unique volume ("<driver>/<handle>") to the CSI driver that attaches it. */
type Volumes = Map<string, string>;

/** hasAttachable: the volume may count against a CSI driver's attach limit on some node. */
const hasAttachable = (v: Volume) => !!(v.persistentVolumeClaim || v.ephemeral || pluginForSource(v));

/** isControlledBy is metav1.IsControlledBy: the claim's controller owner is this pod (by UID). */
const isControlledBy = (pvc: PersistentVolumeClaim, pod: Pod) => (pvc.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === pod.metadata.uid);

/**
 * NodeVolumeLimits (upstream CSILimits) keeps the number of distinct volumes each CSI driver
 * attaches to a node within the driver's CSINode allocatable count. Volumes come from the
 * pods on the node (bound PVs, unbound claims by their class's provisioner, generic
 * ephemeral claims, migrated in-tree volumes) and from the node's VolumeAttachments, so a
 * volume still detaching keeps its slot.
 */
export class NodeVolumeLimits implements PreFilterPlugin, FilterPlugin, EnqueueExtensions, SignPlugin {
  readonly name = NAME;
  /**
   * Unbound claims get a made-up handle under this random prefix: distinct from real handles,
   * yet the same claim used by two pods is still counted once.
   */
  private readonly randomVolumeIDPrefix = randomBytes(16).toString('hex');

  constructor(private readonly handle: Pick<Handle, 'lister'>) {}

  /** signPod: the answer depends only on the pod's volume sources (upstream's fragment). */
  signPod(pod: Pod): SignFragments {
    return { [SIGNER.Volumes]: volumesSigner(pod) };
  }

  eventsToRegister() {
    return [
      // Any new CSINode may carry room for more volumes.
      { event: { resource: 'CSINode' as const, actionType: ActionType.Add } },
      { event: { resource: 'CSINode' as const, actionType: ActionType.Update }, hint: isSchedulableAfterCSINodeUpdated },
      { event: { resource: 'AssignedPod' as const, actionType: ActionType.Delete }, hint: isSchedulableAfterPodDeleted },
      { event: { resource: 'PersistentVolumeClaim' as const, actionType: ActionType.Add }, hint: isSchedulableAfterPVCAdded },
      { event: { resource: 'VolumeAttachment' as const, actionType: ActionType.Delete }, hint: (pod: Pod, old: unknown) => this.isSchedulableAfterVolumeAttachmentDeleted(pod, old) },
    ];
  }

  private lister<T>(key: string): Lister<T> | undefined {
    return this.handle.lister<T>(key);
  }

  preFilter(_state: CycleState, pod: Pod): { result?: PreFilterResult; status?: Status } {
    return (pod.spec.volumes ?? []).some(hasAttachable) ? {} : { status: new Status(Code.Skip) };
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    if ((pod.spec.volumes ?? []).length === 0) return undefined;
    const nodeName = nodeInfo.name;
    // Without a CSINode no driver reports a limit; in-tree volumes then count as not migrated.
    const csiNode = this.lister<CSINode>(LISTER_KEYS.csiNodes)?.get(undefined, nodeName);
    const newVolumes: Volumes = new Map();
    try {
      this.filterAttachableVolumes(pod, csiNode, true, newVolumes);
    } catch (err) {
      if (err instanceof ClaimNotFound) return Status.unresolvable(err.message);
      return Status.error(err);
    }
    if (newVolumes.size === 0) return undefined;
    const limits = volumeLimits(csiNode);
    if (limits.size === 0) return undefined;

    const attached: Volumes = new Map();
    try {
      for (const pi of nodeInfo.pods) this.filterAttachableVolumes(pi.pod, csiNode, false, attached);
    } catch (err) {
      return Status.error(err);
    }
    const attachedCount = new Map<string, number>();
    const inc = (m: Map<string, number>, d: string) => m.set(d, (m.get(d) ?? 0) + 1);
    for (const [unique, driver] of attached) {
      // A volume already on the node costs the pod nothing.
      newVolumes.delete(unique);
      inc(attachedCount, driver);
    }
    const newCount = new Map<string, number>();
    for (const driver of newVolumes.values()) inc(newCount, driver);
    for (const [unique, driver] of this.nodeVolumeAttachments(nodeName)) if (!attached.has(unique)) inc(attachedCount, driver);

    for (const [driver, n] of newCount) {
      const max = limits.get(driver);
      if (max !== undefined && (attachedCount.get(driver) ?? 0) + n > max) return Status.unschedulable(ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED);
    }
    return undefined;
  }

  /**
   * filterAttachableVolumes adds the pod's countable volumes to result. A missing claim
   * fails a new pod (it cannot start without it) but is skipped for pods already placed.
   */
  private filterAttachableVolumes(pod: Pod, csiNode: CSINode | undefined, newPod: boolean, result: Volumes): void {
    const ns = pod.metadata.namespace ?? '';
    const pvcs = this.lister<PersistentVolumeClaim>(LISTER_KEYS.pvcs);
    for (const v of pod.spec.volumes ?? []) {
      let claim: string;
      const ephemeral = !v.persistentVolumeClaim && !!v.ephemeral;
      if (v.persistentVolumeClaim) claim = v.persistentVolumeClaim.claimName;
      else if (v.ephemeral) claim = ephemeralClaimName(pod, v.name);
      else {
        this.addInlineVolume(v, csiNode, result);
        continue;
      }
      if (claim === '') throw new Error('PersistentVolumeClaim had no name');
      const pvc = pvcs?.get(ns, claim);
      if (!pvc) {
        if (newPod) throw new ClaimNotFound(`looking up PVC ${ns}/${claim}: ${notFound.pvc(claim)}`);
        continue;
      }
      if (ephemeral && (pvc.metadata.namespace !== ns || !isControlledBy(pvc, pod))) {
        throw new Error(`PVC ${pvc.metadata.namespace}/${pvc.metadata.name} was not created for pod ${ns}/${pod.metadata.name} (pod is not owner)`);
      }
      const [driver, handle] = this.csiDriverInfo(csiNode, pvc);
      if (driver && handle) result.set(`${driver}/${handle}`, driver);
    }
  }

  /** addInlineVolume counts an inline in-tree volume whose plugin migrated to CSI on the node. */
  private addInlineVolume(v: Volume, csiNode: CSINode | undefined, result: Volumes): void {
    const p = pluginForSource(v);
    if (!p || !isCSIMigrationOn(csiNode, p.name)) return;
    let handle: string;
    try {
      handle = p.inlineHandle(v);
    } catch (err) {
      throw new Error(`converting volume(${v.name}) from inline to csi: ${(err as Error).message}`);
    }
    result.set(`${p.driver}/${handle}`, p.driver);
  }

  /** csiDriverInfo is the claim's driver and handle: from its bound PV, else from its class. */
  private csiDriverInfo(csiNode: CSINode | undefined, pvc: PersistentVolumeClaim): [string, string] {
    const pvName = pvc.spec.volumeName ?? '';
    // A claim pre-bound to a PV that does not exist yet counts like an unbound one.
    const pv = pvName ? this.lister<PersistentVolume>(LISTER_KEYS.pvs)?.get(undefined, pvName) : undefined;
    if (!pv) return this.csiDriverInfoFromClass(csiNode, pvc);
    if (pv.spec.csi) return [pv.spec.csi.driver, pv.spec.csi.volumeHandle ?? ''];
    const p = pluginForSource(pv.spec);
    if (!p || !isCSIMigrationOn(csiNode, p.name)) return ['', ''];
    try {
      return [p.driver, p.pvHandle(pv)];
    } catch {
      return ['', ''];
    }
  }

  /** csiDriverInfoFromClass: an unbound claim will be provisioned by its class's (CSI) provisioner. */
  private csiDriverInfoFromClass(csiNode: CSINode | undefined, pvc: PersistentVolumeClaim): [string, string] {
    const scName = claimClass(pvc);
    // Without a class the claim binds immediately, so it is bound before it is ever scheduled.
    if (!scName) return ['', ''];
    const sc = this.lister<StorageClass>(LISTER_KEYS.storageClasses)?.get(undefined, scName);
    if (!sc) return ['', ''];
    const handle = `${this.randomVolumeIDPrefix}-${pvc.metadata.namespace ?? ''}/${pvc.metadata.name ?? ''}`;
    const p = pluginByName(sc.provisioner);
    if (p) return isCSIMigrationOn(csiNode, p.name) ? [p.driver, handle] : ['', ''];
    return [sc.provisioner, handle];
  }

  /** nodeVolumeAttachments: the CSI volumes attached to (or detaching from) the node per the API. */
  private nodeVolumeAttachments(nodeName: string): Volumes {
    const out: Volumes = new Map();
    const pvs = this.lister<PersistentVolume>(LISTER_KEYS.pvs);
    for (const va of this.lister<VolumeAttachment>(LISTER_KEYS.volumeAttachments)?.list() ?? []) {
      const attacher = va.spec?.attacher ?? '';
      const pvName = va.spec?.source?.persistentVolumeName;
      if (va.spec?.nodeName !== nodeName || !attacher || !pvName) continue;
      const pv = pvs?.get(undefined, pvName);
      if (!pv?.spec.csi) continue;
      out.set(`${attacher}/${pv.spec.csi.volumeHandle ?? ''}`, attacher);
    }
    return out;
  }

  /** A deleted attachment frees a slot for a pod whose claim is bound to its PV, or whose inline volume uses its driver. */
  isSchedulableAfterVolumeAttachmentDeleted(pod: Pod, oldObj: unknown): QueueingHint {
    const va = oldObj as VolumeAttachment;
    const pvName = va.spec?.source?.persistentVolumeName;
    const pvcs = this.lister<PersistentVolumeClaim>(LISTER_KEYS.pvcs);
    for (const v of pod.spec.volumes ?? []) {
      if (v.persistentVolumeClaim) {
        const pvc = pvcs?.get(pod.metadata.namespace, v.persistentVolumeClaim.claimName);
        if (pvName && pvc?.spec.volumeName === pvName) return 'Queue';
        continue;
      }
      const driver = csiDriverOf(v);
      if (driver && driver === va.spec?.attacher) return 'Queue';
    }
    return 'QueueSkip';
  }
}

/** volumeLimits reads each driver's attach limit from the CSINode (no count = no limit). */
function volumeLimits(csiNode: CSINode | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of csiNode?.spec?.drivers ?? []) {
    const count = d.allocatable?.count;
    if (count !== undefined && count !== null) out.set(d.name, count);
  }
  return out;
}

/** isSchedulableAfterCSINodeUpdated: some driver's allocatable count went up (unset counts as 0). */
export function isSchedulableAfterCSINodeUpdated(_pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  const countOf = (d: NonNullable<NonNullable<CSINode['spec']>['drivers']>[number]) => d.allocatable?.count ?? 0;
  const old = new Map(((oldObj as CSINode).spec?.drivers ?? []).map((d) => [d.name, countOf(d)]));
  for (const d of (newObj as CSINode).spec?.drivers ?? []) if (countOf(d) > (old.get(d.name) ?? 0)) return 'Queue';
  return 'QueueSkip';
}

/** isSchedulableAfterPodDeleted: a placed pod that had countable volumes is gone. */
export function isSchedulableAfterPodDeleted(_pod: Pod, oldObj: unknown): QueueingHint {
  const deleted = oldObj as Pod;
  if (!deleted.spec.nodeName) return 'QueueSkip';
  return (deleted.spec.volumes ?? []).some(hasAttachable) ? 'Queue' : 'QueueSkip';
}

/** isSchedulableAfterPVCAdded: the pod's claim (or generic ephemeral claim) was created. */
export function isSchedulableAfterPVCAdded(pod: Pod, _old: unknown, newObj: unknown): QueueingHint {
  const pvc = newObj as PersistentVolumeClaim;
  if (pvc.metadata.namespace !== pod.metadata.namespace) return 'QueueSkip';
  for (const v of pod.spec.volumes ?? []) {
    const claim = v.persistentVolumeClaim ? v.persistentVolumeClaim.claimName : v.ephemeral ? ephemeralClaimName(pod, v.name) : undefined;
    if (claim !== undefined && claim === pvc.metadata.name) return 'Queue';
  }
  return 'QueueSkip';
}

export const create = (_args: unknown, h: Handle): NodeVolumeLimits => new NodeVolumeLimits(h);
