/**
 * storage.k8s.io validation: StorageClass (top-level fields, mostly immutable), CSIDriver
 * (token requests and the v1.35 serviceAccountTokenInSecrets field) and CSINode (drivers,
 * with allocatable.count mutable under MutableCSINodeAllocatableCount).
 */
import { deepEqual } from '../deep.js';
import { child, fe, index, type FieldError } from '../field-errors.js';
import { byteLength, isObj, list, str, validateImmutable, validateNonnegative, validateQualifiedName } from './common.js';
import type { ValidationContext } from './context.js';
import { isDNS1123Subdomain, isQualifiedName } from './names.js';

const MAX_PARAMS = 512;
const MAX_PARAMS_SIZE = 256 * 1024;
const SC_RECLAIM = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

/** validateStorageClass: provisioner required (qualified name), parameters bounded, enums. */
export function validateStorageClass(sc: any): FieldError[] {
  const errs: FieldError[] = [];
  const prov = str(sc?.provisioner);
  if (!prov) errs.push(fe.required('provisioner'));
  else for (const m of isQualifiedName(prov.toLowerCase())) errs.push(fe.invalid('provisioner', prov, m));
  const params = isObj(sc?.parameters) ? sc.parameters : {};
  const keys = Object.keys(params);
  if (keys.length > MAX_PARAMS) errs.push(fe.tooMany('parameters', keys.length, MAX_PARAMS));
  let size = 0;
  for (const k of keys) {
    if (k.length === 0) errs.push(fe.invalid('parameters', k, 'field can not be empty.'));
    size += byteLength(k) + byteLength(str(params[k]));
  }
  if (size > MAX_PARAMS_SIZE) errs.push(fe.tooLong('parameters', '', MAX_PARAMS_SIZE));
  const rp = sc?.reclaimPolicy;
  if (rp != null && !SC_RECLAIM.includes(rp)) errs.push(fe.notSupported('reclaimPolicy', rp, SC_RECLAIM));
  const bm = sc?.volumeBindingMode;
  if (bm == null) errs.push(fe.required('volumeBindingMode'));
  else if (!BINDING_MODES.includes(bm)) errs.push(fe.notSupported('volumeBindingMode', bm, BINDING_MODES));
  return errs;
}

