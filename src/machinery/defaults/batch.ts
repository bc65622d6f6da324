/**
 * batch/v1 defaults (SetDefaults_Job, SetDefaults_CronJob) and the Job strategy's create-time
 * selector generation, which needs the server-assigned UID and so is not a version default.
 */
import { defaultTemplate, ensureObj, isObj, list, setIfUnset, setIfEmpty } from './util.js';

const MAX_INT32 = 2147483647;

/** defaultJob applies version defaults; it runs on every read too, hence the label copy on read. */
export function defaultJob(job: any): void {
  if (!isObj(job)) return;
  const spec = ensureObj(job, 'spec');
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setIfUnset(spec, 'parallelism', 1);
  setIfUnset(spec, 'backoffLimit', spec.backoffLimitPerIndex != null ? MAX_INT32 : 6);
  const tplLabels = spec.template?.metadata?.labels;
  const meta = ensureObj(job, 'metadata');
  if (isObj(tplLabels) && Object.keys(isObj(meta.labels) ? meta.labels : {}).length === 0) meta.labels = { ...tplLabels };
  setIfUnset(spec, 'completionMode', 'NonIndexed');
  setIfUnset(spec, 'suspend', false);
  for (const rule of list(spec.podFailurePolicy?.rules)) {
    for (const p of list(rule?.onPodConditions)) if (isObj(p)) setIfEmpty(p, 'status', 'True');
  }
  setIfUnset(spec, 'podReplacementPolicy', spec.podFailurePolicy != null ? 'Failed' : 'TerminatingOrFailed');
  setIfUnset(spec, 'manualSelector', false);
  defaultTemplate(spec.template);
}

/** defaultCronJob: CronJob-level defaults; the Job defaults are not applied inside jobTemplate. */
export function defaultCronJob(cj: any): void {
  if (!isObj(cj)) return;
  const spec = ensureObj(cj, 'spec');
  setIfEmpty(spec, 'concurrencyPolicy', 'Allow');
  setIfUnset(spec, 'suspend', false);
  setIfUnset(spec, 'successfulJobsHistoryLimit', 3);
  setIfUnset(spec, 'failedJobsHistoryLimit', 1);
  defaultTemplate(spec.jobTemplate?.spec?.template);
}

/** Labels the Job strategy puts on pod templates (new prefixed and legacy names). */
export const JOB_LABELS = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  legacyControllerUid: 'controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyJobName: 'job-name',
} as const;

/**
 * prepareJobForCreate is the Job strategy's selector generation: unless manualSelector is true,
 * add the controller-uid/job-name labels to the template (keeping user values for keys already
 * present) and add the controller UID to selector.matchLabels. A user value that conflicts is
 * left for validation to reject. Requires metadata.uid and metadata.name.
 */
export function prepareJobForCreate(job: any): void {
  if (!isObj(job) || job.spec?.manualSelector === true) return;
  const uid = String(job.metadata?.uid ?? '');
  const name = String(job.metadata?.name ?? '');
  const spec = ensureObj(job, 'spec');
  const tmeta = ensureObj(ensureObj(spec, 'template'), 'metadata');
  const labels = ensureObj(tmeta, 'labels');
  for (const [k, v] of [
    [JOB_LABELS.controllerUid, uid],
    [JOB_LABELS.legacyControllerUid, uid],
    [JOB_LABELS.jobName, name],
    [JOB_LABELS.legacyJobName, name],
  ] as const) {
    if (!(k in labels)) labels[k] = v;
  }
  const sel = ensureObj(spec, 'selector');
  const ml = ensureObj(sel, 'matchLabels');
  if (!(JOB_LABELS.controllerUid in ml)) ml[JOB_LABELS.controllerUid] = uid;
}
