import { stateKey, type CycleState, type StateData } from '../../framework/cycle-state.js';
import { ActionType, type EnqueueExtensions, type FilterPlugin, type Handle, type PreFilterPlugin, type PreFilterResult, type QueueingHint, type SignFragments, type SignPlugin } from '../../framework/interface.js';
import { SIGNER, volumesSigner } from '../../framework/signers.js';
import type { NodeInfo, PodInfo } from '../../framework/node-info.js';
import { Code, Status } from '../../framework/status.js';
import type { Pod, Volume } from '../../framework/types.js';
import { notFound } from '../helper/storage.js';
import { Names } from '../names.js';
import type { PersistentVolumeClaim } from '../volume-binding/types.js';

export const NAME = Names.VolumeRestrictions;
export const ERR_REASON_DISK_CONFLICT = 'node(s) had no available disk';
export const ERR_REASON_RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
const PRE_FILTER_KEY = stateKey<PreFilterState>('PreFilter' + NAME);
const PVCS = 'persistentvolumeclaims';

/** PreFilterState: the pod's ReadWriteOncePod claims and how many scheduled pods already use them. */
class PreFilterState implements StateData {
  constructor(
    readonly namespace: string | undefined,
    readonly readWriteOncePodPVCs: ReadonlySet<string>,
    public conflictingPVCRefCount: number,
  ) {}
  clone(): StateData {
    return new PreFilterState(this.namespace, this.readWriteOncePodPVCs, this.conflictingPVCRefCount);
  }
  /** updateWithPod counts (or uncounts) another pod's uses of this pod's ReadWriteOncePod claims. */
  updateWithPod(other: Pod, multiplier: 1 | -1): void {
    for (const v of other.spec.volumes ?? []) {
      if (v.persistentVolumeClaim && this.readWriteOncePodPVCs.has(v.persistentVolumeClaim.claimName)) this.conflictingPVCRefCount += multiplier;
    }
  }
}

/** needsRestrictionsCheck: only these in-tree sources can conflict with another pod's mount on a node. */
const needsRestrictionsCheck = (v: Volume) => !!(v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi);

const overlap = (a: readonly string[] = [], b: readonly string[] = []) => a.some((x) => b.includes(x));

/**
 * isVolumeConflict: GCE PD and iSCSI may be shared only if every mount is read-only, an EBS
 * volume never, and an RBD image (same pool and image, a common monitor) only read-only.
 */
function isVolumeConflict(v: Volume, existing: Pod): boolean {
  for (const ev of existing.spec.volumes ?? []) {
    if (v.gcePersistentDisk && ev.gcePersistentDisk) {
      if (v.gcePersistentDisk.pdName === ev.gcePersistentDisk.pdName && !(v.gcePersistentDisk.readOnly && ev.gcePersistentDisk.readOnly)) return true;
    }
    if (v.awsElasticBlockStore && ev.awsElasticBlockStore && v.awsElasticBlockStore.volumeID === ev.awsElasticBlockStore.volumeID) return true;
    if (v.iscsi && ev.iscsi && v.iscsi.iqn === ev.iscsi.iqn && !(v.iscsi.readOnly && ev.iscsi.readOnly)) return true;
    if (v.rbd && ev.rbd) {
      const a = v.rbd;
      const b = ev.rbd;
      if (overlap(a.monitors, b.monitors) && a.pool === b.pool && a.image === b.image && !(a.readOnly && b.readOnly)) return true;
    }
  }
  return false;
}

/** satisfyVolumeConflicts: none of the pod's conflict-prone volumes is mounted by these pods. */
function satisfyVolumeConflicts(pod: Pod, existing: readonly Pod[]): boolean {
  for (const v of pod.spec.volumes ?? []) {
    if (!needsRestrictionsCheck(v)) continue;
    for (const e of existing) if (isVolumeConflict(v, e)) return false;
  }
  return true;
}

/**
 * VolumeRestrictions rejects nodes where an in-tree disk the pod mounts is already mounted in
 * a conflicting way, and rejects every node while a ReadWriteOncePod claim of the pod is in
 * use by another scheduled pod (Unschedulable, so preemption could free it).
 */
export class VolumeRestrictions implements PreFilterPlugin, FilterPlugin, EnqueueExtensions, SignPlugin {
  readonly name = NAME;

  constructor(private readonly handle: Pick<Handle, 'lister' | 'isPVCUsedByPods'>) {}

  /** signPod: the answer depends only on the pod's volume sources (upstream's fragment). */
  signPod(pod: Pod): SignFragments {
    return { [SIGNER.Volumes]: volumesSigner(pod) };
  }

