/**
 * Job /status validation (ValidateJobUpdateStatus as of v1.35, JobManagedBy locked on). Since an
 * external controller may write Job status, the status must stay self-consistent. Most rules
 * only fire when the fields they look at changed in this write, so an object that was already
 * inconsistent can still take unrelated status updates.
 */
import { deepEqual } from '../deep.js';
import { child, fe, index, OMITTED, type FieldError } from '../field-errors.js';
import { isObj, list, str, validateNonnegative } from './common.js';
import { firstOverlap, parseIndexes } from './job-indexes.js';

const S = 'status';
const C = 'status.conditions';

/** hasCond: a condition counts only with status "True". */
function hasCond(job: any, type: string): boolean {
  return list(job?.status?.conditions).some((c) => c?.type === type && c?.status === 'True');
}
const finished = (j: any): boolean => hasCond(j, 'Complete') || hasCond(j, 'Failed');
const time = (v: unknown): number | undefined => (typeof v === 'string' && v ? Date.parse(v) : undefined);

function validateUncounted(status: any): FieldError[] {
  const u = status.uncountedTerminatedPods;
  if (!isObj(u)) return [];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const k of ['succeeded', 'failed']) {
    list(u[k]).forEach((uid: unknown, j: number) => {
      const p = index(child(child(S, 'uncountedTerminatedPods'), k), j);
      const s = str(uid);
      if (!s) errs.push(fe.invalid(p, s, 'must not be empty'));
      else if (seen.has(s)) errs.push(fe.duplicate(p, s));
      else seen.add(s);
    });
  }
  return errs;
}

/** Field checks that hold for every status write. */
function validateStatusFields(job: any): FieldError[] {
  const st = job.status ?? {};
  const errs: FieldError[] = [];
  for (const f of ['active', 'succeeded', 'failed', 'ready', 'terminating']) errs.push(...validateNonnegative(st[f], child(S, f)));
  errs.push(...validateUncounted(st));
  const scm = hasCond(job, 'SuccessCriteriaMet');
  if (scm && hasCond(job, 'Failed')) errs.push(fe.invalid(C, OMITTED, 'cannot set SuccessCriteriaMet=True and Failed=true conditions'));
  if (scm && hasCond(job, 'FailureTarget')) errs.push(fe.invalid(C, OMITTED, 'cannot set SuccessCriteriaMet=True and FailureTarget=true conditions'));
  if (job.spec?.successPolicy && hasCond(job, 'Complete') && !scm) {
    errs.push(fe.invalid(C, OMITTED, 'cannot set Complete=True for Job with SuccessPolicy unless SuccessCriteriaMet=True'));
  }
  return errs;
}

/** Consistency rules, each enabled only when a field it reads changed. */
function validateConsistency(job: any, old: any): FieldError[] {
  const st = job.status ?? {};
  const ost = old.status ?? {};
  const ch = (f: string): boolean => !deepEqual(st[f] ?? null, ost[f] ?? null);
  const cc = (t: string): boolean => hasCond(job, t) !== hasCond(old, t);
  const complete = hasCond(job, 'Complete');
  const fin = finished(job);
  const finCh = fin !== finished(old);
  const spec = job.spec ?? {};
  const errs: FieldError[] = [];
  if ((cc('Complete') || cc('Failed')) && complete && hasCond(job, 'Failed')) {
    errs.push(fe.invalid(C, OMITTED, 'cannot set Complete=True and Failed=true conditions'));
  }
  if ((cc('Complete') || cc('FailureTarget')) && complete && hasCond(job, 'FailureTarget')) {
    errs.push(fe.invalid(C, OMITTED, 'cannot set Complete=True and FailureTarget=true conditions'));
  }
  if (cc('Complete') || ch('completionTime')) {
    if (st.completionTime && !complete) errs.push(fe.invalid(child(S, 'completionTime'), st.completionTime, 'cannot set completionTime when there is no Complete=True condition'));
    if (complete && !st.completionTime) errs.push(fe.required(child(S, 'completionTime'), 'completionTime is required for Complete jobs'));
  }
  if ((ch('startTime') || ch('completionTime')) && st.startTime && st.completionTime && time(st.completionTime)! < time(st.startTime)!) {
    errs.push(fe.invalid(child(S, 'completionTime'), st.completionTime, 'completionTime cannot be set before startTime'));
  }
  if ((cc('Failed') || cc('FailureTarget')) && hasCond(job, 'Failed') && !hasCond(job, 'FailureTarget')) {
    errs.push(fe.invalid(C, OMITTED, 'cannot set Failed=True condition without the FailureTarget=true condition'));
  }
  if ((cc('Complete') || cc('SuccessCriteriaMet')) && complete && !hasCond(job, 'SuccessCriteriaMet')) {
    errs.push(fe.invalid(C, OMITTED, 'cannot set Complete=True condition without the SuccessCriteriaMet=true condition'));
  }
  if ((finCh || ch('active')) && fin && (st.active ?? 0) > 0) errs.push(fe.invalid(child(S, 'active'), st.active, 'active>0 is invalid for finished job'));
  if ((finCh || ch('startTime')) && fin && !st.startTime) errs.push(fe.required(child(S, 'startTime'), 'startTime is required for finished job'));
  if ((finCh || ch('uncountedTerminatedPods')) && fin) {
    const u = st.uncountedTerminatedPods;
    if (isObj(u) && (list(u.succeeded).length > 0 || list(u.failed).length > 0)) {
      errs.push(fe.invalid(child(S, 'uncountedTerminatedPods'), u, 'uncountedTerminatedPods needs to be empty for finished job'));
    }
  }
  errs.push(...validateIndexLists(spec, st, ch('completedIndexes'), ch('failedIndexes')));
  if ((finCh || ch('terminating')) && fin && (st.terminating ?? 0) > 0) {
    errs.push(fe.invalid(child(S, 'terminating'), st.terminating, 'terminating>0 is invalid for finished job'));
  }
  if ((ch('ready') || ch('active')) && typeof st.ready === 'number' && st.ready > (st.active ?? 0)) {
    errs.push(fe.invalid(child(S, 'ready'), st.ready, 'cannot set more ready pods than active'));
  }
  return errs;
}

