/**
 * Pod volume validation (ValidateVolumes). Returns the map of valid volumes so container mounts
 * can be checked against it; like upstream, a volume with any error is left out of that map.
 */
import { fe, child, index, type FieldError } from '../../field-errors.js';
import { invalidEach, isDNS1123Subdomain, validateDNSLabel, validateQualifiedName } from './names.js';
import { validateLocalDescendingPath, validatePullPolicy } from './container-fields.js';
import { parseQuantity } from '../../quantity.js';

// Upstream's order; it decides which source gets "may not specify more than 1 volume type".
// Two upstream path typos are kept on purpose: "downwarAPI" and "cephFS".
const SOURCES: Array<[string, string]> = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'], ['image', 'image'],
];
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const FILE_MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';
const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

const mode = (m: unknown, path: string): FieldError[] =>
  typeof m === 'number' && (m < 0 || m > 0o777) ? [fe.invalid(path, m, FILE_MODE_MSG)] : [];
const required = (v: unknown, path: string): FieldError[] => (v ? [] : [fe.required(path)]);

/** validateLocalNonReservedPath: relative, no '..' element, not starting with '..'. */
export function validateLocalNonReservedPath(p: string, path: string): FieldError[] {
  const errs = validateLocalDescendingPath(p, path);
  if (p.startsWith('..') && !p.startsWith('../')) errs.push(fe.invalid(path, p, "must not start with '..'"));
  return errs;
}

function keyToPaths(items: any[] | undefined, path: string): FieldError[] {
  return (items ?? []).flatMap((kp, i) => {
    const p = index(path, i);
    return [...required(kp?.key, child(p, 'key')), ...required(kp?.path, child(p, 'path')), ...validateLocalNonReservedPath(kp?.path ?? '', child(p, 'path')), ...mode(kp?.mode, child(p, 'mode'))];
  });
}

