import type { KubeObject } from '../../api/meta.js';
import { errors, newStatusError } from '../../machinery/errors.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../../machinery/patch/index.js';
import { decodeBody, JSON_TYPE, mediaType, PATCH_TYPES, PROTOBUF_TYPE, YAML_TYPE } from '../negotiate.js';
import { rfc3339 } from '../../util/time.js';
import type { ApiResponse } from '../types.js';
import { isDryRun, json, type HandlerContext } from './context.js';
import { labelSelectorString } from '../printers/index.js';
import { updateTracker } from './field-manager.js';
import { ISSUER } from '../auth/tokens.js';

const OBJECT_TYPES = [JSON_TYPE, YAML_TYPE, PROTOBUF_TYPE];

function success(code = 201): ApiResponse {
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code } };
}

/** toScale renders the autoscaling/v1 Scale of a workload. */
function toScale(obj: KubeObject): KubeObject {
  const m = obj.metadata!;
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: unknown };
  const status = (obj.status ?? {}) as { replicas?: number };
  const selector = (obj.kind === 'ReplicationController' ? labelSelectorString({ matchLabels: spec.selector }) : labelSelectorString(spec.selector)) ?? '';
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, selector },
  };
}

export async function handleScale(c: HandlerContext): Promise<ApiResponse> {
  if (c.ri.verb === 'get') return json(200, toScale(await c.store.get(c.ri.namespace, c.ri.name)));
  let patchFn: (scale: KubeObject) => KubeObject;
  if (c.ri.verb === 'update') {
    const body = decodeBody(c.req, OBJECT_TYPES, c.services.protobuf) as KubeObject;
    patchFn = () => body;
  } else {
    const ct = mediaType(c.req.headers['content-type']) || PATCH_TYPES.merge;
    const patch = decodeBody(c.req, [ct]);
    patchFn = (scale) =>
      (ct === PATCH_TYPES.json ? applyJsonPatch(scale, patch as unknown[]) : ct === PATCH_TYPES.merge ? applyMergePatch(scale, patch) : applyStrategicMergePatch(scale, patch as object, undefined)) as KubeObject;
  }
  const out = await c.store.update(
    c.ri.namespace,
    c.ri.name,
    (cur) => {
      const scale = patchFn(toScale(cur));
      const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
      if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
        throw errors.invalid({ group: 'autoscaling', kind: 'Scale' }, c.ri.name, [{ type: 'FieldValueInvalid', field: 'spec.replicas', badValue: replicas ?? null, detail: 'must be greater than or equal to 0' }]);
      }
      const rv = scale.metadata?.resourceVersion;
      (cur.spec as { replicas?: number }).replicas = replicas;
      if (rv && rv !== cur.metadata!.resourceVersion) cur.metadata!.resourceVersion = rv;
      return cur;
    },
    { dryRun: isDryRun(c.req.query), retryOnConflict: c.ri.verb === 'patch', subresource: 'scale', managedFields: updateTracker(c, 'scale') },
  );
  return json(200, toScale(out));
}

/** handleBinding assigns a pod to a node, as the scheduler's bind call does. */
export async function handleBinding(c: HandlerContext, podName: string): Promise<ApiResponse> {
  const body = decodeBody(c.req, OBJECT_TYPES, c.services.protobuf) as { metadata?: { name?: string }; target?: { name?: string; kind?: string } };
  const node = body?.target?.name;
  if (!node) throw errors.invalid({ group: '', kind: 'Binding' }, podName, [{ type: 'FieldValueRequired', field: 'target.name', detail: '' }]);
  const pods = c.services.storeFor('', 'pods')!;
  const now = rfc3339(c.services.clock.now());
  await pods.update(
    c.ri.namespace,
    podName,
    (pod) => {
      const spec = pod.spec as { nodeName?: string };
      if (pod.metadata?.deletionTimestamp) throw errors.conflict(pods.gr, podName, `pod ${podName} is being deleted, cannot be assigned to a host`);
      if (spec.nodeName) throw errors.conflict(pods.gr, podName, `pod ${podName} is already assigned to node "${spec.nodeName}"`);
      spec.nodeName = node;
      const status = (pod.status ??= {}) as { conditions?: Array<Record<string, unknown>>; nominatedNodeName?: string };
      // A bound pod no longer needs the node its preemption nominated (upstream assignPod).
      if (pods.ctx.gates('ClearingNominatedNodeNameAfterBinding')) delete status.nominatedNodeName;
      status.conditions = (status.conditions ?? []).filter((x) => x.type !== 'PodScheduled');
      status.conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
      return pod;
    },
    { subresource: 'binding', dryRun: isDryRun(c.req.query), retryOnConflict: true },
  );
  return success(201);
}

