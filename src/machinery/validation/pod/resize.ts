/**
 * The pods/resize subresource (in-place vertical scaling, GA in 1.35): only cpu and memory of
 * regular containers and sidecars may change, nothing may be removed, and the QoS class stays.
 */
import { fe, child, index, type FieldError } from '../../field-errors.js';
import { podOptions, type ValidationContext } from './options.js';
import { validatePodMetadataAndSpec } from './pod.js';
import { computePodQOS, getPodQOS } from './resources.js';
import { semanticEqual } from './equal.js';

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const hasPodLevelResources = (pod: any): boolean =>
  Object.keys(pod?.spec?.resources?.requests ?? {}).length + Object.keys(pod?.spec?.resources?.limits ?? {}).length > 0;

/** keepCpuMemory is upstream's dropCPUMemoryUpdates: the new list with cpu/memory reset to the old values. */
function keepCpuMemory(next: Record<string, unknown> | undefined, old: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (old == null) return undefined;
  const m: Record<string, unknown> = { ...(next ?? {}) };
  delete m.cpu;
  delete m.memory;
  if ('cpu' in old) m.cpu = old.cpu;
  if ('memory' in old) m.memory = old.memory;
  return m;
}

function withOldCpuMemory(ctr: any, old: any): any {
  const res = { limits: keepCpuMemory(ctr?.resources?.limits, old?.resources?.limits), requests: keepCpuMemory(ctr?.resources?.requests, old?.resources?.requests) };
  return { ...ctr, resources: res };
}

function removed(next: Record<string, unknown> | undefined, old: Record<string, unknown> | undefined): boolean {
  return Object.keys(old ?? {}).some((k) => !(k in (next ?? {})));
}

function containerResize(next: any, old: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (removed(next?.resources?.requests, old?.resources?.requests)) errs.push(fe.forbidden(child(path, 'requests'), 'resource requests cannot be removed'));
  if (removed(next?.resources?.limits, old?.resources?.limits)) errs.push(fe.forbidden(child(path, 'limits'), 'resource limits cannot be removed'));
  return errs;
}

function ordering(pod: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  for (const kind of ['containers', 'initContainers']) {
    const n = list(pod?.spec?.[kind]);
    const o = list(old?.spec?.[kind]);
    if (n.length !== o.length) errs.push(fe.forbidden(`spec.${kind}`, 'containers may not be added or removed on resize'));
    else
      o.forEach((c, i) => {
        if (n[i]?.name !== c?.name) errs.push(fe.forbidden(child(index(`spec.${kind}`, i), 'name'), 'containers may not be renamed or reordered on resize'));
      });
  }
  return errs;
}

/** isResizeSupported is the version-skew guard: the first running container must report resources. */
function isResizeSupported(old: any): boolean {
  const running = list(old?.status?.containerStatuses).find((s) => s?.state?.running != null);
  return running == null || running.resources != null;
}

/** validatePodResize validates a pods/resize write against the stored pod. */
export function validatePodResize(pod: any, old: any, ctx: ValidationContext): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod, podOptions(ctx, old?.spec, true));
  if ((hasPodLevelResources(old) || hasPodLevelResources(pod)) && !ctx.gates('InPlacePodLevelResourcesVerticalScaling'))
    return [fe.forbidden('', 'pods with pod-level resources cannot be resized')];
  if (old?.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined) return [fe.forbidden('', 'static pods cannot be resized')];
  if (old?.spec?.os?.name === 'windows') return [fe.forbidden('', 'windows pods cannot be resized')];
  if (getPodQOS(old) !== computePodQOS(pod))
    errs.push(fe.invalid('spec', pod?.status?.qosClass ?? '', 'Pod QOS Class may not change as a result of resizing'));
  if (!isResizeSupported(old)) errs.push(fe.forbidden('spec', 'Pod running on node without support for resize'));
  const orderErrs = ordering(pod, old);
  if (orderErrs.length) return [...errs, ...orderErrs];
  const oldInit = list(old?.spec?.initContainers);
  const oldCtrs = list(old?.spec?.containers);
  const newInit = list(pod?.spec?.initContainers);
  const newCtrs = list(pod?.spec?.containers);
  oldInit.forEach((c, i) => {
    if (c?.restartPolicy === 'Always') errs.push(...containerResize(newInit[i], c, `spec.initContainers[${i}].resources`));
  });
  oldCtrs.forEach((c, i) => errs.push(...containerResize(newCtrs[i], c, `spec.containers[${i}].resources`)));
  const munged = structuredClone(pod?.spec ?? {});
  munged.containers = newCtrs.map((c, i) => {
    const m = withOldCpuMemory(c, oldCtrs[i]);
    if (!semanticEqual(m, oldCtrs[i])) errs.push(fe.forbidden('spec', 'only cpu and memory resources are mutable'));
    return m;
  });
  munged.initContainers = newInit.map((c, i) => {
    if (c?.restartPolicy === 'Always') {
      const m = withOldCpuMemory(c, oldInit[i]);
      if (!semanticEqual(m, oldInit[i])) errs.push(fe.forbidden('spec', 'only cpu and memory resources for sidecar containers are mutable'));
      return m;
    }
    if (!semanticEqual(c, oldInit[i])) errs.push(fe.forbidden('spec', 'resources for non-sidecar init containers are immutable'));
    return c;
  });
  if (errs.length) return errs;
  if (!semanticEqual(munged, old?.spec ?? {})) errs.push(fe.forbidden('spec', 'only cpu and memory resources are mutable'));
  return errs;
}
