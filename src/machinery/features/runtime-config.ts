import { parseGoBool } from './parse-bool.js';

/** Keys of --runtime-config that address whole stages rather than one group/version. */
export const API_ALL = 'api/all';
export const API_GA = 'api/ga';
export const API_BETA = 'api/beta';
export const API_ALPHA = 'api/alpha';
const STAGE_KEYS = new Set([API_ALL, API_GA, API_BETA, API_ALPHA]);

/**
 * parseRuntimeConfig parses kube-apiserver's --runtime-config (`scheduling.k8s.io/v1alpha1=true,
 * api/all=false`) into key -> enabled. As upstream, a key without a value means true, later
 * keys win, and a bad boolean is an error naming the key. The stage keys (api/all, api/ga,
 * api/beta, api/alpha) take only a literal true/false. Keys are kept verbatim; resource-level
 * keys (`group/version/resource`) are passed through for the API server to honour.
 */
export function parseRuntimeConfig(s: string | undefined): Map<string, boolean> {
  const out = new Map<string, boolean>();
  if (!s) return out;
  for (const part of s.split(',')) {
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (STAGE_KEYS.has(key)) {
      // upstream matches these literally, without strconv.ParseBool leniency
      if (value !== 'true' && value !== 'false') throw new Error(`invalid value ${key}=${value}`);
      out.set(key, value === 'true');
      continue;
    }
    const tokens = key.split('/');
    if (tokens.length < 2 || tokens.length > 3 || tokens[1] === '') throw new Error(`runtime-config invalid key ${key}`);
    if (tokens.length === 3 && tokens[2]!.toLowerCase() !== tokens[2]) {
      throw new Error(`invalid key ${key}: group/version/resource and resource is always lowercase plural, not ${JSON.stringify(tokens[2])}`);
    }
    if (value === '') {
      out.set(key, true);
      continue;
    }
    try {
      out.set(key, parseGoBool(value));
    } catch (err) {
      throw new Error(`invalid value of ${key}: ${value}, err: ${(err as Error).message}`);
    }
  }
  return out;
}

/** versionStage classifies a Kubernetes API version string (`v1`, `v2beta1`, `v1alpha3`). */
export function versionStage(version: string): 'GA' | 'BETA' | 'ALPHA' {
  if (/^v\d+alpha\d+$/.test(version)) return 'ALPHA';
  if (/^v\d+beta\d+$/.test(version)) return 'BETA';
  return 'GA';
}

/**
 * isGroupVersionEnabled answers whether the API server should serve a group/version given
 * --runtime-config, with upstream's precedence: an explicit `group/version` key beats
 * api/alpha|beta|ga, which beats api/all, which beats the built-in default (GA on, new beta
 * and alpha off). The core group is addressed as `v1` here and as `api/v1` in the flag.
 */
export function isGroupVersionEnabled(config: ReadonlyMap<string, boolean>, groupVersion: string, defaultEnabled: boolean): boolean {
  const key = groupVersion === 'v1' ? 'api/v1' : groupVersion;
  const explicit = config.get(key);
  if (explicit !== undefined) return explicit;
  const version = groupVersion.split('/').pop()!;
  const stageKey = { GA: API_GA, BETA: API_BETA, ALPHA: API_ALPHA }[versionStage(version)];
  return config.get(stageKey) ?? config.get(API_ALL) ?? defaultEnabled;
}
