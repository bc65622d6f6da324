import type { FeatureSet, Handle } from './framework/interface.js';
import { Framework, type FrameworkOptions, type Profile } from './framework/runtime/framework.js';
import type { Registry } from './framework/runtime/registry.js';

/**
 * newProfileMap builds one Framework per profile, keyed by schedulerName, with upstream's
 * checks and messages (profile.NewMap): names must be set and unique, and every profile
 * must use the same QueueSort plugin with the same args because one queue serves them all.
 */
export function newProfileMap(profiles: readonly Profile[], registry: Registry, handle: Handle, features: FeatureSet, opts: FrameworkOptions = {}): Map<string, Framework> {
  const map = new Map<string, Framework>();
  let first: { sort: string; args: string } | undefined;
  try {
    for (const p of profiles) {
      let fwk: Framework;
      try {
        fwk = new Framework(p, registry, handle, features, opts);
      } catch (err) {
        throw new Error(`creating profile for scheduler name ${p.schedulerName}: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (!p.schedulerName) throw new Error('scheduler name is needed');
      if (map.has(p.schedulerName)) throw new Error(`duplicate profile with scheduler name ${JSON.stringify(p.schedulerName)}`);
      const sort = fwk.queueSort.name;
      const args = JSON.stringify(p.pluginConfig?.[sort] ?? null);
      if (!first) first = { sort, args };
      else if (first.sort !== sort) throw new Error(`different queue sort plugins for profile ${JSON.stringify(p.schedulerName)}: ${JSON.stringify(sort)}, first: ${JSON.stringify(first.sort)}`);
      else if (first.args !== args) throw new Error(`different queue sort plugin args for profile ${JSON.stringify(p.schedulerName)}`);
      map.set(p.schedulerName, fwk);
    }
  } catch (err) {
    throw new Error(`initializing profiles: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (map.size === 0) throw new Error('initializing profiles: at least one profile is required');
  return map;
}
