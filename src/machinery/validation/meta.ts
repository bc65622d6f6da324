/**
 * ObjectMeta validation as upstream's ValidateObjectMeta / ValidateObjectMetaUpdate
 * (apimachinery api/validation/objectmeta.go). Every kind runs these first, so their messages
 * are the ones kubectl users hit most often ("metadata.name: Invalid value: ...").
 */
import { child, fe, type FieldError } from '../field-errors.js';
import { byteLength, IMMUTABLE, isObj, list, str, validateImmutable, validateLabels, validateNonnegative } from './common.js';
import { isDNS1123Label, isQualifiedName, type NameValidator } from './names.js';

/** Upstream's TotalAnnotationSizeLimitB (256 KiB over all keys and values). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';

/** Kinds nobody may name as an owner (upstream's BannedOwners). */
const BANNED_OWNERS = new Set(['/v1, Kind=Event', 'events.k8s.io/v1, Kind=Event']);

/** validateAnnotations: keys are qualified names compared case-insensitively; total size capped. */
export function validateAnnotations(ann: unknown, path: string): FieldError[] {
  if (!isObj(ann)) return [];
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(ann)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fe.invalid(path, k, m));
    size += byteLength(k) + byteLength(str(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(fe.tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

/** validateFinalizers: each a qualified name; orphan and foregroundDeletion are exclusive. */
export function validateFinalizers(finalizers: unknown, path: string): FieldError[] {
  const fs = list(finalizers).map(str);
  const errs: FieldError[] = [];
  for (const f of fs) for (const m of isQualifiedName(f)) errs.push(fe.invalid(path, f, m));
  if (fs.includes(ORPHAN) && fs.includes(FOREGROUND)) {
    errs.push(fe.invalid(path, fs, `finalizer ${ORPHAN} and ${FOREGROUND} cannot be both set`));
  }
  return errs;
}

function gvkString(apiVersion: string, kind: string): { version: string; text: string } {
  const parts = apiVersion.split('/');
  let group = '';
  let version = '';
  if (parts.length === 1) version = parts[0]!;
  else if (parts.length === 2) [group, version] = parts as [string, string];
  return { version, text: `${group}/${version}, Kind=${kind}` };
}

/**
 * validateOwnerReferences: required fields and at most one controller. Quirk kept from
 * upstream: per-reference errors use the list path without an index.
 */
export function validateOwnerReferences(refs: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of list(refs)) {
    const r = isObj(ref) ? ref : {};
    const gvk = gvkString(str(r.apiVersion), str(r.kind));
    if (!gvk.version) errs.push(fe.invalid(child(path, 'apiVersion'), str(r.apiVersion), 'version must not be empty'));
    if (!str(r.kind)) errs.push(fe.invalid(child(path, 'kind'), str(r.kind), 'must not be empty'));
    if (!str(r.name)) errs.push(fe.invalid(child(path, 'name'), str(r.name), 'must not be empty'));
    if (!str(r.uid)) errs.push(fe.invalid(child(path, 'uid'), str(r.uid), 'must not be empty'));
    if (BANNED_OWNERS.has(gvk.text)) errs.push(fe.invalid(path, r, `${gvk.text} is disallowed from being an owner`));
    if (r.controller === true) {
      const name = `${str(r.kind)}/${str(r.name)}`;
      if (firstController) {
        errs.push(
          fe.invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`),
        );
      } else firstController = name;
    }
  }
  return errs;
}

/** Options for validateObjectMeta: how names are checked and whether a namespace is required. */
export interface MetaOptions {
  namespaced: boolean;
  nameFn: NameValidator;
}

/**
 * validateObjectMeta validates metadata on create. A missing name is accepted when
 * generateName is set, so the check holds whether or not the server has generated the name yet.
 */
export function validateObjectMeta(meta: unknown, opts: MetaOptions, path = 'metadata'): FieldError[] {
  const m = isObj(meta) ? meta : {};
  const errs: FieldError[] = [];
  const name = str(m.name);
  const generateName = str(m.generateName);
  if (generateName) {
    for (const msg of opts.nameFn(generateName, true)) errs.push(fe.invalid(child(path, 'generateName'), generateName, msg));
  }
  if (!name) {
    if (!generateName) errs.push(fe.required(child(path, 'name'), 'name or generateName is required'));
  } else {
    for (const msg of opts.nameFn(name, false)) errs.push(fe.invalid(child(path, 'name'), name, msg));
  }
  const ns = str(m.namespace);
  if (opts.namespaced) {
    if (!ns) errs.push(fe.required(child(path, 'namespace')));
    else for (const msg of isDNS1123Label(ns)) errs.push(fe.invalid(child(path, 'namespace'), ns, msg));
  } else if (ns) {
    errs.push(fe.forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegative(m.generation, child(path, 'generation')));
  errs.push(...validateLabels(m.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, child(path, 'finalizers')));
  return errs;
}

/**
 * validateObjectMetaUpdate: identity fields are immutable, generation may not go down, and no
 * finalizer may be added once deletion started. Like upstream's BeforeUpdate, an update that
 * omits uid or creationTimestamp is treated as keeping the stored value. The resourceVersion
 * precondition is the storage layer's job and is not checked here.
 */
export function validateObjectMetaUpdate(meta: unknown, oldMeta: unknown, path = 'metadata'): FieldError[] {
  const m = isObj(meta) ? meta : {};
  const o = isObj(oldMeta) ? oldMeta : {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const oldF = new Set(list(o.finalizers));
    const extra = [...new Set(list(m.finalizers).filter((f) => !oldF.has(f)))].sort();
    if (extra.length) {
      const shown = `[]string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`;
      errs.push(fe.forbidden(child(path, 'finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers ${shown}`));
    }
  }
  if (typeof m.generation === 'number' && typeof o.generation === 'number' && m.generation < o.generation) {
    errs.push(fe.invalid(child(path, 'generation'), m.generation, 'must not be decremented'));
  }
  errs.push(...validateImmutable(str(m.name), str(o.name), child(path, 'name')));
  errs.push(...validateImmutable(str(m.namespace), str(o.namespace), child(path, 'namespace')));
  if (m.uid) errs.push(...validateImmutable(m.uid, str(o.uid), child(path, 'uid')));
  if (m.creationTimestamp && o.creationTimestamp && m.creationTimestamp !== o.creationTimestamp) {
    errs.push(fe.invalid(child(path, 'creationTimestamp'), m.creationTimestamp, IMMUTABLE));
  }
  if (m.deletionTimestamp !== undefined || o.deletionTimestamp !== undefined) {
    errs.push(...validateImmutable(m.deletionTimestamp, o.deletionTimestamp, child(path, 'deletionTimestamp')));
  }
  errs.push(...validateImmutable(m.deletionGracePeriodSeconds, o.deletionGracePeriodSeconds, child(path, 'deletionGracePeriodSeconds')));
  errs.push(...validateLabels(m.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, child(path, 'finalizers')));
  return errs;
}
