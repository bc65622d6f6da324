import { CORE_V1 } from './catalogue-core.js';
import { GROUP_RESOURCES } from './catalogue-groups.js';
import type { ResourceInfo } from './types.js';

/**
 * BUILTIN_RESOURCES is every built-in resource this server knows, core group first, then named
 * groups in /apis priority order; within a group-version, resources are sorted by name as real
 * discovery lists them. Resources gated by `requires` are included: callers filter with
 * `servedResources` (see lookup.ts) before publishing discovery.
 */
export const BUILTIN_RESOURCES: readonly ResourceInfo[] = Object.freeze([...CORE_V1, ...GROUP_RESOURCES]);
