/**
 * Valid objects for tests of the per-kind validators: each passes validation as is, so a test
 * changes one field and asserts the exact errors it causes.
 */
import { applyDefaults } from '../defaults/index.js';
import { fieldErrorMessage, type FieldError } from '../field-errors.js';
import type { ValidationContext } from './context.js';

/** ctxWith enables exactly the named gates. */
export function ctxWith(...gates: string[]): ValidationContext {
  return { gates: (n) => gates.includes(n) };
}

/** render turns errors into upstream-style message strings. */
export const render = (errs: FieldError[]): string[] => errs.map(fieldErrorMessage);

/** podTemplate returns a defaulted template labelled `labels`. */
export function podTemplate(labels: Record<string, string> = { app: 'web' }, restartPolicy = 'Always'): any {
  const pod = { metadata: { labels }, spec: { restartPolicy, containers: [{ name: 'c', image: 'busybox:1.36' }] } };
  applyDefaults({ group: '', version: 'v1', kind: 'PodTemplate' }, { template: pod });
  return pod;
}

/** job returns a defaulted, valid Job with a manual selector. */
export function job(spec: Record<string, unknown> = {}): any {
  const j = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default' },
    spec: { manualSelector: true, selector: { matchLabels: { app: 'pi' } }, template: podTemplate({ app: 'pi' }, 'Never'), ...spec },
  };
  applyDefaults({ group: 'batch', version: 'v1', kind: 'Job' }, j);
  return j;
}

/** deployment returns a defaulted, valid Deployment. */
export function deployment(spec: Record<string, unknown> = {}): any {
  const d = {
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate(), ...spec },
  };
  applyDefaults({ group: 'apps', version: 'v1', kind: 'Deployment' }, d);
  return d;
}
