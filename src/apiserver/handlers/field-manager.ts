import type { KubeObject } from '../../api/meta.js';
import { defaultManager, trackUpdate } from '../apply/index.js';
import { rfc3339 } from '../../util/time.js';
import type { HandlerContext } from './context.js';

export function servedApiVersion(c: HandlerContext): string {
  return c.info.group ? `${c.info.group}/${c.info.version}` : c.info.version;
}

/**
 * updateTracker records an Update entry in managedFields for create, update and non-apply
 * patch writes, under the fieldManager query parameter or the client's user agent.
 */
export function updateTracker(c: HandlerContext, subresource = ''): (obj: KubeObject, old?: KubeObject) => void {
  const manager = defaultManager(c.req.query.get('fieldManager'), c.req.headers['user-agent']);
  return (obj, old) =>
    trackUpdate({ old, obj, manager, operation: 'Update', now: rfc3339(c.services.clock.now()), apiVersion: servedApiVersion(c), subresource: subresource || undefined, schema: c.services.schemaFor(c.info) });
}