/** handleLog answers pods/log; containers run only once a kubelet exists for the node. */
export async function handleLog(c: HandlerContext): Promise<ApiResponse> {
  const pod = await c.store.get(c.ri.namespace, c.ri.name);
  const spec = pod.spec as { nodeName?: string; containers?: Array<{ name: string }> };
  const names = (spec.containers ?? []).map((x) => x.name);
  const container = c.req.query.get('container') ?? (names.length === 1 ? names[0] : undefined);
  if (!container) throw errors.badRequest(`a container name must be specified for pod ${c.ri.name}, choose one of: [${names.join(' ')}]`);
  if (!names.includes(container)) throw errors.badRequest(`container ${container} is not valid for pod ${c.ri.name}`);
  const statuses = ((pod.status as { containerStatuses?: Array<{ name: string; state?: { waiting?: { reason?: string } } }> })?.containerStatuses ?? []);
  const st = statuses.find((s) => s.name === container);
  const reason = st?.state?.waiting?.reason ?? 'ContainerCreating';
  if (!spec.nodeName || !st || st.state?.waiting) {
    throw newStatusError('BadRequest', `container "${container}" in pod "${c.ri.name}" is waiting to start: ${reason}`);
  }
  return { status: 200, headers: { 'content-type': 'text/plain' }, text: '' };
}

/** handleToken issues a service account token (serviceaccounts/token). */
export async function handleToken(c: HandlerContext): Promise<ApiResponse> {
  const signer = c.services.tokens;
  if (!signer) throw errors.methodNotSupported({ group: '', resource: 'serviceaccounts/token' }, 'create');
  const sa = await c.store.get(c.ri.namespace, c.ri.name);
  const body = (decodeBody(c.req, OBJECT_TYPES, c.services.protobuf) ?? {}) as { metadata?: object; spec?: { audiences?: string[]; expirationSeconds?: number; boundObjectRef?: { kind: string; name: string; uid: string } } };
  const spec = body.spec ?? {};
  const expirationSeconds = spec.expirationSeconds ?? 3600;
  if (!Number.isInteger(expirationSeconds) || expirationSeconds < 600) {
    throw errors.invalid({ group: 'authentication.k8s.io', kind: 'TokenRequest' }, c.ri.name, [{ type: 'FieldValueInvalid', field: 'spec.expirationSeconds', badValue: expirationSeconds, detail: 'may not specify a duration less than 10 minutes' }]);
  }
  const audiences = spec.audiences?.length ? spec.audiences : [ISSUER];
  const { token, expiresAt } = signer.issue({ namespace: c.ri.namespace, name: c.ri.name, uid: sa.metadata!.uid!, audiences, expirationSeconds, now: c.services.clock.now(), boundObject: spec.boundObjectRef });
  return {
    status: 201,
    body: {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { ...(body.metadata ?? {}), name: c.ri.name, namespace: c.ri.namespace, creationTimestamp: null },
      spec: { ...spec, audiences, expirationSeconds, boundObjectRef: spec.boundObjectRef ?? null },
      status: { token, expirationTimestamp: rfc3339(expiresAt) },
    },
  };
}
