import type { GroupVersionKind, KubeObject } from '../api/meta.js';
import type { ResourceInfo } from '../api/resources/types.js';
import type { ObjectNode } from '../api/schema/types.js';
import { errors, isStatusError, toStatus } from '../machinery/errors.js';
import type { Storage } from '../storage/interface.js';
import type { Clock } from '../util/clock.js';
import { namespaceLifecycle, SYSTEM_NAMESPACES } from './admission/namespace-lifecycle.js';
import { serviceAccountAdmission } from './admission/service-account.js';
import { defaultTolerationSeconds } from './admission/default-tolerations.js';
import { priorityAdmission, SYSTEM_PRIORITY_CLASSES } from './admission/priority.js';
import { KUBERNETES_SERVICE_IP, serviceClusterIP } from './admission/service-ip.js';
import { aggregatedDiscovery, aggregatedVersion, AGGREGATED_V2, AGGREGATED_V2BETA1, apiGroupDoc, apiGroupList, apiResourceList, apiVersions } from './discovery.js';
import type { HandlerContext, ServerServices } from './handlers/context.js';
import { routeResource } from './handlers/route.js';
import { etagMatches, negotiateV2, OPENAPI_V2_PROTOBUF } from './openapi/negotiate.js';
import { finalizeNamespace } from './namespace-finalizer.js';
import type { ProtobufDecoder } from './negotiate.js';
import type { TokenSigner } from './auth/tokens.js';
import type { AdmissionPlugin, ObjectRules, RegistryContext } from './registry/context.js';
import { ResourceStore } from './registry/store.js';
import { requestInfo } from './request-info.js';
import { isWatchResponse, type ApiRequest, type ApiResponse, type WatchStream } from './types.js';

export const KUBERNETES_VERSION = { major: '1', minor: '35', gitVersion: 'v1.35.0-k8ts', gitCommit: '0000000000000000000000000000000000000000', gitTreeState: 'clean', buildDate: '2026-11-25T00:00:00Z', goVersion: 'go1.25.0', compiler: 'gc', platform: 'linux/amd64', emulationMajor: '1', emulationMinor: '35', minCompatibilityMajor: '1', minCompatibilityMinor: '34' };

/** OpenApiProvider serves /openapi/v3 and /openapi/v2 from the served resources. */
export interface OpenApiProvider {
  index(): unknown;
  /** The group-version document as JSON text, and its content hash (the ?hash= value). */
  document(gvPath: string): { json: string; hash: string } | undefined;
  /** The v2 document as JSON text, its hash (the ETag of both forms) and its gnostic protobuf form. */
  v2(): { json: string; hash: string; protobuf(): Uint8Array };
}

export interface ApiServerOptions {
  storage: Storage;
  clock: Clock;
  resources: readonly ResourceInfo[];
  gates: (name: string) => boolean;
  rules: ObjectRules;
  schemaFor: (info: ResourceInfo) => ObjectNode | undefined;
  unknownFields: (info: ResourceInfo, obj: KubeObject) => string[];
  decodeError?: (gvk: GroupVersionKind, obj: KubeObject) => string | undefined;
  protobuf?: ProtobufDecoder;
  tokens?: TokenSigner;
  openapi?: OpenApiProvider;
  extraAdmission?: AdmissionPlugin[];
  /** host:port clients use, for legacy /api discovery. */
  serverAddress?: string;
  /** The cluster CA, published in every namespace as the kube-root-ca.crt ConfigMap. */
  caCert?: string;
}

/**
 * ApiServer is the request pipeline every transport goes through: routing, authorization,
 * admission, validation and storage. Errors become a Status here and nowhere else.
 */
export class ApiServer {
  readonly stores = new Map<string, ResourceStore>();
  private readonly byGVR = new Map<string, ResourceInfo>();
  readonly services: ServerServices;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly watches = new Set<WatchStream>();

