/**
 * CronJob validation (pkg/apis/batch/validation): schedule syntax, time zone, concurrency
 * policy, history limits and the job template (whose selector is always generated later).
 */
import { child, fe, type FieldError } from '../field-errors.js';
import { isObj, str, validateNonnegative } from './common.js';
import type { ValidationContext } from './context.js';
import { parseCronError } from './cron.js';
import { validateJobSpecFields } from './job.js';

/** Upstream caps CronJob names at 52 so the controller's "-<timestamp>" suffix still fits 63. */
const MAX_CRONJOB_NAME = 52;
const TZ_RE = /^[A-Za-z\.\-_0-9+]{1,14}$/;

function validateSchedule(schedule: string, tzAllowed: boolean, timeZone: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const err = parseCronError(schedule);
  if (err) errs.push(fe.invalid(path, schedule, err));
  if (tzAllowed && schedule.includes('TZ') && timeZone != null) {
    errs.push(fe.invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!tzAllowed && schedule.includes('TZ')) {
    errs.push(fe.invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

/** validateTimeZone checks IANA-style names syntactically (no tz database at hand). */
function validateTimeZone(tz: unknown, path: string): FieldError[] {
  if (tz == null) return [];
  const s = str(tz);
  if (s.length === 0) return [fe.invalid(path, s, 'unknown time zone')];
  if (s.toLowerCase() === 'local') return [fe.invalid(path, s, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  for (const part of s.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TZ_RE.test(part)) {
      return [fe.invalid(path, s, `unknown time zone ${s}`)];
    }
  }
  return [];
}

function validateSpec(spec: any, oldSpec: any, ctx: ValidationContext): FieldError[] {
  const s = isObj(spec) ? spec : {};
  const errs: FieldError[] = [];
  const schedule = str(s.schedule);
  if (!schedule) errs.push(fe.required('spec.schedule'));
  else errs.push(...validateSchedule(schedule, str(oldSpec?.schedule).includes('TZ'), s.timeZone, 'spec.schedule'));
  errs.push(...validateNonnegative(s.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  if (!oldSpec || oldSpec.timeZone !== s.timeZone) errs.push(...validateTimeZone(s.timeZone, 'spec.timeZone'));
  const cp = str(s.concurrencyPolicy);
  if (!cp) errs.push(fe.required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(fe.notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  const jt = isObj(s.jobTemplate) ? s.jobTemplate : {};
  const jp = 'spec.jobTemplate.spec';
  errs.push(...validateJobSpecFields(jt.spec, jp, ctx, oldSpec?.jobTemplate?.spec));
  if (jt.spec?.selector != null) errs.push(fe.invalid(child(jp, 'selector'), jt.spec.selector, '`selector` will be auto-generated'));
  if (jt.spec?.manualSelector === true) errs.push(fe.notSupported(child(jp, 'manualSelector'), true, ['nil', 'false']));
  errs.push(...validateNonnegative(s.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...validateNonnegative(s.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  return errs;
}

/** validateCronJob is the create check, with the 52-character name limit. */
export function validateCronJob(obj: any, ctx: ValidationContext): FieldError[] {
  const errs = validateSpec(obj?.spec, undefined, ctx);
  const name = str(obj?.metadata?.name);
  if (name.length > MAX_CRONJOB_NAME) errs.push(fe.invalid('metadata.name', name, 'must be no more than 52 characters'));
  return errs;
}

/** validateCronJobUpdate skips the name limit so old long-named CronJobs stay updatable. */
export function validateCronJobUpdate(obj: any, old: any, ctx: ValidationContext): FieldError[] {
  return validateSpec(obj?.spec, isObj(old?.spec) ? old.spec : {}, ctx);
}
