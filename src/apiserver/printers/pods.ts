import type { KubeObject } from '../../api/meta.js';
import { humanDuration, parseTime, since } from './duration.js';
import { arr, get, num, rec, str, type Obj } from './fields.js';
import { ageCol, col, nameCol, type TablePrinter, type TableRowCondition } from './types.js';

/** PodSummary is what the pod printer derives from status: the READY, STATUS and RESTARTS cells. */
export interface PodSummary {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  /** Latest lastState.terminated.finishedAt among the counted containers (epoch ms). */
  lastRestart?: number;
}

function isSidecar(spec: Obj | undefined): boolean {
  return spec !== undefined && spec.restartPolicy === 'Always';
}

function conditionTrue(status: Obj, type: string): boolean {
  return arr(status.conditions).some((c) => rec(c).type === type && rec(c).status === 'True');
}

/** laterOf keeps the latest lastState.terminated.finishedAt seen so far. */
function laterOf(current: number | undefined, cs: Obj): number | undefined {
  const t = parseTime(get(cs, 'lastState', 'terminated', 'finishedAt'));
  if (t === undefined) return current;
  return current === undefined || t > current ? t : current;
}

function terminatedText(prefix: string, term: Obj): string {
  const signal = num(term.signal);
  return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${num(term.exitCode)}`;
}

/** summarizePod is upstream printPod's STATUS/READY/RESTARTS algorithm (spec §2.3 Pod). */
export function summarizePod(pod: KubeObject): PodSummary {
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  const initSpecs = new Map<string, Obj>();
  for (const c of arr(spec.initContainers).map(rec)) initSpecs.set(str(c.name), c);
  const initCount = arr(spec.initContainers).length;
  let total = arr(spec.containers).length;
  for (const c of initSpecs.values()) if (isSidecar(c)) total++;

  const phase = str(status.phase);
  let reason = str(status.reason) || phase;
  for (const c of arr(status.conditions).map(rec)) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses).map(rec);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i] as Obj;
    const sidecar = isSidecar(initSpecs.get(str(cs.name)));
    restarts += num(cs.restartCount);
    lastRestart = laterOf(lastRestart, cs);
    if (sidecar) {
      sidecarRestarts += num(cs.restartCount);
      lastSidecarRestart = laterOf(lastSidecarRestart, cs);
    }
    const terminated = get(cs, 'state', 'terminated');
    const waiting = get(cs, 'state', 'waiting');
    if (terminated !== undefined && num(rec(terminated).exitCode) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready === true) ready++;
      continue;
    }
    if (terminated !== undefined) {
      const term = rec(terminated);
      reason = str(term.reason) ? `Init:${str(term.reason)}` : terminatedText('Init:', term);
    } else if (waiting !== undefined && str(rec(waiting).reason) !== '' && rec(waiting).reason !== 'PodInitializing') {
      reason = `Init:${str(rec(waiting).reason)}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses).map(rec);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i] as Obj;
      restarts += num(cs.restartCount);
      lastRestart = laterOf(lastRestart, cs);
      const waiting = get(cs, 'state', 'waiting');
      const terminated = get(cs, 'state', 'terminated');
      if (waiting !== undefined && str(rec(waiting).reason) !== '') {
        reason = str(rec(waiting).reason);
      } else if (terminated !== undefined && str(rec(terminated).reason) !== '') {
        reason = str(rec(terminated).reason);
      } else if (terminated !== undefined) {
        reason = terminatedText('', rec(terminated));
      } else if (cs.ready === true && get(cs, 'state', 'running') !== undefined) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(status, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata?.deletionTimestamp) {
    if (status.reason === 'NodeLost') reason = 'Unknown';
    else if (phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  }
  return { ready, total, reason, restarts, lastRestart };
}

function readinessGates(pod: KubeObject): string {
  const gates = arr(get(pod.spec, 'readinessGates')).map(rec);
  if (gates.length === 0) return '<none>';
  const conditions = arr(get(pod.status, 'conditions')).map(rec);
  let trueCount = 0;
  for (const g of gates) {
    const c = conditions.find((x) => x.type === g.conditionType);
    if (c?.status === 'True') trueCount++;
  }
  return `${trueCount}/${gates.length}`;
}

const SUCCEEDED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

/** podPrinter renders `kubectl get pods` (wide form). */
export const podPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    ageCol(),
    col('IP', 'string', 'IP address allocated to the pod.', 1),
    col('Node', 'string', 'Name of the node the pod is scheduled to.', 1),
    col('Nominated Node', 'string', 'Name of the node the scheduler nominated for this pod.', 1),
    col('Readiness Gates', 'string', 'Readiness gates of the pod and how many are satisfied.', 1),
  ],
  cells(pod, now) {
    const s = summarizePod(pod);
    const restarts = s.restarts !== 0 && s.lastRestart !== undefined ? `${s.restarts} (${humanDuration(now - s.lastRestart)} ago)` : String(s.restarts);
    const podIP = str(get(arr(get(pod.status, 'podIPs'))[0], 'ip'));
    return [
      pod.metadata?.name ?? '',
      `${s.ready}/${s.total}`,
      s.reason,
      restarts,
      since(pod.metadata?.creationTimestamp, now),
      podIP || '<none>',
      str(get(pod.spec, 'nodeName')) || '<none>',
      str(get(pod.status, 'nominatedNodeName')) || '<none>',
      readinessGates(pod),
    ];
  },
  conditions(pod) {
    const phase = get(pod.status, 'phase');
    if (phase === 'Succeeded') return SUCCEEDED;
    if (phase === 'Failed') return FAILED;
    return undefined;
  },
};
