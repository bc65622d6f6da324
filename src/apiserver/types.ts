import type { KubeObject, WatchEventType } from '../api/meta.js';

/** UserInfo is the authenticated caller, as upstream's user.Info. */
export interface UserInfo {
  name: string;
  groups: string[];
  uid?: string;
}

/**
 * ApiRequest is one request in transport-neutral form. The HTTP transport fills `body`
 * with the raw bytes; the in-process transport passes `object` already decoded, skipping
 * serialization but nothing else in the pipeline.
 */
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body?: Uint8Array;
  object?: unknown;
  user: UserInfo;
  /** The transport writes bytes, so a handler may answer with pre-serialized JSON. */
  serialized?: boolean;
}

/** WatchFrame is one line of a watch stream. */
export interface WatchFrame {
  type: WatchEventType;
  object: KubeObject | Record<string, unknown>;
  /**
   * The object as JSON when the server has it serialized already (from storage): byte
   * transports send this text and never read `object`, which then is never decoded.
   */
  json?: string;
}

/** WatchStream is a started watch; the transport pulls frames with onFrame and ends it with stop. */
export interface WatchStream {
  /** Begins delivery; onEnd is called once when the server ends the stream (timeout, error). */
  start(onFrame: (f: WatchFrame) => void, onEnd: () => void): void;
  stop(): void;
  /** Ends the stream from the server side (shutdown): like a timeout, the client re-watches. */
  terminate?(): void;
}

export type ApiResponse =
  | { status: number; headers?: Record<string, string>; body: unknown; warnings?: string[] }
  | { status: number; headers?: Record<string, string>; text: string | Uint8Array; warnings?: string[] }
  | { status: 200; headers?: Record<string, string>; watch: WatchStream; warnings?: string[] };

export function isWatchResponse(r: ApiResponse): r is Extract<ApiResponse, { watch: WatchStream }> {
  return 'watch' in r;
}
export function isTextResponse(r: ApiResponse): r is Extract<ApiResponse, { text: string | Uint8Array }> {
  return 'text' in r;
}
