import { child, fe, index, type FieldError } from '../../machinery/field-errors.js';
import { parseGoDuration } from './duration.js';
import { EXTENSION_POINT_FIELDS } from './schema.js';
import type { KubeSchedulerConfiguration, KubeSchedulerProfileV1, PluginSetV1 } from './types.js';
import { ARG_VALIDATORS } from './validation-args.js';

/** Plugins v1 no longer accepts (invalidPluginsByVersion upstream). */
const INVALID_PLUGINS = ['AzureDiskLimits', 'CinderLimits', 'EBSLimits', 'GCEPDLimits'];

/**
 * validateConfig is ValidateKubeSchedulerConfiguration on the defaulted v1 object, with
 * upstream's field paths and messages, in upstream's order.
 */
export function validateConfig(c: KubeSchedulerConfiguration): FieldError[] {
  const errs: FieldError[] = [];
  if ((c.clientConnection.burst ?? 0) < 0) errs.push(fe.invalid('clientConnection.burst', c.clientConnection.burst, 'must be non-negative'));
  errs.push(...validateLeaderElection(c.leaderElection));
  if (c.leaderElection.leaderElect && c.leaderElection.resourceLock !== 'leases') errs.push(fe.invalid('leaderElection.resourceLock', c.leaderElection.resourceLock, 'resourceLock value must be "leases"'));
  if (c.parallelism <= 0) errs.push(fe.invalid('parallelism', c.parallelism, 'should be an integer value greater than zero'));
  if (c.profiles.length === 0) errs.push(fe.required('profiles'));
  else {
    const seen = new Map<string, number>();
    c.profiles.forEach((p, i) => {
      const path = index('profiles', i);
      errs.push(...validateProfile(path, c.apiVersion, p));
      const name = p.schedulerName ?? '';
      // The bad value is a *field.Path, which marshals to {} in the message.
      if (seen.has(name)) errs.push(fe.duplicate(child(path, 'schedulerName'), {}));
      seen.set(name, i);
    });
    errs.push(...validateCommonQueueSort(c.profiles));
  }
  errs.push(...validatePercentage('percentageOfNodesToScore', c.percentageOfNodesToScore));
  if (c.podInitialBackoffSeconds <= 0) errs.push(fe.invalid('podInitialBackoffSeconds', c.podInitialBackoffSeconds, 'must be greater than 0'));
  if (c.podMaxBackoffSeconds < c.podInitialBackoffSeconds) errs.push(fe.invalid('podMaxBackoffSeconds', c.podMaxBackoffSeconds, 'must be greater than or equal to PodInitialBackoffSeconds'));
  errs.push(...validateExtenders(c.extenders ?? []));
  return errs;
}

/** validateLeaderElection is component-base's ValidateLeaderElectionConfiguration. */
function validateLeaderElection(le: KubeSchedulerConfiguration['leaderElection']): FieldError[] {
  if (!le.leaderElect) return [];
  const errs: FieldError[] = [];
  const p = 'leaderElection';
  const ms = (d: string) => parseGoDuration(d);
  if (ms(le.leaseDuration) <= 0) errs.push(fe.invalid(child(p, 'leaseDuration'), le.leaseDuration, 'must be greater than zero'));
  if (ms(le.renewDeadline) <= 0) errs.push(fe.invalid(child(p, 'renewDeadline'), le.renewDeadline, 'must be greater than zero'));
  if (ms(le.retryPeriod) <= 0) errs.push(fe.invalid(child(p, 'retryPeriod'), le.retryPeriod, 'must be greater than zero'));
  if (ms(le.leaseDuration) <= ms(le.renewDeadline)) errs.push(fe.invalid(child(p, 'leaseDuration'), le.renewDeadline, 'LeaseDuration must be greater than RenewDeadline'));
  if (!le.resourceLock) errs.push(fe.invalid(child(p, 'resourceLock'), le.resourceLock, 'resourceLock is required'));
  if (!le.resourceNamespace) errs.push(fe.invalid(child(p, 'resourceNamespace'), le.resourceNamespace, 'resourceNamespace is required'));
  if (!le.resourceName) errs.push(fe.invalid(child(p, 'resourceName'), le.resourceName, 'resourceName is required'));
  return errs;
}

function validatePercentage(path: string, v: number | undefined): FieldError[] {
  return v !== undefined && (v < 0 || v > 100) ? [fe.invalid(path, v, 'not in valid range [0-100]')] : [];
}

