import { stateKey, type CycleState, type StateData } from '../../framework/cycle-state.js';
import { ActionType, type EnqueueExtensions, type FilterPlugin, type Handle, type PreFilterPlugin, type PreFilterResult, type QueueingHint, type SignFragments, type SignPlugin } from '../../framework/interface.js';
import { SIGNER, volumesSigner } from '../../framework/signers.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Code, Status } from '../../framework/status.js';
import type { Pod } from '../../framework/types.js';
import { claimClass, notFound } from '../helper/storage.js';
import { Names } from '../names.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../volume-binding/types.js';

export const NAME = Names.VolumeZone;
export const ERR_REASON_CONFLICT = 'node(s) had no available volume zone';
const PRE_FILTER_KEY = stateKey<ZoneState>('PreFilter' + NAME);
const LISTER_KEYS = { pvcs: 'persistentvolumeclaims', pvs: 'persistentvolumes', storageClasses: 'storageclasses' } as const;

const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
const TOPOLOGY_LABELS = [BETA_ZONE, BETA_REGION, ZONE, REGION];
/** A multi-zone PV lists its zones joined by this delimiter in one label value. */
const MULTI_ZONE_DELIMITER = '__';

const toGALabel = (key: string) => (key === BETA_REGION ? REGION : key === BETA_ZONE ? ZONE : key);

/** PVTopology is one topology label of a bound PV: the node must carry one of its values. */
export interface PVTopology {
  pvName: string;
  key: string;
  values: Set<string>;
}

class ZoneState implements StateData {
  constructor(readonly topologies: PVTopology[]) {}
  clone(): StateData {
    return this;
  }
}

/** labelZonesToSet splits "a__b" into its zones; an empty element makes the label unusable. */
function labelZonesToSet(value: string): Set<string> | undefined {
  const out = new Set<string>();
  for (const z of value.split(MULTI_ZONE_DELIMITER)) {
    const t = z.trim();
    if (t === '') return undefined;
    out.add(t);
  }
  return out;
}

/** pvTopologies reads the PV's zone/region labels (node affinity is VolumeBinding's business). */
export function pvTopologies(pv: PersistentVolume): PVTopology[] {
  const out: PVTopology[] = [];
  const labels = pv.metadata.labels ?? {};
  for (const key of TOPOLOGY_LABELS) {
    const value = labels[key];
    if (value === undefined) continue;
    const values = labelZonesToSet(value);
    if (values) out.push({ pvName: pv.metadata.name ?? '', key, values });
  }
  return out;
}

const claimNames = (pod: Pod) => (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));

/**
 * VolumeZone keeps pods off nodes outside the zones/regions their bound PVs are labelled
 * with. Nodes without any topology label fit (single-zone clusters); unbound
 * WaitForFirstConsumer claims are left to VolumeBinding.
 */
export class VolumeZone implements PreFilterPlugin, FilterPlugin, EnqueueExtensions, SignPlugin {
  readonly name = NAME;

  constructor(private readonly handle: Pick<Handle, 'lister'>) {}

  /** signPod: the answer depends only on the pod's volume sources (upstream's fragment). */
  signPod(pod: Pod): SignFragments {
    return { [SIGNER.Volumes]: volumesSigner(pod) };
  }

  eventsToRegister() {
    return [
      // volumeBindingMode is immutable, so only a new WaitForFirstConsumer class can help.
      { event: { resource: 'StorageClass' as const, actionType: ActionType.Add }, hint: isSchedulableAfterStorageClassAdded },
      { event: { resource: 'Node' as const, actionType: ActionType.Add | ActionType.UpdateNodeLabel } },
      // A new claim, or one that got its volumeName, may make the pod schedulable.
      { event: { resource: 'PersistentVolumeClaim' as const, actionType: ActionType.Add | ActionType.Update }, hint: isSchedulableAfterPVCChange },
      { event: { resource: 'PersistentVolume' as const, actionType: ActionType.Add | ActionType.Update }, hint: isSchedulableAfterPVChange },
    ];
  }

