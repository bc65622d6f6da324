/** storage.k8s.io objects and claim helpers shared by the volume plugins. */
import type { ObjectMeta } from '../../../api/meta.js';
import type { PersistentVolumeClaim } from '../volume-binding/types.js';

/** CSINode is the slice of storage.k8s.io/v1 CSINode the scheduler reads. */
export interface CSINode {
  metadata: ObjectMeta;
  spec?: { drivers?: Array<{ name: string; nodeID?: string; topologyKeys?: string[] | null; allocatable?: { count?: number | null } | null }> | null };
}

/** VolumeAttachment is the slice of storage.k8s.io/v1 VolumeAttachment the scheduler reads. */
export interface VolumeAttachment {
  metadata: ObjectMeta;
  spec?: { attacher?: string; nodeName?: string; source?: { persistentVolumeName?: string | null; inlineVolumeSpec?: { csi?: { driver?: string } | null } | null } };
}

export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** claimClass is storagehelpers.GetPersistentVolumeClaimClass: the beta annotation wins over the field. */
export function claimClass(c: PersistentVolumeClaim): string {
  const ann = c.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (ann !== undefined) return ann;
  return c.spec.storageClassName ?? '';
}

/** Informer listers' NotFound messages (client-go uses the singular resource name). */
export const notFound = {
  pvc: (name: string) => `persistentvolumeclaim "${name}" not found`,
  pv: (name: string) => `persistentvolume "${name}" not found`,
  storageClass: (name: string) => `storageclass.storage.k8s.io "${name}" not found`,
};
