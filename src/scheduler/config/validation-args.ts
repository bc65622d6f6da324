import { child, fe, index, type FieldError } from '../../machinery/field-errors.js';
import { isLabelKey } from '../../machinery/labels/validation.js';
import { validateNodeSelector } from '../../machinery/validation/node-selector.js';

/**
 * Validation of the typed plugin args, from upstream's validation_pluginargs.go, with its
 * messages. `path` is where the args sit (`profiles[0].pluginConfig[1].args`, or '' when a
 * plugin factory validates args handed to it directly).
 */
type Args = Record<string, any>;

const MAX_CUSTOM_PRIORITY_SCORE = 10;
const SCORING_TYPES = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];

export function validateDefaultPreemptionArgs(path: string, a: Args): FieldError[] {
  const errs: FieldError[] = [];
  const pct = a.minCandidateNodesPercentage ?? 0;
  const abs = a.minCandidateNodesAbsolute ?? 0;
  const pp = child(path, 'minCandidateNodesPercentage');
  const ap = child(path, 'minCandidateNodesAbsolute');
  if (pct < 0 || pct > 100) errs.push(fe.invalid(pp, pct, 'not in valid range [0, 100]'));
  if (abs < 0) errs.push(fe.invalid(ap, abs, 'not in valid range [0, inf)'));
  if (pct === 0 && abs === 0) {
    errs.push(fe.invalid(pp, pct, 'cannot be zero at the same time as minCandidateNodesAbsolute'), fe.invalid(ap, abs, 'cannot be zero at the same time as minCandidateNodesPercentage'));
  }
  return errs;
}

export function validateInterPodAffinityArgs(path: string, a: Args): FieldError[] {
  const w = a.hardPodAffinityWeight ?? 0;
  return w < 0 || w > 100 ? [fe.invalid(child(path, 'hardPodAffinityWeight'), w, 'not in valid range [0, 100]')] : [];
}