  preFilter(state: CycleState, pod: Pod): { result?: PreFilterResult; status?: Status } {
    const { topologies, status } = this.pvTopologiesOf(pod);
    if (status) return { status };
    if (topologies!.length === 0) return { status: new Status(Code.Skip) };
    state.write(PRE_FILTER_KEY, new ZoneState(topologies!));
    return {};
  }

  /** pvTopologiesOf collects the topology of every bound PV the pod's claims point at. */
  private pvTopologiesOf(pod: Pod): { topologies?: PVTopology[]; status?: Status } {
    const pvcs = this.handle.lister<PersistentVolumeClaim>(LISTER_KEYS.pvcs);
    const pvs = this.handle.lister<PersistentVolume>(LISTER_KEYS.pvs);
    const classes = this.handle.lister<StorageClass>(LISTER_KEYS.storageClasses);
    const topologies: PVTopology[] = [];
    for (const name of claimNames(pod)) {
      if (name === '') return { status: Status.unresolvable('PersistentVolumeClaim had no name') };
      const pvc = pvcs?.get(pod.metadata.namespace, name);
      if (!pvc) return { status: Status.unresolvable(notFound.pvc(name)) };
      const pvName = pvc.spec.volumeName ?? '';
      if (pvName === '') {
        const scName = claimClass(pvc);
        if (scName === '') return { status: Status.unresolvable('PersistentVolumeClaim had no pv name and storageClass name') };
        const cls = classes?.get(undefined, scName);
        if (!cls) return { status: Status.unresolvable(notFound.storageClass(scName)) };
        if (!cls.volumeBindingMode) return { status: Status.unresolvable(`VolumeBindingMode not set for StorageClass "${scName}"`) };
        if (cls.volumeBindingMode === 'WaitForFirstConsumer') continue;
        return { status: Status.unresolvable('PersistentVolume had no name') };
      }
      const pv = pvs?.get(undefined, pvName);
      if (!pv) return { status: Status.unresolvable(notFound.pv(pvName)) };
      topologies.push(...pvTopologies(pv));
    }
    return { topologies };
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | undefined {
    if ((pod.spec.volumes ?? []).length === 0) return undefined;
    let topologies = state.read(PRE_FILTER_KEY)?.topologies;
    if (!topologies) {
      // Like upstream, Filter recomputes when PreFilter did not run (e.g. called directly).
      const r = this.pvTopologiesOf(pod);
      if (r.status) return r.status;
      topologies = r.topologies!;
    }
    const labels = nodeInfo.node?.metadata.labels ?? {};
    // A node without topology labels is in a single-zone cluster: any volume zone fits.
    if (!TOPOLOGY_LABELS.some((k) => labels[k] !== undefined)) return undefined;
    for (const t of topologies) {
      // A PV's beta label also matches the node's GA label.
      const v = labels[t.key] ?? labels[toGALabel(t.key)];
      if (v === undefined || !t.values.has(v)) return Status.unresolvable(ERR_REASON_CONFLICT);
    }
    return undefined;
  }
}

export function isSchedulableAfterStorageClassAdded(_pod: Pod, _old: unknown, newObj: unknown): QueueingHint {
  return (newObj as StorageClass).volumeBindingMode === 'WaitForFirstConsumer' ? 'Queue' : 'QueueSkip';
}

export function isSchedulableAfterPVCChange(pod: Pod, _old: unknown, newObj: unknown): QueueingHint {
  const pvc = newObj as PersistentVolumeClaim;
  if (pvc.metadata.namespace !== pod.metadata.namespace) return 'QueueSkip';
  return claimNames(pod).includes(pvc.metadata.name ?? '') ? 'Queue' : 'QueueSkip';
}

const topologyKey = (ts: PVTopology[]) => JSON.stringify(ts.map((t) => [t.pvName, t.key, [...t.values].sort()]));

/** isSchedulableAfterPVChange: a new PV, or a PV whose zone/region labels changed. */
export function isSchedulableAfterPVChange(_pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  if (!oldObj) return 'Queue';
  return topologyKey(pvTopologies(oldObj as PersistentVolume)) !== topologyKey(pvTopologies(newObj as PersistentVolume)) ? 'Queue' : 'QueueSkip';
}

export const create = (_args: unknown, h: Handle): VolumeZone => new VolumeZone(h);
