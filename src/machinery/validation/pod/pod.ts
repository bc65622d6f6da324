/**
 * Pod create and update validation (ValidatePodCreate / ValidatePodUpdate) minus ObjectMeta,
 * which the generic metadata validator owns. Pod-specific annotations are checked here.
 */
import { fe, child, index, key, type FieldError } from '../../field-errors.js';
import { inclusiveRangeError } from './names.js';
import { podOptions, type PodOptions, type ValidationContext } from './options.js';
import { validatePodSpecWith } from './spec.js';
import { validateOnlyAddedTolerations } from './tolerations.js';
import { computePodQOS, getPodQOS } from './resources.js';
import { semanticEqual, specDiff } from './equal.js';

const MIRROR = 'kubernetes.io/config.mirror';
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const MAX_INT32 = 2147483647;
const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** UPDATABLE_POD_SPEC_FIELDS is upstream's list quoted in the update error (1.33+: no resources). */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function podAnnotations(pod: any): FieldError[] {
  const ann: Record<string, string> = pod?.metadata?.annotations ?? {};
  const path = 'metadata.annotations';
  const errs: FieldError[] = [];
  if (MIRROR in ann && !pod?.spec?.nodeName) errs.push(fe.invalid(key(path, MIRROR), ann[MIRROR], 'must set spec.nodeName if mirror pod annotation is set'));
  if (DELETION_COST in ann) {
    const v = ann[DELETION_COST]!;
    const n = Number(v);
    if (!/^[+-]?[0-9]+$/.test(v) || n < -2147483648 || n > MAX_INT32) errs.push(fe.invalid(key(path, DELETION_COST), v, 'must be a 32bit integer'));
  }
  return errs;
}

