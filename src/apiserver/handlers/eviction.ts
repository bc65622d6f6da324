import type { KubeObject } from '../../api/meta.js';
import { errors, newStatusError } from '../../machinery/errors.js';
import { selectorFromLabelSelector } from '../../machinery/labels/index.js';
import { decodeBody, JSON_TYPE, PROTOBUF_TYPE, YAML_TYPE } from '../negotiate.js';
import { deleteObject } from '../registry/delete.js';
import { rfc3339 } from '../../util/time.js';
import type { ApiResponse } from '../types.js';
import { isDryRun, type HandlerContext } from './context.js';

const TERMINAL = new Set(['Succeeded', 'Failed']);

type Pdb = KubeObject & {
  spec?: { selector?: { matchLabels?: Record<string, string>; matchExpressions?: never[] } };
  status?: { observedGeneration?: number; disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; disruptedPods?: Record<string, string> };
};

function tooMany(message: string, cause?: string): never {
  const e = newStatusError('TooManyRequests', message, cause ? { causes: [{ reason: 'DisruptionBudget', message: cause }] } : undefined);
  throw e;
}

/**
 * handleEviction is the pods/eviction subresource: a delete that respects
 * PodDisruptionBudgets, answering 429 when one would be violated, as upstream.
 */
export async function handleEviction(c: HandlerContext): Promise<ApiResponse> {
  const body = decodeBody(c.req, [JSON_TYPE, YAML_TYPE, PROTOBUF_TYPE], c.services.protobuf) as { deleteOptions?: { gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string } } };
  const opts = body?.deleteOptions ?? {};
  const dryRun = isDryRun(c.req.query);
  const pod = await c.store.get(c.ri.namespace, c.ri.name);
  const phase = (pod.status as { phase?: string } | undefined)?.phase ?? '';
  if (!TERMINAL.has(phase) && !pod.metadata?.deletionTimestamp) await checkBudgets(c, pod, dryRun);
  await deleteObject(c.store, c.ri.namespace, c.ri.name, { gracePeriodSeconds: opts.gracePeriodSeconds, preconditions: opts.preconditions, dryRun });
  return { status: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}

async function checkBudgets(c: HandlerContext, pod: KubeObject, dryRun: boolean): Promise<void> {
  const pdbs = c.services.storeFor('policy', 'poddisruptionbudgets');
  if (!pdbs) return;
  const labels = pod.metadata?.labels ?? {};
  const matching = (await pdbs.list(c.ri.namespace)).items.filter((p) => {
    const sel = (p as Pdb).spec?.selector;
    return sel !== undefined && selectorFromLabelSelector(sel).matches(labels);
  }) as Pdb[];
  if (matching.length === 0) return;
  if (matching.length > 1) throw errors.internal('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  const pdb = matching[0]!;
  const name = pdb.metadata!.name!;
  const st = pdb.status ?? {};
  if ((st.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 0)) {
    tooMany(`Cannot evict pod as it would violate the pod's disruption budget.`, `The disruption budget ${name} is still being processed by the server.`);
  }
  if ((st.disruptionsAllowed ?? 0) <= 0) {
    tooMany(`Cannot evict pod as it would violate the pod's disruption budget.`, `The disruption budget ${name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`);
  }
  if (dryRun) return;
  // Spend one disruption, as upstream records it for the disruption controller.
  await pdbs.update(c.ri.namespace, name, (cur) => {
    const s = ((cur as Pdb).status ??= {});
    if ((s.disruptionsAllowed ?? 0) <= 0) tooMany(`Cannot evict pod as it would violate the pod's disruption budget.`);
    s.disruptionsAllowed = (s.disruptionsAllowed ?? 0) - 1;
    s.disruptedPods = { ...(s.disruptedPods ?? {}), [pod.metadata!.name!]: rfc3339(c.services.clock.now()) };
    return cur;
  }, { subresource: 'status', retryOnConflict: true });
}
