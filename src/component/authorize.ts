import { newStatusError } from '../machinery/errors.js';
import type { ComponentUser, HttpReply } from './types.js';

/** PUBLIC_PATHS are readable by everyone via the bootstrap role system:public-info-viewer. */
const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version', '/version/']);

/** MONITORING_PATHS are granted to group system:monitoring by the bootstrap role of that name. */
const MONITORING_PATHS = new Set(['/metrics', '/metrics/slis', '/healthz', '/livez', '/readyz', '/statusz', '/flagz']);
const MONITORING_PREFIXES = ['/healthz/', '/livez/', '/readyz/'];

/**
 * bootstrapAuthorize reproduces the v1.35 bootstrap RBAC for the component endpoints:
 * health roots are public, check sub-paths, /metrics and the z-pages need the
 * system:monitoring group (the z-page rules exist only while their gate is on, and when it is
 * off the path is not served at all), and system:masters may do anything.
 */
export function bootstrapAuthorize(user: ComponentUser, verb: string, path: string): boolean {
  if (user.groups.includes('system:masters')) return true;
  if (verb !== 'get') return false;
  if (PUBLIC_PATHS.has(path)) return true;
  if (!user.groups.includes('system:monitoring')) return false;
  return MONITORING_PATHS.has(path) || MONITORING_PREFIXES.some((p) => path.startsWith(p));
}

/** forbidden is the apiserver's 403 Status for a non-resource URL. */
export function forbidden(user: ComponentUser, verb: string, path: string): HttpReply {
  const status = newStatusError('Forbidden', `forbidden: User ${JSON.stringify(user.name)} cannot ${verb} path ${JSON.stringify(path)}`, {}).status;
  return { status: 403, headers: { 'Content-Type': 'application/json', 'X-Content-Type-Options': 'nosniff' }, body: `${JSON.stringify(status)}\n` };
}
