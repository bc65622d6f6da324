import type { KubeList, KubeObject, Status } from '../api/meta.js';
import { StatusError } from '../machinery/errors.js';
import type { ClientRequest, Transport, WatchHandle } from './transport.js';

/** ResourceRef names a resource collection: group '' is core. */
export interface ResourceRef {
  group?: string;
  version: string;
  resource: string;
  namespace?: string;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface WatchOptions extends ListOptions {
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  sendInitialEvents?: boolean;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  subresource?: string;
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

const PATCH_CT: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

function collectionPath(ref: ResourceRef): string {
  const root = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  return ref.namespace ? `${root}/namespaces/${encodeURIComponent(ref.namespace)}/${ref.resource}` : `${root}/${ref.resource}`;
}

function itemPath(ref: ResourceRef, name: string, sub?: string): string {
  return `${collectionPath(ref)}/${encodeURIComponent(name)}${sub ? `/${sub}` : ''}`;
}

function writeQuery(o: WriteOptions = {}): ClientRequest['query'] {
  return { dryRun: o.dryRun ? 'All' : undefined, fieldManager: o.fieldManager, fieldValidation: o.fieldValidation };
}

/**
 * Client is the typed-enough API client used by k8ts components and tests. Failures throw
 * StatusError with the server's Status, so callers use isNotFound() and friends.
 */
export class Client {
  constructor(readonly transport: Transport) {}

  private async call<T>(req: ClientRequest): Promise<T> {
    const res = await this.transport.request(req);
    if (res.status >= 300) {
      const body = res.body as Status;
      if (body && typeof body === 'object' && body.kind === 'Status') throw new StatusError(body);
      throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: res.status, message: String(res.body) });
    }
    return res.body as T;
  }

  get<T extends KubeObject = KubeObject>(ref: ResourceRef, name: string, subresource?: string): Promise<T> {
    return this.call({ method: 'GET', path: itemPath(ref, name, subresource) });
  }

  list<T extends KubeObject = KubeObject>(ref: ResourceRef, opts: ListOptions = {}): Promise<KubeList<T>> {
    return this.call({ method: 'GET', path: collectionPath(ref), query: { ...opts } });
  }

  create<T extends KubeObject = KubeObject>(ref: ResourceRef, obj: KubeObject, opts?: WriteOptions): Promise<T> {
    return this.call({ method: 'POST', path: collectionPath(ref), body: obj, query: writeQuery(opts) });
  }

  update<T extends KubeObject = KubeObject>(ref: ResourceRef, obj: KubeObject, opts?: WriteOptions): Promise<T> {
    return this.call({ method: 'PUT', path: itemPath(ref, obj.metadata!.name!, opts?.subresource), body: obj, query: writeQuery(opts) });
  }

  patch<T extends KubeObject = KubeObject>(ref: ResourceRef, name: string, type: PatchType, patch: unknown, opts?: WriteOptions & { force?: boolean }): Promise<T> {
    const query = { ...writeQuery(opts), force: opts?.force ? 'true' : undefined };
    return this.call({ method: 'PATCH', path: itemPath(ref, name, opts?.subresource), body: patch, contentType: PATCH_CT[type], query });
  }

  delete<T = KubeObject | Status>(ref: ResourceRef, name: string, opts: { gracePeriodSeconds?: number; propagationPolicy?: string; dryRun?: boolean } = {}): Promise<T> {
    const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
    if (opts.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = opts.gracePeriodSeconds;
    if (opts.propagationPolicy) body.propagationPolicy = opts.propagationPolicy;
    if (opts.dryRun) body.dryRun = ['All'];
    return this.call({ method: 'DELETE', path: itemPath(ref, name), body });
  }

  /** create for subresources that take a POST (binding, eviction). */
  post<T = unknown>(ref: ResourceRef, name: string, subresource: string, body: unknown): Promise<T> {
    return this.call({ method: 'POST', path: itemPath(ref, name, subresource), body });
  }

  watch(ref: ResourceRef, opts: WatchOptions = {}): Promise<WatchHandle> {
    return this.transport.watch({ method: 'GET', path: collectionPath(ref), query: { ...opts } });
  }

  /** raw GETs a non-resource path such as /version or /readyz. */
  async raw(path: string): Promise<unknown> {
    return this.call({ method: 'GET', path });
  }

  close(): void {
    this.transport.close?.();
  }
}