function validateProfile(path: string, apiVersion: string, p: KubeSchedulerProfileV1): FieldError[] {
  const errs: FieldError[] = [];
  if (!p.schedulerName) errs.push(fe.required(child(path, 'schedulerName')));
  errs.push(...validatePercentage(child(path, 'percentageOfNodesToScore'), p.percentageOfNodesToScore));
  // MultiPoint is not checked for removed plugins upstream either.
  for (const point of EXTENSION_POINT_FIELDS) {
    (p.plugins?.[point]?.enabled ?? []).forEach((pl, i) => {
      if (INVALID_PLUGINS.includes(pl.name)) errs.push(fe.invalid(index(child(child(child(path, 'plugins'), point), 'enabled'), i), pl.name, removedDetail(apiVersion)));
    });
  }
  const seen = new Set<string>();
  (p.pluginConfig ?? []).forEach((pc, i) => {
    const pcPath = index(child(path, 'pluginConfig'), i);
    if (seen.has(pc.name)) errs.push(fe.duplicate(pcPath, pc.name));
    seen.add(pc.name);
    if (INVALID_PLUGINS.includes(pc.name)) errs.push(fe.invalid(pcPath, pc.name, removedDetail(apiVersion)));
    else if (ARG_VALIDATORS[pc.name] && pc.args) errs.push(...ARG_VALIDATORS[pc.name]!(child(pcPath, 'args'), pc.args));
  });
  return errs;
}

function removedDetail(apiVersion: string): string {
  return `was invalid in version ${JSON.stringify(apiVersion)} (KubeSchedulerConfiguration is version ${JSON.stringify(apiVersion)})`;
}

/** internalPluginSet is how the internal config.PluginSet marshals inside a message (Go field names, nil slices as null). */
function internalPluginSet(s: PluginSetV1 | undefined): unknown {
  const list = (l: Array<{ name: string; weight?: number }> | undefined) => (l ? l.map((x) => ({ Name: x.name, Weight: x.weight ?? 0 })) : null);
  return { Enabled: list(s?.enabled), Disabled: list(s?.disabled) };
}

/** validateCommonQueueSort: one queue serves every profile, so their queueSort sets and its args must match. */
function validateCommonQueueSort(profiles: KubeSchedulerConfiguration['profiles']): FieldError[] {
  const errs: FieldError[] = [];
  const canon = profiles[0]!.plugins?.queueSort;
  const enabled = canon?.enabled ?? [];
  const sortName = enabled[0]?.name ?? '';
  if (enabled.length > 1) errs.push(fe.invalid('profiles[0].plugins.queueSort.Enabled', enabled.length, 'only one queue sort plugin can be enabled'));
  const sortArgs = sortName ? profiles[0]!.pluginConfig.find((c) => c.name === sortName)?.args : undefined;
  for (let i = 1; i < profiles.length; i++) {
    const curr = profiles[i]!.plugins?.queueSort;
    if (JSON.stringify(internalPluginSet(canon)) !== JSON.stringify(internalPluginSet(curr))) errs.push(fe.invalid(`profiles[${i}].plugins.queueSort`, internalPluginSet(curr), 'must be the same for all profiles'));
    for (const pc of profiles[i]!.pluginConfig) {
      if (pc.name === sortName && JSON.stringify(pc.args ?? null) !== JSON.stringify(sortArgs ?? null)) errs.push(fe.invalid(`profiles[${i}].pluginConfig.args`, pc.args ?? null, 'queueSort must be the same for all profiles'));
    }
  }
  return errs;
}

function validateExtenders(extenders: Array<Record<string, any>>): FieldError[] {
  const errs: FieldError[] = [];
  let binders = 0;
  const managed = new Set<string>();
  extenders.forEach((e, i) => {
    const p = index('extenders', i);
    if (e.prioritizeVerb && !((e.weight ?? 0) > 0)) errs.push(fe.invalid(child(p, 'weight'), e.weight ?? 0, 'must have a positive weight applied to it'));
    if (e.bindVerb) binders++;
    (Array.isArray(e.managedResources) ? e.managedResources : []).forEach((r: { name?: string }, j: number) => {
      const rp = child(index(child(p, 'managedResources'), j), 'name');
      if (managed.has(r.name ?? '')) errs.push(fe.invalid(rp, r.name ?? '', 'duplicate extender managed resource name'));
      managed.add(r.name ?? '');
    });
  });
  if (binders > 1) errs.push(fe.invalid('extenders', `found ${binders} extenders implementing bind`, 'only one extender can implement bind'));
  return errs;
}
