import type { Profile } from '../framework/runtime/framework.js';
import { HTTPExtender, type ExtenderConfig } from './http-extender.js';

/** buildExtenders makes the configured extenders, ignorable ones last (upstream's buildExtenders). */
export function buildExtenders(configs: readonly ExtenderConfig[]): HTTPExtender[] {
  const all = configs.map((c) => new HTTPExtender(c));
  return [...all.filter((e) => !e.ignorable), ...all.filter((e) => e.ignorable)];
}

/**
 * withIgnoredResources gives every profile's NodeResourcesFit the extended resources that
 * extenders manage with ignoredByScheduler: the extender decides on them, so Filter must
 * not. As upstream, they replace the args' own ignoredResources.
 */
export function withIgnoredResources(profiles: Profile[], configs: readonly ExtenderConfig[]): Profile[] {
  const ignored = configs.flatMap((c) => (c.managedResources ?? []).filter((r) => r.ignoredByScheduler).map((r) => r.name));
  if (ignored.length === 0) return profiles;
  return profiles.map((p) => {
    const fit = (p.pluginConfig?.NodeResourcesFit ?? {}) as Record<string, unknown>;
    return { ...p, pluginConfig: { ...p.pluginConfig, NodeResourcesFit: { ...fit, ignoredResources: ignored } } };
  });
}