export function validatePodTopologySpreadArgs(path: string, a: Args): FieldError[] {
  const errs: FieldError[] = [];
  const constraints: Args[] = Array.isArray(a.defaultConstraints) ? a.defaultConstraints : [];
  const type = a.defaultingType ?? '';
  const tp = child(path, 'defaultingType');
  if (type !== 'System' && type !== 'List') errs.push(fe.notSupported(tp, type, ['System', 'List']));
  else if (type === 'System' && constraints.length > 0) errs.push(fe.invalid(tp, type, 'when .defaultConstraints are not empty'));
  const cp = child(path, 'defaultConstraints');
  constraints.forEach((c, i) => {
    const p = index(cp, i);
    if (!(c.maxSkew > 0)) errs.push(fe.invalid(child(p, 'maxSkew'), c.maxSkew ?? 0, 'not in valid range (0, inf)'));
    const key: string = c.topologyKey ?? '';
    if (!key) errs.push(fe.required(child(p, 'topologyKey'), 'can not be empty'));
    else for (const m of isLabelKey(key)) errs.push(fe.invalid(child(p, 'topologyKey'), key, m));
    const wu: string = c.whenUnsatisfiable ?? '';
    if (!wu) errs.push(fe.required(child(p, 'whenUnsatisfiable'), 'can not be empty'));
    else if (wu !== 'DoNotSchedule' && wu !== 'ScheduleAnyway') errs.push(fe.notSupported(child(p, 'whenUnsatisfiable'), wu, ['DoNotSchedule', 'ScheduleAnyway']));
    if (c.labelSelector) errs.push(fe.forbidden(child(p, 'labelSelector'), 'constraint must not define a selector, as they deduced for each pod'));
    const dup = constraints.slice(0, i).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
    if (dup) errs.push(fe.duplicate(index(cp, i), `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
  });
  return errs;
}

function validateShape(shape: unknown, path: string): FieldError[] {
  const points: Args[] = Array.isArray(shape) ? shape : [];
  if (points.length === 0) return [fe.required(path, 'at least one point must be specified')];
  const errs: FieldError[] = [];
  for (let i = 1; i < points.length; i++) {
    if ((points[i - 1]!.utilization ?? 0) >= (points[i]!.utilization ?? 0)) {
      errs.push(fe.invalid(child(index(path, i), 'utilization'), points[i]!.utilization ?? 0, 'values must be sorted in increasing order'));
      break;
    }
  }
  points.forEach((pt, i) => {
    const u = pt.utilization ?? 0;
    const s = pt.score ?? 0;
    if (u < 0 || u > 100) errs.push(fe.invalid(child(index(path, i), 'utilization'), u, 'not in valid range [0, 100]'));
    if (s < 0 || s > MAX_CUSTOM_PRIORITY_SCORE) errs.push(fe.invalid(child(index(path, i), 'score'), s, `not in valid range [0, ${MAX_CUSTOM_PRIORITY_SCORE}]`));
  });
  return errs;
}

export function validateNodeResourcesBalancedAllocationArgs(path: string, a: Args): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (Array.isArray(a.resources) ? (a.resources as Args[]) : []).forEach((r, i) => {
    const p = index(child(path, 'resources'), i);
    if (seen.has(r.name)) errs.push(fe.duplicate(child(p, 'name'), r.name));
    seen.add(r.name);
    if (r.weight !== 1) errs.push(fe.invalid(child(p, 'weight'), r.weight ?? 0, 'must be 1'));
  });
  return errs;
}

export function validateNodeResourcesFitArgs(path: string, a: Args): FieldError[] {
  const errs: FieldError[] = [];
  (Array.isArray(a.ignoredResources) ? (a.ignoredResources as string[]) : []).forEach((r, i) => {
    for (const m of isLabelKey(r)) errs.push(fe.invalid(index(child(path, 'ignoredResources'), i), r, m));
  });
  (Array.isArray(a.ignoredResourceGroups) ? (a.ignoredResourceGroups as string[]) : []).forEach((g, i) => {
    const p = index(child(path, 'ignoredResourceGroups'), i);
    if (g.includes('/')) errs.push(fe.invalid(p, g, "resource group name can't contain '/'"));
    for (const m of isLabelKey(g)) errs.push(fe.invalid(p, g, m));
  });
  const sp = child(path, 'scoringStrategy');
  const s = a.scoringStrategy as Args | undefined;
  if (!s) return [...errs, fe.required(sp, 'ScoringStrategy field is required')];
  if (!SCORING_TYPES.includes(s.type)) errs.push(fe.notSupported(child(sp, 'type'), s.type ?? '', SCORING_TYPES));
  (Array.isArray(s.resources) ? (s.resources as Args[]) : []).forEach((r, i) => {
    if (!(r.weight > 0 && r.weight <= 100)) errs.push(fe.invalid(child(index(child(sp, 'resources'), i), 'weight'), r.weight ?? 0, `resource weight of ${r.name} not in valid range (0, 100]`));
  });
  const rp = child(sp, 'requestedToCapacityRatio');
  if (s.type === 'RequestedToCapacityRatio') {
    if (!s.requestedToCapacityRatio) errs.push(fe.required(rp, 'must be specified when type is RequestedToCapacityRatio'));
    else errs.push(...validateShape(s.requestedToCapacityRatio.shape, child(rp, 'shape')));
  } else if (s.requestedToCapacityRatio) errs.push(fe.forbidden(rp, 'must be nil when type is not RequestedToCapacityRatio'));
  return errs;
}

export function validateNodeAffinityArgs(path: string, a: Args): FieldError[] {
  const aff = a.addedAffinity as Args | undefined;
  if (!aff) return [];
  const errs: FieldError[] = [];
  const ap = child(path, 'addedAffinity');
  if (aff.requiredDuringSchedulingIgnoredDuringExecution) errs.push(...validateNodeSelector(aff.requiredDuringSchedulingIgnoredDuringExecution, child(ap, 'requiredDuringSchedulingIgnoredDuringExecution')));
  const preferred: Args[] = Array.isArray(aff.preferredDuringSchedulingIgnoredDuringExecution) ? aff.preferredDuringSchedulingIgnoredDuringExecution : [];
  preferred.forEach((t, i) => {
    const p = index(child(ap, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
    // A preference is one term; validate it as a one-term selector and re-root the paths.
    const sel = validateNodeSelector({ nodeSelectorTerms: [t.preference ?? {}] }, '');
    for (const e of sel) errs.push({ ...e, field: e.field.replace(/^nodeSelectorTerms\[0\]/, child(p, 'preference')) });
  });
  return errs;
}

export function validateVolumeBindingArgs(path: string, a: Args): FieldError[] {
  const errs: FieldError[] = [];
  const t = a.bindTimeoutSeconds ?? 0;
  if (t < 0) errs.push(fe.invalid(child(path, 'bindTimeoutSeconds'), t, 'invalid BindTimeoutSeconds, should not be a negative value'));
  // StorageCapacityScoring is not a k8ts gate, so a shape is refused as with the gate off.
  if (a.shape !== undefined && a.shape !== null) errs.push(fe.invalid(child(path, 'shape'), a.shape, 'unexpected field `shape`, remove it or turn on the feature gate StorageCapacityScoring'));
  return errs;
}

/**
 * ARG_VALIDATORS is upstream's validatePluginConfig table. NodeResourcesFit is keyed
 * "NodeResourcesFitArgs" there, so config validation never matches it; its args are
 * checked when the plugin is built instead (NewFit), and so here.
 */
export const ARG_VALIDATORS: Record<string, (path: string, a: Args) => FieldError[]> = {
  DefaultPreemption: validateDefaultPreemptionArgs,
  InterPodAffinity: validateInterPodAffinityArgs,
  NodeAffinity: validateNodeAffinityArgs,
  NodeResourcesBalancedAllocation: validateNodeResourcesBalancedAllocationArgs,
  PodTopologySpread: validatePodTopologySpreadArgs,
  VolumeBinding: validateVolumeBindingArgs,
};