function downwardFile(f: any, path: string): FieldError[] {
  const errs = [...required(f?.path, child(path, 'path')), ...validateLocalNonReservedPath(f?.path ?? '', child(path, 'path'))];
  if (f?.fieldRef) {
    const ref = f.fieldRef;
    const rp = child(path, 'fieldRef');
    if (!ref.apiVersion) errs.push(fe.required(child(rp, 'apiVersion')));
    else if (!ref.fieldPath) errs.push(fe.required(child(rp, 'fieldPath')));
    else {
      const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(ref.fieldPath);
      if (sub) errs.push(...validateQualifiedName(sub[1] === 'metadata.annotations' ? sub[2]!.toLowerCase() : sub[2]!, rp));
      else if (!VOLUME_FIELD_PATHS.includes(ref.fieldPath)) errs.push(fe.notSupported(child(rp, 'fieldPath'), ref.fieldPath, VOLUME_FIELD_PATHS));
    }
    if (f.resourceFieldRef) errs.push(fe.invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (f?.resourceFieldRef) {
    if (!f.resourceFieldRef.containerName) errs.push(fe.required(child(child(path, 'resourceFieldRef'), 'containerName')));
  } else errs.push(fe.required(path, 'one of fieldRef and resourceFieldRef is required'));
  return [...errs, ...mode(f?.mode, child(path, 'mode'))];
}

function projected(src: any, path: string): FieldError[] {
  const errs = mode(src?.defaultMode, child(path, 'defaultMode'));
  const seen = new Set<string>();
  const claim = (p: string, bad: unknown) => {
    if (seen.has(p)) errs.push(fe.invalid(path, bad, 'conflicting duplicate paths'));
    seen.add(p);
  };
  (src?.sources ?? []).forEach((s: any, i: number) => {
    const sp = index(child(path, 'sources'), i);
    let n = 0;
    for (const k of ['secret', 'configMap']) {
      if (!s?.[k]) continue;
      n++;
      errs.push(...required(s[k].name, child(child(sp, k), 'name')), ...keyToPaths(s[k].items, child(child(sp, k), 'items')));
      for (const kp of s[k].items ?? []) if (kp?.path) claim(kp.path, s[k].name ?? '');
    }
    if (s?.downwardAPI) {
      n++;
      for (const f of s.downwardAPI.items ?? []) {
        errs.push(...downwardFile(f, child(sp, 'downwardAPI')));
        if (f?.path) claim(f.path, f.path);
      }
    }
    if (s?.serviceAccountToken) {
      n++;
      const t = s.serviceAccountToken;
      const ep = child(child(sp, 'serviceAccountToken'), 'expirationSeconds');
      const exp = t.expirationSeconds ?? 3600;
      if (exp < 600) errs.push(fe.invalid(ep, exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(fe.invalid(ep, exp, 'may not specify a duration larger than 2^32 seconds'));
      // Upstream quirk: both path errors use the volume's path, not the source's.
      if (!t.path) errs.push(fe.required(child(path, 'path')));
      else errs.push(...validateLocalNonReservedPath(t.path, child(path, 'path')));
    }
    if (s?.clusterTrustBundle || s?.podCertificate) n++;
    if (n > 1) errs.push(fe.forbidden(sp, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

function sourceErrors(kind: string, src: any, path: string, volName: string, podName: string | undefined): FieldError[] {
  switch (kind) {
    case 'emptyDir': {
      const q = src?.sizeLimit == null ? undefined : parseQuantity(src.sizeLimit);
      return src?.sizeLimit != null && (!q || q.nano < 0n) ? [fe.forbidden(child(path, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity')] : [];
    }
    case 'hostPath': {
      if (!src?.path) return [fe.required(child(path, 'path'))];
      const errs = String(src.path).split('/').includes('..') ? [fe.invalid(child(path, 'path'), src.path, "must not contain '..'")] : [];
      if (src.type != null && !HOST_PATH_TYPES.includes(src.type)) errs.push(fe.notSupported(child(path, 'type'), src.type, HOST_PATH_TYPES));
      return errs;
    }
    case 'secret':
      return [...required(src?.secretName, child(path, 'secretName')), ...mode(src?.defaultMode, child(path, 'defaultMode')), ...keyToPaths(src?.items, child(path, 'items'))];
    case 'configMap':
      return [...required(src?.name, child(path, 'name')), ...mode(src?.defaultMode, child(path, 'defaultMode')), ...keyToPaths(src?.items, child(path, 'items'))];
    case 'persistentVolumeClaim':
      return required(src?.claimName, child(path, 'claimName'));
    case 'nfs': {
      const errs = [...required(src?.server, child(path, 'server')), ...required(src?.path, child(path, 'path'))];
      if (!String(src?.path ?? '').startsWith('/')) errs.push(fe.invalid(child(path, 'path'), src?.path ?? '', 'must be an absolute path'));
      return errs;
    }
    case 'downwardAPI':
      return [...mode(src?.defaultMode, child(path, 'defaultMode')), ...(src?.items ?? []).flatMap((f: any) => downwardFile(f, path))];
    case 'projected':
      return projected(src, path);
    case 'csi': {
      const d: string = src?.driver ?? '';
      const dp = child(path, 'driver');
      const errs = d ? [] : [fe.required(dp)];
      if (d.length > 63) errs.push(fe.tooLong(dp, d, 63));
      return [...errs, ...invalidEach(dp, d, isDNS1123Subdomain(d.toLowerCase()))];
    }
    case 'ephemeral': {
      if (src?.volumeClaimTemplate == null) return [fe.required(child(path, 'volumeClaimTemplate'))];
      if (!podName || !volName) return [];
      const pvc = `${podName}-${volName}`;
      return isDNS1123Subdomain(pvc).map((m) => fe.invalid(child(path, 'name'), volName, `PVC name ${JSON.stringify(pvc)}: ${m}`));
    }
    case 'image':
      return [...(podName !== undefined && !src?.reference ? [fe.required(child(path, 'reference'))] : []), ...(src?.pullPolicy ? validatePullPolicy(src.pullPolicy, child(path, 'pullPolicy')) : [])];
  }
  return [];
}

/** VolumesResult carries the valid volumes by name and the errors found. */
export interface VolumesResult {
  volumes: Map<string, any>;
  errs: FieldError[];
}

/**
 * validateVolumes is ValidateVolumes. podName is set only for real pods (templates have none):
 * it enables the generic-ephemeral PVC name check and the image volume reference requirement.
 */
export function validateVolumes(vols: unknown, path: string, podName?: string): VolumesResult {
  const result: VolumesResult = { volumes: new Map(), errs: [] };
  (Array.isArray(vols) ? vols : []).forEach((vol: any, i: number) => {
    const p = index(path, i);
    const name: string = vol?.name ?? '';
    const el: FieldError[] = [];
    let n = 0;
    for (const [kind, errName] of SOURCES) {
      if (vol?.[kind] == null) continue;
      if (n > 0) el.push(fe.forbidden(child(p, errName), 'may not specify more than 1 volume type'));
      else {
        n++;
        el.push(...sourceErrors(kind, vol[kind], child(p, kind), name, podName));
      }
    }
    if (n === 0) el.push(fe.required(p, 'must specify a volume type'));
    if (!name) el.push(fe.required(child(p, 'name')));
    else el.push(...validateDNSLabel(name, child(p, 'name')));
    if (result.volumes.has(name)) el.push(fe.duplicate(child(p, 'name'), name));
    if (el.length === 0) result.volumes.set(name, vol);
    else result.errs.push(...el);
  });
  return result;
}
