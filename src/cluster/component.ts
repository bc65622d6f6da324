import type { ComponentHandler } from '../apiserver/http.js';
import { ComponentServer } from '../component/index.js';
import type { FeatureGates } from '../machinery/features/index.js';
import type { Storage } from '../storage/interface.js';
import type { Clock } from '../util/clock.js';

/**
 * apiServerComponent is the API server's use of the shared component server: health
 * checks that touch storage, metrics and the z-pages.
 */
export function apiServerComponent(o: { gates: FeatureGates; clock: Clock; flags: Record<string, string>; storage: Storage }): ComponentHandler & { server: ComponentServer } {
  const server = new ComponentServer(
    { name: 'kube-apiserver', startTime: o.clock.now(), binaryVersion: '1.35.0', emulationVersion: '1.35', flags: o.flags, gates: o.gates, paths: () => ['/api', '/apis', '/openapi/v2', '/openapi/v3', '/version', '/healthz', '/livez', '/readyz', '/metrics', '/statusz', '/flagz'] },
    { clock: o.clock },
  );
  server.addHealthCheck('all', {
    name: 'etcd',
    check: async () => {
      await o.storage.currentRevision();
    },
  });
  return { server, handle: (req, res, user) => server.handle(req, res as unknown as Parameters<ComponentServer['handle']>[1], user) };
}
