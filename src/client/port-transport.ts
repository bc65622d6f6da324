import type { WatchEvent } from '../api/meta.js';
import { AsyncQueue, type ClientRequest, type ClientResponse, type Transport, type WatchHandle } from './transport.js';

/** PortLike is one end of a worker_threads MessageChannel. */
export interface PortLike {
  postMessage(msg: unknown): void;
  // The listener's argument is whatever the other end posted: a PortRequest or PortReply.
  on(event: string, fn: (msg: any) => void): unknown;
  off(event: string, fn: (msg: any) => void): unknown;
}

/** Messages from the client end (a worker) to the API server's end. */
export type PortRequest =
  | { op: 'request'; id: number; req: ClientRequest }
  | { op: 'watch'; id: number; req: ClientRequest }
  | { op: 'close'; id: number };

/**
 * Messages back. A watch event carries either the object or, when the server had it
 * serialized already, its JSON text: a string crosses threads far cheaper than an object
 * graph, and the receiving thread pays for the parse.
 */
export type PortReply =
  | { op: 'response'; id: number; res: ClientResponse; json?: string }
  | { op: 'failed'; id: number; message: string }
  | { op: 'event'; id: number; type: WatchEvent['type']; object?: unknown; json?: string }
  | { op: 'end'; id: number };

/**
 * PortTransport carries requests over a MessagePort to an API server in another thread of
 * the same process (see cluster/port-server.ts): components in workers use the server's
 * pipeline without sockets, TLS or HTTP framing.
 */
export class PortTransport implements Transport {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: ClientResponse) => void; reject: (e: Error) => void }>();
  private readonly watches = new Map<number, AsyncQueue<WatchEvent>>();
  private closed = false;
  private readonly onMessage = (m: PortReply) => this.receive(m);

  constructor(private readonly port: PortLike) {
    port.on('message', this.onMessage);
  }

  request(req: ClientRequest): Promise<ClientResponse> {
    if (this.closed) return Promise.reject(new Error('transport closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.postMessage({ op: 'request', id, req } satisfies PortRequest);
    });
  }

  watch(req: ClientRequest): Promise<WatchHandle> {
    const q = new AsyncQueue<WatchEvent>();
    if (this.closed) {
      q.end();
      return Promise.resolve(Object.assign(q, { close: () => {} }));
    }
    const id = this.nextId++;
    this.watches.set(id, q);
    this.port.postMessage({ op: 'watch', id, req } satisfies PortRequest);
    return Promise.resolve(
      Object.assign(q, {
        close: () => {
          if (!this.watches.delete(id)) return;
          q.end();
          if (!this.closed) this.port.postMessage({ op: 'close', id } satisfies PortRequest);
        },
      }),
    );
  }

  /** drain resolves once no request is waiting for its answer. */
  drain(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private readonly drained: Array<() => void> = [];

  /** close fails calls in flight and ends watches; the port itself belongs to the caller. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.off('message', this.onMessage);
    for (const [id, q] of this.watches) {
      this.port.postMessage({ op: 'close', id } satisfies PortRequest);
      q.end();
    }
    this.watches.clear();
    for (const p of this.pending.values()) p.reject(new Error('transport closed'));
    this.pending.clear();
    for (const d of this.drained.splice(0)) d();
  }

  private receive(m: PortReply): void {
    switch (m.op) {
      case 'response':
      case 'failed': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        // A body sent as JSON text (a large list) is parsed here, on the receiving thread.
        if (m.op === 'response') p.resolve(m.json !== undefined ? { ...m.res, body: JSON.parse(m.json) } : m.res);
        else p.reject(new Error(m.message));
        if (this.pending.size === 0) for (const d of this.drained.splice(0)) d();
        return;
      }
      case 'event': {
        const object = m.json !== undefined ? JSON.parse(m.json) : m.object;
        this.watches.get(m.id)?.push({ type: m.type, object } as WatchEvent);
        return;
      }
      case 'end': {
        const q = this.watches.get(m.id);
        this.watches.delete(m.id);
        q?.end();
      }
    }
  }
}
