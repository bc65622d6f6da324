import type { GroupVersionKind, KubeObject } from '../../api/meta.js';
import type { ResourceInfo } from '../../api/resources/types.js';
import type { ObjectNode } from '../../api/schema/types.js';
import type { Clock } from '../../util/clock.js';
import type { TokenSigner } from '../auth/tokens.js';
import type { ProtobufDecoder } from '../negotiate.js';
import type { ResourceStore } from '../registry/store.js';
import type { RequestInfo } from '../request-info.js';
import type { ApiRequest, ApiResponse } from '../types.js';

/** ServerServices are what handlers need from the server beyond the one store. */
export interface ServerServices {
  clock: Clock;
  protobuf?: ProtobufDecoder;
  schemaFor(info: ResourceInfo): ObjectNode | undefined;
  /** Unknown-field paths of obj, as upstream's strict decoding reports them. */
  unknownFields(info: ResourceInfo, obj: KubeObject): string[];
  /** The JSON decoding error of a body of the wrong shape for its kind, as upstream's decoder words it. */
  decodeError?(gvk: GroupVersionKind, obj: KubeObject): string | undefined;
  storeFor(group: string, resource: string): ResourceStore | undefined;
  tokens?: TokenSigner;
}

export interface HandlerContext {
  req: ApiRequest;
  ri: RequestInfo;
  info: ResourceInfo;
  store: ResourceStore;
  services: ServerServices;
  warnings: string[];
}

export type Handler = (c: HandlerContext) => Promise<ApiResponse>;

export function isDryRun(q: URLSearchParams): boolean {
  return q.getAll('dryRun').includes('All');
}

export function json(status: number, body: unknown, warnings?: string[]): ApiResponse {
  return warnings && warnings.length ? { status, body, warnings } : { status, body };
}
