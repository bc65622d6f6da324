import type { KubeObject } from '../../api/meta.js';
import { ageOf, nameOf } from './core.js';
import { arr, get, optBool, optStr, quantity, rec, str } from './fields.js';
import { accessModes } from './format.js';
import { ageCol, col, nameCol, type TablePrinter } from './types.js';

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** storageClassOf prefers the beta annotation (even when empty) over spec.storageClassName. */
function storageClassOf(obj: KubeObject): string {
  const ann = obj.metadata?.annotations ?? {};
  if (Object.prototype.hasOwnProperty.call(ann, BETA_CLASS_ANNOTATION)) return ann[BETA_CLASS_ANNOTATION] ?? '';
  return str(get(obj.spec, 'storageClassName'));
}

function phaseOrTerminating(obj: KubeObject): string {
  return obj.metadata?.deletionTimestamp ? 'Terminating' : str(get(obj.status, 'phase'));
}

function unsetOr(v: unknown): string {
  return optStr(v) ?? '<unset>';
}

/** persistentVolumePrinter renders `kubectl get pv`. */
export const persistentVolumePrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Capacity', 'string', 'capacity is the description of the persistent volume\'s resources and capacity.'),
    col('Access Modes', 'string', 'accessModes contains all ways the volume can be mounted.'),
    col('Reclaim Policy', 'string', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'),
    col('Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
    col('Claim', 'string', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col('Reason', 'string', 'reason is a brief CamelCase string that describes any failure.'),
    ageCol(),
    col('VolumeMode', 'string', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.', 1),
  ],
  cells(o, now) {
    const claim = get(o.spec, 'claimRef');
    return [
      nameOf(o),
      quantity(get(o.spec, 'capacity', 'storage')),
      accessModes(get(o.spec, 'accessModes')),
      str(get(o.spec, 'persistentVolumeReclaimPolicy')),
      phaseOrTerminating(o),
      claim === undefined || claim === null ? '' : `${str(get(claim, 'namespace'))}/${str(get(claim, 'name'))}`,
      storageClassOf(o),
      unsetOr(get(o.spec, 'volumeAttributesClassName')),
      str(get(o.status, 'reason')),
      ageOf(o, now),
      unsetOr(get(o.spec, 'volumeMode')),
    ];
  },
};

/** persistentVolumeClaimPrinter: capacity and access modes come from status once bound to a volume. */
export const persistentVolumeClaimPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
    col('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    col('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
    col('Access Modes', 'string', 'accessModes contains the actual access modes the volume backing the PVC has.'),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageCol(),
    col('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim.', 1),
  ],
  cells(o, now) {
    const volumeName = str(get(o.spec, 'volumeName'));
    return [
      nameOf(o),
      phaseOrTerminating(o),
      volumeName,
      volumeName ? quantity(get(o.status, 'capacity', 'storage')) : '',
      volumeName ? accessModes(get(o.status, 'accessModes')) : '',
      storageClassOf(o),
      unsetOr(get(o.spec, 'volumeAttributesClassName')),
      ageOf(o, now),
      unsetOr(get(o.spec, 'volumeMode')),
    ];
  },
};

/** isDefaultClass: either the GA or the beta is-default-class annotation set to "true". */
function isDefaultClass(obj: KubeObject, annotations: string[]): boolean {
  const ann = obj.metadata?.annotations ?? {};
  return annotations.some((a) => ann[a] === 'true');
}

/** storageClassPrinter: every annotated default class gets ' (default)' in 1.35. */
export const storageClassPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'),
    col('ReclaimPolicy', 'string', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.'),
    col('VolumeBindingMode', 'string', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.'),
    col('AllowVolumeExpansion', 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
    ageCol(),
  ],
  cells: (o, now) => [
    nameOf(o) + (isDefaultClass(o, ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class']) ? ' (default)' : ''),
    str(o.provisioner),
    optStr(o.reclaimPolicy) ?? 'Delete',
    optStr(o.volumeBindingMode) ?? 'Immediate',
    optBool(o.allowVolumeExpansion) ?? false,
    ageOf(o, now),
  ],
};

/** volumeAttributesClassPrinter: Name (with the alpha default annotation suffix), DriverName, Age. */
export const volumeAttributesClassPrinter: TablePrinter = {
  columns: [nameCol(), col('DriverName', 'string', 'Name of the CSI driver'), ageCol()],
  cells: (o, now) => [
    nameOf(o) + (isDefaultClass(o, ['volumeattributesclass.alpha.kubernetes.io/is-default-class']) ? ' (default)' : ''),
    str(o.driverName),
    ageOf(o, now),
  ],
};

/** csiDriverPrinter: nil booleans print their defaults (true, false, false, false). */
export const csiDriverPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('AttachRequired', 'boolean', 'attachRequired indicates this CSI volume driver requires an attach operation.'),
    col('PodInfoOnMount', 'boolean', 'podInfoOnMount indicates this CSI volume driver requires additional pod information during mount operations.'),
    col('StorageCapacity', 'boolean', 'storageCapacity indicates that the CSI volume driver wants pod scheduling to consider storage capacity.'),
    col('TokenRequests', 'string', 'tokenRequests indicates the CSI driver needs pods\' service account tokens it is mounting volume for.'),
    col('RequiresRepublish', 'boolean', 'requiresRepublish indicates the CSI driver wants NodePublishVolume being periodically called.'),
    col('Modes', 'string', 'volumeLifecycleModes defines what kind of volumes this CSI volume driver supports.'),
    ageCol(),
  ],
  cells(o, now) {
    const spec = rec(o.spec);
    const tokenRequests = Array.isArray(spec.tokenRequests) ? spec.tokenRequests.map((t) => str(rec(t).audience)).join(',') : '<unset>';
    const modes = arr(spec.volumeLifecycleModes).map(str).join(',');
    return [
      nameOf(o),
      optBool(spec.attachRequired) ?? true,
      optBool(spec.podInfoOnMount) ?? false,
      optBool(spec.storageCapacity) ?? false,
      tokenRequests,
      optBool(spec.requiresRepublish) ?? false,
      modes || '<none>',
      ageOf(o, now),
    ];
  },
};

/** csiNodePrinter: Drivers is the number of registered drivers. */
export const csiNodePrinter: TablePrinter = {
  columns: [nameCol(), col('Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'), ageCol()],
  cells: (o, now) => [nameOf(o), arr(get(o.spec, 'drivers')).length, ageOf(o, now)],
};

/** volumeAttachmentPrinter: note upstream declares Attacher with format 'name' too. */
export const volumeAttachmentPrinter: TablePrinter = {
  columns: [
    nameCol(),
    { ...col('Attacher', 'string', 'attacher indicates the name of the volume driver that MUST handle this request.'), format: 'name' },
    col('PV', 'string', 'persistentVolumeName represents the name of the persistent volume to attach.'),
    col('Node', 'string', 'nodeName represents the node that the volume should be attached to.'),
    col('Attached', 'boolean', 'attached indicates the volume is successfully attached.'),
    ageCol(),
  ],
  cells: (o, now) => [
    nameOf(o),
    str(get(o.spec, 'attacher')),
    str(get(o.spec, 'source', 'persistentVolumeName')),
    str(get(o.spec, 'nodeName')),
    get(o.status, 'attached') === true,
    ageOf(o, now),
  ],
};

/** csiStorageCapacityPrinter has no Age column upstream; a missing capacity prints '<unset>'. */
export const csiStorageCapacityPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('StorageClassName', 'string', 'storageClassName represents the name of the StorageClass that the reported capacity applies to.'),
    col('Capacity', 'string', 'capacity is the value reported by the CSI driver in its GetCapacityResponse.'),
  ],
  cells: (o) => [nameOf(o), str(o.storageClassName), o.capacity === undefined || o.capacity === null ? '<unset>' : quantity(o.capacity)],
};