  eventsToRegister() {
    return [
      // Volumes in a pod spec are immutable, so only a deleted pod can release a disk or a claim.
      { event: { resource: 'AssignedPod' as const, actionType: ActionType.Delete }, hint: isSchedulableAfterPodDeleted },
      { event: { resource: 'Node' as const, actionType: ActionType.Add } },
      // The claim must exist to read its access modes.
      { event: { resource: 'PersistentVolumeClaim' as const, actionType: ActionType.Add }, hint: isSchedulableAfterPVCAdded },
    ];
  }

  preFilter(state: CycleState, pod: Pod): { result?: PreFilterResult; status?: Status } {
    const needsCheck = (pod.spec.volumes ?? []).some(needsRestrictionsCheck);
    const lister = this.handle.lister<PersistentVolumeClaim>(PVCS);
    const rwop = new Set<string>();
    for (const v of pod.spec.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const name = v.persistentVolumeClaim.claimName;
      const pvc = lister?.get(pod.metadata.namespace, name);
      if (!pvc) return { status: Status.unresolvable(notFound.pvc(name)) };
      if ((pvc.spec.accessModes ?? []).includes('ReadWriteOncePod')) rwop.add(pvc.metadata.name!);
    }
    let conflicts = 0;
    // At most one pod can hold a ReadWriteOncePod claim, so each used claim counts once.
    for (const name of rwop) if (this.handle.isPVCUsedByPods(`${pod.metadata.namespace ?? ''}/${name}`)) conflicts++;
    if (!needsCheck && conflicts === 0) return { status: new Status(Code.Skip) };
    state.write(PRE_FILTER_KEY, new PreFilterState(pod.metadata.namespace, rwop, conflicts));
    return {};
  }

  /** addPod: a nominated pod joining a node copy may hold one of the pod's ReadWriteOncePod claims. */
  addPod(state: CycleState, _pod: Pod, pi: PodInfo): Status | undefined {
    return this.update(state, pi.pod, 1);
  }

  /** removePod: a preemption victim that held a ReadWriteOncePod claim frees it. */
  removePod(state: CycleState, _pod: Pod, pi: PodInfo): Status | undefined {
    return this.update(state, pi.pod, -1);
  }

  private update(state: CycleState, other: Pod, multiplier: 1 | -1): Status | undefined {
    const s = state.read(PRE_FILTER_KEY);
    if (!s) return Status.error(`cannot read "${PRE_FILTER_KEY}" from cycleState`);
    // Only pods in the same namespace can use the same claim.
    if (other.metadata.namespace === s.namespace) s.updateWithPod(other, multiplier);
    return undefined;
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    if (!satisfyVolumeConflicts(pod, nodeInfo.pods.map((p) => p.pod))) return Status.unschedulable(ERR_REASON_DISK_CONFLICT);
    const s = state.read(PRE_FILTER_KEY);
    if (!s) return Status.error(`cannot read "${PRE_FILTER_KEY}" from cycleState`);
    if (s.conflictingPVCRefCount > 0) return Status.unschedulable(ERR_REASON_RWOP_CONFLICT);
    return undefined;
  }
}

const claimNames = (pod: Pod) => new Set((pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [])));

/** isSchedulableAfterPodDeleted: the deleted pod held a conflicting disk or one of the pod's claims. */
export function isSchedulableAfterPodDeleted(pod: Pod, oldObj: unknown): QueueingHint {
  const deleted = oldObj as Pod;
  if (deleted.metadata.namespace !== pod.metadata.namespace) return 'QueueSkip';
  if (!satisfyVolumeConflicts(pod, [deleted])) return 'Queue';
  // The claim's access mode is not fetched here: a shared claim may have been ReadWriteOncePod.
  const claims = claimNames(pod);
  for (const v of deleted.spec.volumes ?? []) if (v.persistentVolumeClaim && claims.has(v.persistentVolumeClaim.claimName)) return 'Queue';
  return 'QueueSkip';
}

/** isSchedulableAfterPVCAdded: a claim the pod names was created in its namespace. */
export function isSchedulableAfterPVCAdded(pod: Pod, _old: unknown, newObj: unknown): QueueingHint {
  const pvc = newObj as PersistentVolumeClaim;
  if (pvc.metadata.namespace !== pod.metadata.namespace) return 'QueueSkip';
  return claimNames(pod).has(pvc.metadata.name ?? '') ? 'Queue' : 'QueueSkip';
}

export const create = (_args: unknown, h: Handle): VolumeRestrictions => new VolumeRestrictions(h);