  constructor(readonly opts: ApiServerOptions) {
    const admission: AdmissionPlugin[] = [
      namespaceLifecycle(() => this.storeFor('', 'namespaces')!),
      serviceAccountAdmission(),
      priorityAdmission(() => this.storeFor('scheduling.k8s.io', 'priorityclasses')),
      defaultTolerationSeconds(),
      serviceClusterIP(() => this.storeFor('', 'services')!),
      ...(opts.extraAdmission ?? []),
    ];
    const ctx: RegistryContext = { storage: opts.storage, clock: opts.clock, gates: opts.gates, admission, rules: opts.rules };
    for (const info of opts.resources) {
      this.byGVR.set(`${info.group}/${info.version}/${info.plural}`, info);
      if (!info.virtual) this.stores.set(`${info.group}/${info.plural}`, new ResourceStore(info, ctx));
    }
    this.services = {
      clock: opts.clock,
      protobuf: opts.protobuf,
      schemaFor: opts.schemaFor,
      unknownFields: opts.unknownFields,
      decodeError: opts.decodeError,
      storeFor: (g, r) => this.storeFor(g, r),
      tokens: opts.tokens,
    };
  }

  storeFor(group: string, resource: string): ResourceStore | undefined {
    return this.stores.get(`${group}/${resource}`);
  }

  /**
   * bootstrap creates the system namespaces and the system PriorityClasses, and resumes
   * unfinished namespace deletions.
   */
  async bootstrap(): Promise<void> {
    const ns = this.storeFor('', 'namespaces')!;
    for (const name of SYSTEM_NAMESPACES) await createIfMissing(ns, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    const classes = this.storeFor('scheduling.k8s.io', 'priorityclasses');
    if (classes) for (const pc of SYSTEM_PRIORITY_CLASSES) await createIfMissing(classes, structuredClone(pc));
    await this.ensureKubernetesService();
    const all = await ns.list('');
    for (const n of all.items) {
      if (n.metadata?.deletionTimestamp) this.finalizeLater(n.metadata.name!);
      else await this.populateNamespace(n.metadata!.name!);
    }
  }

  /** ensureKubernetesService creates default/kubernetes, the Service clients in pods dial. */
  private async ensureKubernetesService(): Promise<void> {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } }, spec: { type: 'ClusterIP', clusterIP: KUBERNETES_SERVICE_IP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' } };
    const services = this.storeFor('', 'services')!;
    try {
      await services.get('default', 'kubernetes');
    } catch {
      await services.create('default', svc);
    }
  }

