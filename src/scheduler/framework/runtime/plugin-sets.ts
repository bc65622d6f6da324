import {
  isBind, isFilter, isPermit, isPostBind, isPostFilter, isPreBind, isPreEnqueue, isPreFilter, isPreScore, isQueueSort, isReserve, isScore, type Plugin,
} from '../interface.js';

/** PluginRef enables a plugin in a profile; weight applies to Score (0 or unset = 1). */
export interface PluginRef {
  name: string;
  weight?: number;
}

/** PluginSet is one extension point of KubeSchedulerProfile.plugins: enabled in order, disabled by name or '*'. */
export interface PluginSet {
  enabled?: PluginRef[];
  disabled?: Array<{ name: string }>;
}

export type ExtensionPoint = 'preEnqueue' | 'queueSort' | 'preFilter' | 'filter' | 'postFilter' | 'preScore' | 'score' | 'reserve' | 'permit' | 'preBind' | 'bind' | 'postBind';

/**
 * POINTS lists the extension points in upstream's getExtensionPoints order, which decides
 * which interface name an error about an unknown MultiPoint plugin carries.
 */
export const POINTS: ReadonlyArray<{ point: ExtensionPoint; type: string; is: (p: Plugin) => boolean }> = [
  { point: 'preFilter', type: 'PreFilterPlugin', is: isPreFilter },
  { point: 'filter', type: 'FilterPlugin', is: isFilter },
  { point: 'postFilter', type: 'PostFilterPlugin', is: isPostFilter },
  { point: 'reserve', type: 'ReservePlugin', is: isReserve },
  { point: 'preScore', type: 'PreScorePlugin', is: isPreScore },
  { point: 'score', type: 'ScorePlugin', is: isScore },
  { point: 'preBind', type: 'PreBindPlugin', is: isPreBind },
  { point: 'bind', type: 'BindPlugin', is: isBind },
  { point: 'postBind', type: 'PostBindPlugin', is: isPostBind },
  { point: 'permit', type: 'PermitPlugin', is: isPermit },
  { point: 'preEnqueue', type: 'PreEnqueuePlugin', is: isPreEnqueue },
  { point: 'queueSort', type: 'QueueSortPlugin', is: isQueueSort },
];

/** neededPlugins is every plugin name a profile enables anywhere, in first-seen order. */
export function neededPlugins(multiPoint: readonly PluginRef[], points: Partial<Record<ExtensionPoint, PluginSet>> = {}): string[] {
  const names = new Set<string>();
  for (const { point } of POINTS) for (const p of points[point]?.enabled ?? []) names.add(p.name);
  for (const p of multiPoint) names.add(p.name);
  return [...names];
}

/**
 * expandPlugins places instantiated plugins on the extension points as upstream's
 * NewFramework does: each point's own `enabled` list first decides membership (and must
 * name plugins that implement it); then MultiPoint plugins are added wherever they
 * implement the point unless disabled there (`'*'` skips the expansion for that point).
 * Order per point: plugins enabled both ways (in the point's order), then MultiPoint-only
 * plugins, then the point's other plugins. Throws upstream's messages on bad config.
 */
export function expandPlugins(
  multiPoint: readonly PluginRef[],
  points: Partial<Record<ExtensionPoint, PluginSet>>,
  instances: ReadonlyMap<string, Plugin>,
): Record<ExtensionPoint, Plugin[]> {
  const out = {} as Record<ExtensionPoint, Plugin[]>;
  for (const { point, type, is } of POINTS) {
    const own: string[] = [];
    for (const ref of points[point]?.enabled ?? []) {
      const p = instances.get(ref.name);
      if (!p) throw new Error(`${type} "${ref.name}" does not exist`);
      if (!is(p)) throw new Error(`plugin "${ref.name}" does not extend ${type} plugin`);
      if (own.includes(ref.name)) throw new Error(`plugin "${ref.name}" already registered as "${type}"`);
      own.push(ref.name);
    }
    out[point] = own.map((n) => instances.get(n)!);
  }
  if (multiPoint.length === 0) return out;
  for (const { point, type, is } of POINTS) {
    const set = points[point];
    const disabled = new Set((set?.disabled ?? []).map((d) => d.name));
    if (disabled.has('*')) continue;
    const own = (set?.enabled ?? []).map((r) => r.name);
    const overrides = new Set<string>();
    const fromMultiPoint: string[] = [];
    for (const ref of multiPoint) {
      const p = instances.get(ref.name);
      if (!p) throw new Error(`${type} "${ref.name}" does not exist`);
      if (!is(p) || disabled.has(ref.name)) continue;
      // Enabled at the point itself too: the explicit setting wins and keeps its place.
      if (own.includes(ref.name)) {
        overrides.add(ref.name);
        continue;
      }
      if (fromMultiPoint.includes(ref.name)) throw new Error(`plugin "${ref.name}" already registered as "${type}"`);
      fromMultiPoint.push(ref.name);
    }
    const order = [...own.filter((n) => overrides.has(n)), ...fromMultiPoint, ...own.filter((n) => !overrides.has(n))];
    out[point] = order.map((n) => instances.get(n)!);
  }
  return out;
}

/**
 * scoreWeights reads weights from the score point's own list first, then MultiPoint; an
 * unset or zero weight is 1, as upstream's getScoreWeights does.
 */
export function scoreWeights(multiPoint: readonly PluginRef[], score: PluginSet | undefined, instances: ReadonlyMap<string, Plugin>): Map<string, number> {
  const weights = new Map<string, number>();
  for (const ref of [...(score?.enabled ?? []), ...multiPoint]) {
    const p = instances.get(ref.name);
    if (!p || !isScore(p) || weights.has(ref.name)) continue;
    if (ref.weight !== undefined && ref.weight < 0) throw new Error(`plugin "${ref.name}" has a negative weight`);
    weights.set(ref.name, ref.weight || 1);
  }
  return weights;
}
