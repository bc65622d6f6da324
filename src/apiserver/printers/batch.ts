import type { KubeObject } from '../../api/meta.js';
import { ageOf, nameOf } from './core.js';
import { humanDuration, parseTime, since } from './duration.js';
import { arr, get, num, rec } from './fields.js';
import { boolPtr, containerCells, formatLabelSelector } from './format.js';
import { ageCol, col, nameCol, type TablePrinter } from './types.js';

const CONTAINERS = col('Containers', 'string', 'Names of each container in the template.', 1);
const IMAGES = col('Images', 'string', 'Images referenced by each container in the template.', 1);
const SELECTOR = col('Selector', 'string', 'A label query over pods that should match the pod count.', 1);

/** jobCondition is hasJobCondition: the first condition of that type decides, True or not. */
function jobCondition(job: KubeObject, type: string): boolean {
  const c = arr(get(job.status, 'conditions')).map(rec).find((x) => x.type === type);
  return c?.status === 'True';
}

/** jobStatus picks the first match of Complete, Failed, Terminating, Suspended, FailureTarget, SuccessCriteriaMet. */
export function jobStatus(job: KubeObject): string {
  if (jobCondition(job, 'Complete')) return 'Complete';
  if (jobCondition(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (jobCondition(job, 'Suspended')) return 'Suspended';
  if (jobCondition(job, 'FailureTarget')) return 'FailureTarget';
  if (jobCondition(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

/** jobCompletions: 'succeeded/completions', or '/1' forms ('of parallelism' when > 1) without completions. */
export function jobCompletions(job: KubeObject): string {
  const succeeded = num(get(job.status, 'succeeded'));
  const completions = get(job.spec, 'completions');
  if (typeof completions === 'number') return `${succeeded}/${completions}`;
  const parallelism = num(get(job.spec, 'parallelism'));
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** jobDuration: '' before start, running time until completionTime, then the fixed span. */
export function jobDuration(job: KubeObject, now: number): string {
  const start = parseTime(get(job.status, 'startTime'));
  if (start === undefined) return '';
  const end = parseTime(get(job.status, 'completionTime'));
  return humanDuration((end ?? now) - start);
}

/** jobPrinter renders `kubectl get jobs` (wide form). */
export const jobPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
    col('Duration', 'string', 'Time required to complete the job.'),
    ageCol(),
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells: (o, now) => [
    nameOf(o),
    jobStatus(o),
    jobCompletions(o),
    jobDuration(o, now),
    ageOf(o, now),
    ...containerCells(get(o.spec, 'template', 'spec')),
    formatLabelSelector(get(o.spec, 'selector')),
  ],
};

/** cronJobPrinter: Suspend is declared boolean but the cell is 'True'/'False'/'<unset>'. */
export const cronJobPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Schedule', 'string', 'The schedule in Cron format.'),
    col('Timezone', 'string', 'The time zone name for the given schedule.'),
    col('Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions.'),
    col('Active', 'integer', 'A list of pointers to currently running jobs.'),
    col('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
    ageCol(),
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(o, now) {
    const spec = rec(o.spec);
    const last = get(o.status, 'lastScheduleTime');
    return [
      nameOf(o),
      typeof spec.schedule === 'string' ? spec.schedule : '',
      typeof spec.timeZone === 'string' ? spec.timeZone : '<none>',
      boolPtr(spec.suspend),
      arr(get(o.status, 'active')).length,
      last === undefined || last === null ? '<none>' : since(last, now),
      ageOf(o, now),
      ...containerCells(get(spec, 'jobTemplate', 'spec', 'template', 'spec')),
      formatLabelSelector(get(spec, 'jobTemplate', 'spec', 'selector')),
    ];
  },
};