/** validatePodMetadataAndSpec is the shared part of create, update and resize validation. */
export function validatePodMetadataAndSpec(pod: any, opts: PodOptions): FieldError[] {
  const spec = pod?.spec ?? {};
  const errs = [...podAnnotations(pod), ...validatePodSpecWith(spec, 'spec', opts, pod?.metadata?.name ?? '')];
  if (!spec.serviceAccountName)
    list(spec.volumes).forEach((v, vi) =>
      list(v?.projected?.sources).forEach((s, si) => {
        if (s?.serviceAccountToken)
          errs.push(fe.forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
      }),
    );
  for (const kind of ['containers', 'initContainers'])
    list(spec[kind]).forEach((c, i) => {
      if (typeof c?.image === 'string' && c.image.trim() !== c.image)
        errs.push(fe.invalid(child(index(`spec.${kind}`, i), 'image'), c.image, 'must not have leading or trailing whitespace'));
    });
  return errs;
}

/** validatePodCreate validates a new Pod (spec and pod-only rules, not ObjectMeta). */
export function validatePodCreate(pod: any, ctx: ValidationContext): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod, podOptions(ctx, undefined, true));
  const spec = pod?.spec ?? {};
  if (list(spec.ephemeralContainers).length > 0) errs.push(fe.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (spec.nodeName && list(spec.schedulingGates).length > 0)
    errs.push(fe.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  return errs;
}

function annotationUpdates(pod: any, old: any): FieldError[] {
  const next: Record<string, string> = pod?.metadata?.annotations ?? {};
  const prev: Record<string, string> = old?.metadata?.annotations ?? {};
  const path = 'metadata.annotations';
  const errs: FieldError[] = [];
  const apparmor = (k: string) => k.startsWith('container.apparmor.security.beta.kubernetes.io/');
  for (const [k, v] of Object.entries(prev)) {
    if (k in next && next[k] === v) continue;
    if (apparmor(k)) errs.push(fe.forbidden(key(path, k), 'may not remove or update AppArmor annotations'));
    if (k === MIRROR) errs.push(fe.forbidden(key(path, k), 'may not remove or update mirror pod annotation'));
  }
  for (const k of Object.keys(next)) {
    if (k in prev) continue;
    if (apparmor(k)) errs.push(fe.forbidden(key(path, k), 'may not add AppArmor annotations'));
    if (k === MIRROR) errs.push(fe.forbidden(key(path, k), 'may not add mirror pod annotation'));
  }
  return errs;
}

/** containerUpdates is ValidateContainerUpdates: same count, images present and trimmed. */
function containerUpdates(next: unknown, old: unknown, path: string): { errs: FieldError[]; stop: boolean } {
  const n = list(next);
  if (n.length !== list(old).length) return { errs: [fe.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    if (!c?.image) errs.push(fe.required(child(index(path, i), 'image')));
    if (typeof c?.image === 'string' && c.image.trim() !== c.image)
      errs.push(fe.invalid(child(index(path, i), 'image'), c.image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function activeDeadlineUpdate(next: any, old: any): FieldError[] {
  const path = 'spec.activeDeadlineSeconds';
  if (next == null) return old != null ? [fe.invalid(path, undefined, 'must not update from a positive integer to nil value')] : [];
  if (next < 0 || next > MAX_INT32) return [fe.invalid(path, next, inclusiveRangeError(0, MAX_INT32))];
  if (old != null && old < next) return [fe.invalid(path, next, 'must be less than or equal to previous value')];
  return [];
}

function onlyDeletedSchedulingGates(next: unknown, old: unknown): FieldError[] {
  const oldNames = new Set(list(old).map((g) => g?.name));
  return list(next).flatMap((g, i) =>
    oldNames.has(g?.name) ? [] : [fe.forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g?.name}'`)],
  );
}

/** mungeSpec copies the updatable fields of the old spec into the new one before comparing. */
function mungeSpec(next: any, old: any, errs: FieldError[]): any {
  const m = structuredClone(next ?? {});
  for (const kind of ['containers', 'initContainers']) list(m[kind]).forEach((c, i) => (c.image = old?.[kind]?.[i]?.image));
  m.activeDeadlineSeconds = old?.activeDeadlineSeconds;
  m.schedulingGates = old?.schedulingGates;
  m.tolerations = old?.tolerations;
  if (old?.terminationGracePeriodSeconds < 0 && m.terminationGracePeriodSeconds === 1) m.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  if (list(old?.schedulingGates).length > 0) {
    // Gated pods may gain nodeSelector entries (never change or drop them) and adjust node affinity.
    for (const [k, v] of Object.entries(old?.nodeSelector ?? {}))
      if (m.nodeSelector?.[k] !== v) errs.push(fe.invalid(key('spec.nodeSelector', k), m.nodeSelector?.[k] ?? '', 'field is immutable'));
    m.nodeSelector = old?.nodeSelector;
    if (m.affinity || old?.affinity) m.affinity = { ...(m.affinity ?? {}), nodeAffinity: old?.affinity?.nodeAffinity };
  }
  return m;
}

/** validatePodUpdate is ValidatePodUpdate without the ObjectMeta update rules. */
export function validatePodUpdate(pod: any, old: any, ctx: ValidationContext): FieldError[] {
  const opts = podOptions(ctx, old?.spec, true);
  const errs = [...validatePodMetadataAndSpec(pod, opts), ...annotationUpdates(pod, old)];
  const spec = pod?.spec ?? {};
  const oldSpec = old?.spec ?? {};
  for (const kind of ['containers', 'initContainers']) {
    const r = containerUpdates(spec[kind], oldSpec[kind], `spec.${kind}`);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = activeDeadlineUpdate(spec.activeDeadlineSeconds, oldSpec.activeDeadlineSeconds);
  errs.push(...ads);
  if (ads.length && spec.activeDeadlineSeconds != null) return errs;
  errs.push(...validateOnlyAddedTolerations(list(spec.tolerations), list(oldSpec.tolerations), 'spec.tolerations', { allowComparison: opts.allowTolerationComparison }));
  errs.push(...onlyDeletedSchedulingGates(spec.schedulingGates, oldSpec.schedulingGates));
  if (semanticEqual(spec, oldSpec)) return errs;
  if (getPodQOS(old) !== computePodQOS(pod)) errs.push(fe.invalid('metadata', pod?.status?.qosClass ?? '', 'Pod QoS is immutable'));
  const munged = mungeSpec(spec, oldSpec, errs);
  if (!semanticEqual(munged, oldSpec))
    errs.push(fe.forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff(oldSpec, munged)}`));
  return errs;
}
