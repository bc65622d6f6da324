import type { FeatureGates } from '../machinery/features/index.js';

/** HealthKind says which endpoints a check joins; 'all' is upstream's AddHealthChecks (all three). */
export type HealthKind = 'livez' | 'readyz' | 'healthz' | 'all';

/** HealthCheck is one named probe; throwing (or rejecting) means unhealthy, the message is logged-only detail. */
export interface HealthCheck {
  name: string;
  check(): Promise<void> | void;
}

/** ComponentInfo is what a component tells the shared server about itself for /statusz and /flagz. */
export interface ComponentInfo {
  /** Upstream component name, e.g. 'kube-apiserver', 'kube-scheduler', 'kubelet'. */
  name: string;
  /** Process start, ms since the epoch. */
  startTime: number;
  /** e.g. '1.35.0'. */
  binaryVersion: string;
  /** e.g. '1.35'; an empty string omits it, as upstream does when no emulation version is set. */
  emulationVersion: string;
  /** Every registered flag with its current string value (defaults included). */
  flags: Record<string, string>;
  /** Flags whose values are secrets; /flagz shows them as CLASSIFIED. */
  confidentialFlags?: string[];
  gates: FeatureGates;
  /** Extra paths the component serves; their first segments are listed in /statusz. */
  paths?: () => string[];
  /** Runtime version reported in the goVersion field; defaults to Node's process.version. */
  runtimeVersion?: string;
}

/** ComponentUser is the authenticated caller, when the embedding server has one. */
export interface ComponentUser {
  name: string;
  groups: string[];
}

/**
 * RequestLike is the part of a request the component server reads; both node:http's
 * IncomingMessage and node:http2's compatibility Http2ServerRequest satisfy it.
 */
export interface RequestLike {
  url?: string;
  method?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** ResponseLike is the part of ServerResponse / Http2ServerResponse the component server writes to. */
export interface ResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/** Authorizer decides whether user may use verb on a non-resource path (upstream's nonResourceURLs rules). */
export type Authorizer = (user: ComponentUser, verb: string, path: string) => boolean | Promise<boolean>;

/** HttpReply is a fully computed response, so handlers stay transport-free and testable. */
export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** TEXT_PLAIN is the Content-Type of every plain-text debug response upstream. */
export const TEXT_PLAIN = 'text/plain; charset=utf-8';

/** send writes a reply to either HTTP/1.1 or HTTP/2-compat responses. */
export function send(res: ResponseLike, reply: HttpReply): void {
  res.statusCode = reply.status;
  for (const [k, v] of Object.entries(reply.headers)) res.setHeader(k, v);
  res.end(reply.body);
}