function validateIndexLists(spec: any, st: any, completedCh: boolean, failedCh: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const completions = typeof spec.completions === 'number' ? spec.completions : undefined;
  const completed = str(st.completedIndexes);
  const failed = typeof st.failedIndexes === 'string' ? st.failedIndexes : undefined;
  const parsedCompleted = completions !== undefined ? parseIndexes(completed, completions) : undefined;
  const parsedFailed = completions !== undefined && failed !== undefined ? parseIndexes(failed, completions) : undefined;
  if (completedCh && parsedCompleted && 'error' in parsedCompleted) {
    errs.push(fe.invalid(child(S, 'completedIndexes'), completed, `error parsing completedIndexes: ${parsedCompleted.error}`));
  }
  if (failedCh && spec.backoffLimitPerIndex != null && parsedFailed && 'error' in parsedFailed) {
    errs.push(fe.invalid(child(S, 'failedIndexes'), failed, `error parsing failedIndexes: ${parsedFailed.error}`));
  }
  if (completedCh && spec.completionMode !== 'Indexed' && completed !== '') {
    errs.push(fe.invalid(child(S, 'completedIndexes'), completed, 'cannot set non-empty completedIndexes when non-indexed completion mode'));
  }
  if (failedCh && spec.backoffLimitPerIndex == null && failed !== undefined) {
    errs.push(fe.invalid(child(S, 'failedIndexes'), failed, 'cannot set non-null failedIndexes when backoffLimitPerIndex is null'));
  }
  if ((failedCh || completedCh) && parsedCompleted && parsedFailed && 'intervals' in parsedCompleted && 'intervals' in parsedFailed) {
    const at = firstOverlap(parsedCompleted.intervals, parsedFailed.intervals);
    if (at !== undefined) errs.push(fe.invalid(child(S, 'failedIndexes'), failed, `failedIndexes and completedIndexes overlap at index: ${at}`));
  }
  return errs;
}

/** Transition rules between the old and new status. */
function validateTransitions(job: any, old: any): FieldError[] {
  const st = job.status ?? {};
  const ost = old.status ?? {};
  const spec = job.spec ?? {};
  const errs: FieldError[] = [];
  for (const t of ['Failed', 'Complete', 'FailureTarget']) {
    if (hasCond(old, t) && !hasCond(job, t)) errs.push(fe.invalid(C, OMITTED, `cannot disable the terminal ${t}=True condition`));
  }
  if ((st.failed ?? 0) < (ost.failed ?? 0)) errs.push(fe.invalid(child(S, 'failed'), st.failed ?? 0, 'cannot decrease the failed counter'));
  const elastic = spec.completionMode === 'Indexed' && spec.completions != null && spec.completions === spec.parallelism;
  if (!elastic && (st.succeeded ?? 0) < (ost.succeeded ?? 0)) {
    errs.push(fe.invalid(child(S, 'succeeded'), st.succeeded ?? 0, 'cannot decrease the succeeded counter'));
  }
  if (st.completionTime && ost.completionTime && time(st.completionTime) !== time(ost.completionTime)) {
    errs.push(fe.invalid(child(S, 'completionTime'), st.completionTime, 'completionTime cannot be mutated'));
  }
  if (ost.startTime && time(st.startTime) !== time(ost.startTime) && spec.suspend !== true) {
    errs.push(fe.required(child(S, 'startTime'), 'startTime cannot be removed for unsuspended job'));
  }
  if (hasCond(old, 'SuccessCriteriaMet') && !hasCond(job, 'SuccessCriteriaMet')) {
    errs.push(fe.invalid(C, OMITTED, 'cannot disable the SuccessCriteriaMet=True condition'));
  }
  if (hasCond(old, 'Complete') && !hasCond(old, 'SuccessCriteriaMet') && hasCond(job, 'SuccessCriteriaMet')) {
    errs.push(fe.invalid(C, OMITTED, 'cannot set SuccessCriteriaMet=True for Job already has Complete=true conditions'));
  }
  return errs;
}

/**
 * validateJobStatusUpdate validates a jobs/status write (metadata is the dispatcher's job).
 * The spec of `job` must already be the stored spec: the status strategy copies it from old.
 */
export function validateJobStatusUpdate(job: any, old: any): FieldError[] {
  return [...validateStatusFields(job), ...validateConsistency(job, old ?? {}), ...validateTransitions(job, old ?? {})];
}
