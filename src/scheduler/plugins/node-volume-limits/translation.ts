/**
 * In-tree to CSI translation, the part of csi-translation-lib NodeVolumeLimits needs: which
 * in-tree sources migrate to which CSI driver, whether migration is on for a node, and the
 * CSI volume handle a migrated volume gets (so it is counted once with its CSI twin).
 */
import type { VolumeSource } from '../../framework/types.js';
import type { CSINode } from '../helper/storage.js';
import type { PersistentVolume } from '../volume-binding/types.js';

export const MIGRATED_PLUGINS_ANNOTATION = 'storage.alpha.kubernetes.io/migrated-plugins';
const UNSPECIFIED = 'UNSPECIFIED';

/** InTreePlugin describes one migratable in-tree volume plugin. */
export interface InTreePlugin {
  /** name is the in-tree plugin (and provisioner) name, e.g. kubernetes.io/aws-ebs. */
  name: string;
  /** driver is the CSI driver the plugin migrated to. */
  driver: string;
  has(src: VolumeSource): boolean;
  /** inlineHandle/pvHandle give the translated volume handle, throwing when the ID is malformed. */
  inlineHandle(src: VolumeSource): string;
  pvHandle(pv: PersistentVolume): string;
}

const EBS_ID = /^vol-[^/]*$/;

/** ebsVolumeID turns "aws://<zone>/vol-x" (or a bare "vol-x"/name) into the EBS volume ID. */
function ebsVolumeID(id: string): string {
  if (!id.startsWith('aws://')) return id;
  let path: string;
  try {
    path = new URL(id).pathname;
  } catch (err) {
    throw new Error(`Invalid disk name (${id}): ${(err as Error).message}`);
  }
  const awsID = path.replace(/^\/+|\/+$/g, '');
  if (!EBS_ID.test(awsID)) throw new Error(`Invalid format for AWS volume (${id})`);
  return awsID;
}

function ebsHandle(id: string): string {
  try {
    return ebsVolumeID(id);
  } catch (err) {
    throw new Error(`failed to translate Kubernetes ID to EBS Volume ID ${(err as Error).message}`);
  }
}

/** gceRegion: zones look like "<locale>-<region>-<zone>" and must all share one region. */
function gceRegion(zones: string[]): string {
  const regions = new Set<string>();
  for (const z of zones) {
    const parts = z.split('-');
    if (parts.length !== 3) throw new Error(`zone in unexpected format, expected: {locale}-{region}-{zone}, got: ${z}`);
    regions.add(parts.slice(0, 2).join('-'));
  }
  if (regions.size !== 1) throw new Error(`multiple or no regions gotten from zones, got: ${[...regions].join(',')}`);
  return [...regions][0]!;
}

/** gcePVHandle is zonal from the PV's zone label, regional for a multi-zone label, else unspecified. */
function gcePVHandle(pv: PersistentVolume): string {
  const pd = pv.spec.gcePersistentDisk!.pdName;
  const labels = pv.metadata.labels ?? {};
  const zonesLabel = labels['failure-domain.beta.kubernetes.io/zone'] || labels['topology.kubernetes.io/zone'] || '';
  const zones = zonesLabel.split('__');
  if (zones.length === 1 && zones[0] !== '') return `projects/${UNSPECIFIED}/zones/${zones[0]}/disks/${pd}`;
  if (zones.length > 1) return `projects/${UNSPECIFIED}/regions/${gceRegion(zones)}/disks/${pd}`;
  return `projects/${UNSPECIFIED}/zones/${UNSPECIFIED}/disks/${pd}`;
}

const plugin = (name: string, driver: string, key: keyof VolumeSource, handle: (src: VolumeSource) => string, pvHandle?: (pv: PersistentVolume) => string): InTreePlugin => ({
  name,
  driver,
  has: (src) => src[key] != null,
  inlineHandle: handle,
  pvHandle: pvHandle ?? ((pv) => handle(pv.spec)),
});

/** IN_TREE_PLUGINS are csi-translation-lib's translators (all of them support inline volumes). */
export const IN_TREE_PLUGINS: readonly InTreePlugin[] = [
  plugin('kubernetes.io/gce-pd', 'pd.csi.storage.gke.io', 'gcePersistentDisk', (s) => `projects/${UNSPECIFIED}/zones/${UNSPECIFIED}/disks/${s.gcePersistentDisk!.pdName}`, gcePVHandle),
  plugin('kubernetes.io/aws-ebs', 'ebs.csi.aws.com', 'awsElasticBlockStore', (s) => ebsHandle(s.awsElasticBlockStore!.volumeID)),
  plugin('kubernetes.io/cinder', 'cinder.csi.openstack.org', 'cinder', (s) => s.cinder!.volumeID),
  plugin('kubernetes.io/azure-disk', 'disk.csi.azure.com', 'azureDisk', (s) => s.azureDisk!.diskURI),
  plugin('kubernetes.io/azure-file', 'file.csi.azure.com', 'azureFile', (s) => s.azureFile!.shareName ?? ''),
  plugin('kubernetes.io/vsphere-volume', 'csi.vsphere.vmware.com', 'vsphereVolume', (s) => s.vsphereVolume!.volumePath),
  plugin('kubernetes.io/portworx-volume', 'pxd.portworx.com', 'portworxVolume', (s) => s.portworxVolume!.volumeID),
];

/** pluginForSource is the migratable in-tree plugin of a pod volume or PV spec, if any. */
export const pluginForSource = (src: VolumeSource): InTreePlugin | undefined => IN_TREE_PLUGINS.find((p) => p.has(src));

/** pluginByName is the migratable in-tree plugin with this name (a StorageClass provisioner). */
export const pluginByName = (name: string): InTreePlugin | undefined => IN_TREE_PLUGINS.find((p) => p.name === name);

/** csiDriverOf is the CSI driver an in-tree source would be attached by (hints only). */
export const csiDriverOf = (src: VolumeSource): string | undefined => pluginForSource(src)?.driver;

/**
 * isCSIMigrationOn: with a CSINode, EBS, GCE PD, Azure Disk and Cinder are always migrated
 * (their gates are GA and gone); Portworx counts only when the node lists it as migrated;
 * Azure File and vSphere are never counted here, as upstream.
 */
export function isCSIMigrationOn(csiNode: CSINode | undefined, pluginName: string): boolean {
  if (!csiNode || !pluginName) return false;
  switch (pluginName) {
    case 'kubernetes.io/aws-ebs':
    case 'kubernetes.io/gce-pd':
    case 'kubernetes.io/azure-disk':
    case 'kubernetes.io/cinder':
      return true;
    case 'kubernetes.io/portworx-volume':
      break;
    default:
      return false;
  }
  const ann = csiNode.metadata.annotations?.[MIGRATED_PLUGINS_ANNOTATION] ?? '';
  return ann.split(',').includes(pluginName);
}