/** validateStorageClassUpdate: parameters, provisioner, reclaimPolicy and binding mode are fixed. */
export function validateStorageClassUpdate(sc: any, old: any): FieldError[] {
  const errs = validateStorageClass(sc);
  if (!deepEqual(sc?.parameters ?? null, old?.parameters ?? null)) errs.push(fe.forbidden('parameters', 'updates to parameters are forbidden.'));
  if (str(sc?.provisioner) !== str(old?.provisioner)) errs.push(fe.forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if ((sc?.reclaimPolicy ?? null) !== (old?.reclaimPolicy ?? null)) errs.push(fe.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  errs.push(...validateImmutable(sc?.volumeBindingMode, old?.volumeBindingMode, 'volumeBindingMode'));
  return errs;
}

const FS_GROUP_POLICIES = ['File', 'None', 'ReadWriteOnceWithFSType'];
const LIFECYCLE_MODES = ['Ephemeral', 'Persistent'];
const MIN_TOKEN_SECONDS = 600;
const MAX_TOKEN_SECONDS = 2 ** 32;

/** validateCSIDriverName: the driver name rules, reported at path "name" as upstream does. */
export function validateCSIDriverName(name: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!name) errs.push(fe.required(path));
  if (name.length > 63) errs.push(fe.tooLong(path, name, 63));
  for (const m of isDNS1123Subdomain(name.toLowerCase())) errs.push(fe.invalid(path, name, m));
  return errs;
}

function validateTokenRequests(reqs: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  list(reqs).forEach((t: any, i: number) => {
    const p = index(path, i);
    const aud = str(t?.audience);
    if (seen.has(aud)) errs.push(fe.duplicate(child(p, 'audience'), aud));
    seen.add(aud);
    const exp = t?.expirationSeconds;
    if (typeof exp === 'number') {
      if (exp < MIN_TOKEN_SECONDS) errs.push(fe.invalid(child(p, 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > MAX_TOKEN_SECONDS) errs.push(fe.invalid(child(p, 'expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
    }
  });
  return errs;
}

/** validateCSIDriver: name, enums, token requests and serviceAccountTokenInSecrets consistency. */
export function validateCSIDriver(d: any): FieldError[] {
  const spec = isObj(d?.spec) ? d.spec : {};
  const errs = validateCSIDriverName(str(d?.metadata?.name), 'name');
  const fg = spec.fsGroupPolicy;
  if (fg != null && !FS_GROUP_POLICIES.includes(fg)) errs.push(fe.notSupported('spec.fsGroupPolicy', fg, FS_GROUP_POLICIES));
  for (const m of list(spec.volumeLifecycleModes)) {
    if (!LIFECYCLE_MODES.includes(m)) errs.push(fe.notSupported('spec.volumeLifecycleModes', m, LIFECYCLE_MODES));
  }
  errs.push(...validateTokenRequests(spec.tokenRequests, 'spec.tokenRequests'));
  if (spec.serviceAccountTokenInSecrets != null && list(spec.tokenRequests).length === 0) {
    errs.push(
      fe.invalid('spec.serviceAccountTokenInSecrets', spec.serviceAccountTokenInSecrets, 'serviceAccountTokenInSecrets is set but no tokenRequests are specified'),
    );
  }
  return errs;
}

/** validateCSIDriverUpdate: attachRequired and volumeLifecycleModes are immutable. */
export function validateCSIDriverUpdate(d: any, old: any): FieldError[] {
  const errs = validateCSIDriver(d);
  errs.push(...validateImmutable(d?.spec?.attachRequired, old?.spec?.attachRequired, 'spec.attachRequired'));
  errs.push(...validateImmutable(d?.spec?.volumeLifecycleModes, old?.spec?.volumeLifecycleModes, 'spec.volumeLifecycleModes'));
  return errs;
}

const CSI_NODE_ID_MAX = 192;
/** Objects created before the limit was lowered may keep node IDs up to this length. */
const CSI_NODE_ID_LONGER_MAX = 256;

function validateCSINodeDriver(d: any, seen: Set<string>, path: string, maxNodeID: number): FieldError[] {
  const name = str(d?.name);
  const errs = validateCSIDriverName(name, child(path, 'name'));
  const nodeID = str(d?.nodeID);
  if (nodeID.length === 0) errs.push(fe.required(child(path, 'nodeID')));
  if (nodeID.length > maxNodeID) errs.push(fe.invalid(child(path, 'nodeID'), nodeID, `must be ${maxNodeID} characters or less`));
  errs.push(...validateNonnegative(d?.allocatable?.count, child(path, 'allocatable.count')));
  if (seen.has(name)) errs.push(fe.duplicate(child(path, 'name'), name));
  seen.add(name);
  const keys = new Set<string>();
  for (const k of list(d?.topologyKeys).map(str)) {
    if (k.length === 0) errs.push(fe.required(path));
    if (keys.has(k)) errs.push(fe.duplicate(path, k));
    keys.add(k);
    errs.push(...validateQualifiedName(k, path));
  }
  return errs;
}

/** validateCSINode: driver names, node IDs, non-negative attach limits, unique drivers and topology keys. */
export function validateCSINode(n: any, maxNodeID = CSI_NODE_ID_MAX): FieldError[] {
  const seen = new Set<string>();
  return list(n?.spec?.drivers).flatMap((d: any, i: number) => validateCSINodeDriver(d, seen, index('spec.drivers', i), maxNodeID));
}

/** validateCSINodeUpdate: an existing driver entry is immutable, except its allocatable count when the gate is on. */
export function validateCSINodeUpdate(n: any, old: any, ctx: ValidationContext): FieldError[] {
  const oldDrivers = list(old?.spec?.drivers);
  const longIDs = oldDrivers.some((d: any) => str(d?.nodeID).length > CSI_NODE_ID_MAX);
  const errs = validateCSINode(n, longIDs ? CSI_NODE_ID_LONGER_MAX : CSI_NODE_ID_MAX);
  const mutableCount = ctx.gates('MutableCSINodeAllocatableCount');
  const comparable = (d: any) => (mutableCount && isObj(d) ? { ...d, allocatable: undefined } : d);
  for (const od of oldDrivers) {
    for (const nd of list(n?.spec?.drivers)) {
      if (str(od?.name) !== str(nd?.name)) continue;
      if (!deepEqual(stripUndefined(comparable(nd)), stripUndefined(comparable(od)))) errs.push(fe.invalid('spec.drivers', nd, 'field is immutable'));
    }
  }
  return errs;
}

const stripUndefined = (o: unknown): unknown => (isObj(o) ? Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) : o);