  /**
   * populateNamespace does the service account and root-CA publisher controllers' work for
   * a new namespace at once: a 'default' ServiceAccount and the kube-root-ca.crt ConfigMap.
   */
  async populateNamespace(namespace: string): Promise<void> {
    const seed: Array<[string, Record<string, unknown>]> = [['serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }]];
    if (this.opts.caCert) {
      seed.push(['configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }, data: { 'ca.crt': this.opts.caCert } }]);
    }
    for (const [resource, obj] of seed) {
      try {
        await this.storeFor('', resource)?.create(namespace, obj);
      } catch (e) {
        if (!isStatusError(e) || (e.reason !== 'AlreadyExists' && e.reason !== 'Forbidden')) throw e;
      }
    }
  }

  finalizeLater(namespace: string): void {
    const namespaced = [...this.stores.values()].filter((s) => s.info.namespaced);
    const p = finalizeNamespace(namespace, this.storeFor('', 'namespaces')!, namespaced).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private track(w: WatchStream): void {
    this.watches.add(w);
    const stop = w.stop.bind(w);
    w.stop = () => {
      this.watches.delete(w);
      stop();
    };
  }

  /**
   * terminateWatches ends every open watch from the server side, as a restarting API server
   * does; clients re-watch from their last resourceVersion (and relist on 410).
   */
  terminateWatches(): void {
    for (const w of [...this.watches]) (w.terminate ?? w.stop).call(w);
  }

  /** drain waits for background work (namespace finalization) before shutdown. */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    try {
      return await this.route(req);
    } catch (e) {
      const status = toStatus(e);
      if (!isStatusError(e)) process.emitWarning(`k8ts: internal error on ${req.method} ${req.path}: ${(e as Error)?.stack ?? String(e)}`);
      return { status: status.code, body: status };
    }
  }

  private async route(req: ApiRequest): Promise<ApiResponse> {
    const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path;
    if (path === '/version') return { status: 200, body: KUBERNETES_VERSION };
    if (path.startsWith('/openapi/')) return this.openapi(path, req);
    const ri = requestInfo(req.method, path, req.query);
    if (!ri.apiPrefix) throw notFound();
    if (!ri.isResourceRequest) return this.discovery(ri.apiPrefix, ri.parts, req);
    const info = this.byGVR.get(`${ri.apiGroup}/${ri.apiVersion}/${ri.resource}`);
    if (!info) throw notFound();
    const c: HandlerContext = { req, ri, info, store: this.storeFor(info.group, info.plural)!, services: this.services, warnings: [] };
    const res = await routeResource(c);
    if (isWatchResponse(res)) this.track(res.watch);
    const dryRun = req.query.getAll('dryRun').includes('All');
    if (info.kind === 'Namespace' && info.group === '' && !dryRun) {
      if (ri.verb === 'delete' && res.status === 200) this.finalizeLater(ri.name);
      if (ri.verb === 'create' && res.status === 201) await this.populateNamespace(((res as { body: { metadata: { name: string } } }).body).metadata.name);
    }
    return res;
  }

  private discovery(prefix: string, parts: string[], req: ApiRequest): ApiResponse {
    const resources = this.opts.resources;
    if (parts.length === 0) {
      const agg = aggregatedVersion(req.headers.accept);
      if (agg) {
        return { status: 200, headers: { 'content-type': agg === 'v2' ? AGGREGATED_V2 : AGGREGATED_V2BETA1 }, body: aggregatedDiscovery(resources, prefix === 'api', agg) };
      }
      return { status: 200, body: prefix === 'api' ? apiVersions(this.opts.serverAddress ?? '127.0.0.1:6443') : apiGroupList(resources) };
    }
    if (prefix === 'api') {
      const doc = parts.length === 1 ? apiResourceList(resources, '', parts[0]!) : undefined;
      if (!doc) throw notFound();
      return { status: 200, body: doc };
    }
    const doc = parts.length === 1 ? apiGroupDoc(resources, parts[0]!) : parts.length === 2 ? apiResourceList(resources, parts[0]!, parts[1]!) : undefined;
    if (!doc) throw notFound();
    return { status: 200, body: doc };
  }

  private openapi(path: string, req: ApiRequest): ApiResponse {
    const oa = this.opts.openapi;
    if (!oa) throw notFound();
    if (path === '/openapi/v2') return this.openapiV2(oa, req);
    if (!path.startsWith('/openapi/v3')) throw notFound();
    if (path === '/openapi/v3') return { status: 200, body: oa.index() };
    const doc = oa.document(path.slice('/openapi/v3/'.length));
    if (!doc) throw notFound();
    const headers: Record<string, string> = { etag: `"${doc.hash}"`, 'content-type': 'application/json' };
    if (req.query.get('hash')) {
      headers['cache-control'] = 'public, immutable';
      headers.expires = new Date(this.opts.clock.now() + 365 * 24 * 3600 * 1000).toUTCString();
    } else {
      headers['cache-control'] = 'no-cache, private';
    }
    if (etagMatches(req.headers['if-none-match'], headers.etag!)) return { status: 304, headers, text: '' };
    return { status: 200, headers, text: doc.json };
  }

  /** openapiV2 answers JSON or gnostic protobuf by Accept, both with the JSON's hash as ETag. */
  private openapiV2(oa: OpenApiProvider, req: ApiRequest): ApiResponse {
    const form = negotiateV2(req.headers.accept);
    if (!form) throw errors.notAcceptable('only the following media types are accepted: application/json, application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    const doc = oa.v2();
    const headers: Record<string, string> = { etag: `"${doc.hash}"`, vary: 'Accept', 'content-type': form === 'json' ? 'application/json' : OPENAPI_V2_PROTOBUF };
    if (etagMatches(req.headers['if-none-match'], headers.etag!)) return { status: 304, headers, text: '' };
    return { status: 200, headers, text: form === 'json' ? doc.json : doc.protobuf() };
  }
}

async function createIfMissing(store: ResourceStore, obj: KubeObject): Promise<void> {
  try {
    await store.create('', obj);
  } catch (e) {
    if (!isStatusError(e) || e.reason !== 'AlreadyExists') throw e;
  }
}

function notFound() {
  const e = errors.notFound({ group: '', resource: '' }, '');
  e.status.message = 'the server could not find the requested resource';
  e.status.details = {};
  return e;
}
