import type { WatchEvent } from '../api/meta.js';
import type { ApiServer } from '../apiserver/server.js';
import { isTextResponse, isWatchResponse, type ApiRequest, type UserInfo } from '../apiserver/types.js';
import { AsyncQueue, type ClientRequest, type ClientResponse, type Transport, type WatchHandle } from '../client/transport.js';

export const ADMIN_USER: UserInfo = { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };

/**
 * InProcessTransport hands requests straight to the API server's pipeline: the same
 * authorization, admission, validation and storage as HTTP, minus JSON and sockets.
 */
export class InProcessTransport implements Transport {
  constructor(
    private readonly api: ApiServer,
    private readonly user: UserInfo = ADMIN_USER,
  ) {}

  private toApi(req: ClientRequest): ApiRequest {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) query.set(k, String(v));
    const headers: Record<string, string | undefined> = { accept: req.accept ?? 'application/json' };
    if (req.body !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
    return { method: req.method, path: req.path, query, headers, object: req.body, user: this.user };
  }

  async request(req: ClientRequest): Promise<ClientResponse> {
    const r = await this.api.handle(this.toApi(req));
    if (isWatchResponse(r)) {
      r.watch.stop();
      return { status: 400, headers: {}, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 400, message: 'use watch() for watch requests' } };
    }
    const body = isTextResponse(r) ? (typeof r.text === 'string' ? r.text : Buffer.from(r.text).toString('utf8')) : r.body;
    return { status: r.status, headers: r.headers ?? {}, body };
  }

  async watch(req: ClientRequest): Promise<WatchHandle> {
    const q = new AsyncQueue<WatchEvent>();
    const r = await this.api.handle(this.toApi({ ...req, query: { ...req.query, watch: 'true' } }));
    if (!isWatchResponse(r)) {
      q.push({ type: 'ERROR', object: (r as unknown as { body: never }).body });
      q.end();
      return Object.assign(q, { close: () => q.end() });
    }
    // No copy: the server decodes every frame for its watch alone (registry/watch.ts toFrame).
    r.watch.start((f) => q.push(f as WatchEvent), () => q.end());
    return Object.assign(q, {
      close: () => {
        r.watch.stop();
        q.end();
      },
    });
  }
}
