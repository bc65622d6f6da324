import type { WatchEvent } from '../api/meta.js';

/** ClientRequest is one API call in transport-neutral form. */
export interface ClientRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** A JSON value; HTTP serializes it, in-process passes it as is. */
  body?: unknown;
  contentType?: string;
  accept?: string;
}

export interface ClientResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** WatchHandle is a running watch: iterate its events, close it when done. */
export interface WatchHandle extends AsyncIterable<WatchEvent> {
  close(): void;
}

/**
 * Transport carries requests to an API server: over HTTPS for separate processes, or
 * in-process for components inside `k8ts up` and tests. Both reach the same pipeline.
 */
export interface Transport {
  request(req: ClientRequest): Promise<ClientResponse>;
  watch(req: ClientRequest): Promise<WatchHandle>;
  close?(): void;
}

export function queryString(q: ClientRequest['query']): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** AsyncQueue turns pushed events into an async iterator; push after close is dropped. */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private waiters: Array<(r: IteratorResult<T>) => void> = [];
  private done = false;

  push(v: T): void {
    if (this.done) return;
    const w = this.waiters.shift();
    if (w) w({ value: v, done: false });
    else this.items.push(v);
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    for (const w of this.waiters.splice(0)) w({ value: undefined as T, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false });
        if (this.done) return Promise.resolve({ value: undefined as T, done: true });
        return new Promise((resolve) => this.waiters.push(resolve));
      },
      return: () => {
        this.end();
        return Promise.resolve({ value: undefined as T, done: true });
      },
    };
  }
}
