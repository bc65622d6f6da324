import type { WatchEvent } from '../api/meta.js';
import type { ApiServer } from '../apiserver/server.js';
import { isTextResponse, isWatchResponse, type ApiRequest, type UserInfo, type WatchFrame } from '../apiserver/types.js';
import { AsyncQueue, type ClientRequest, type ClientResponse, type Transport, type WatchHandle } from '../client/transport.js';

export const ADMIN_USER: UserInfo = { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };

/**
 * FrameWatcher starts a watch and delivers the server's frames as they are (an object that
 * decodes on first read, and its JSON when stored bytes already are the answer); the
 * returned function stops it.
 */
export type FrameWatcher = (req: ClientRequest, onFrame: (f: WatchFrame) => void, onEnd: () => void) => Promise<() => void>;

/**
 * InProcessTransport hands requests straight to the API server's pipeline: the same
 * authorization, admission, validation and storage as HTTP, minus JSON and sockets.
 */
export class InProcessTransport implements Transport {
  constructor(
    private readonly api: ApiServer,
    private readonly user: UserInfo = ADMIN_USER,
    /**
     * serializedJson lets the server answer with JSON text where it has it (unfiltered lists
     * spliced from storage); the body is then that string. Only for transports that forward
     * bytes to another thread (servePort), never for a Client directly.
     */
    private readonly opts: { serializedJson?: boolean } = {},
  ) {}

  private toApi(req: ClientRequest): ApiRequest {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) query.set(k, String(v));
    const headers: Record<string, string | undefined> = { accept: req.accept ?? 'application/json' };
    if (req.body !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
    return { method: req.method, path: req.path, query, headers, object: req.body, user: this.user, serialized: this.opts.serializedJson };
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

  /** watchFrames is watch without the queue: a refused watch is one ERROR frame, then the end. */
  readonly watchFrames: FrameWatcher = async (req, onFrame, onEnd) => {
    const r = await this.api.handle(this.toApi({ ...req, query: { ...req.query, watch: 'true' } }));
    if (!isWatchResponse(r)) {
      onFrame({ type: 'ERROR', object: (r as unknown as { body: Record<string, unknown> }).body });
      onEnd();
      return () => {};
    }
    r.watch.start(onFrame, onEnd);
    return () => r.watch.stop();
  };

  async watch(req: ClientRequest): Promise<WatchHandle> {
    const q = new AsyncQueue<WatchEvent>();
    // No copy: the server decodes every frame for its watch alone (registry/watch.ts toFrame).
    const stop = await this.watchFrames(req, (f) => q.push({ type: f.type, object: f.object } as WatchEvent), () => q.end());
    return Object.assign(q, {
      close: () => {
        stop();
        q.end();
      },
    });
  }
}
