/**
 * apps/v1 defaults (SetDefaults_Deployment, _ReplicaSet, _StatefulSet, _DaemonSet). Selectors are
 * never defaulted in apps/v1: validation requires them.
 */
import { defaultPVC, defaultTemplate, ensureObj, isObj, list, setIfEmpty, setIfUnset } from './util.js';

export function defaultDeployment(d: any): void {
  if (!isObj(d)) return;
  const spec = ensureObj(d, 'spec');
  setIfUnset(spec, 'replicas', 1);
  const strategy = ensureObj(spec, 'strategy');
  setIfEmpty(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = ensureObj(strategy, 'rollingUpdate');
    setIfUnset(ru, 'maxUnavailable', '25%');
    setIfUnset(ru, 'maxSurge', '25%');
  }
  setIfUnset(spec, 'revisionHistoryLimit', 10);
  setIfUnset(spec, 'progressDeadlineSeconds', 600);
  defaultTemplate(spec.template);
}

export function defaultReplicaSet(rs: any): void {
  if (!isObj(rs)) return;
  const spec = ensureObj(rs, 'spec');
  setIfUnset(spec, 'replicas', 1);
  defaultTemplate(spec.template);
}

export function defaultStatefulSet(sts: any): void {
  if (!isObj(sts)) return;
  const spec = ensureObj(sts, 'spec');
  setIfEmpty(spec, 'podManagementPolicy', 'OrderedReady');
  const us = ensureObj(spec, 'updateStrategy');
  if (!us.type) {
    us.type = 'RollingUpdate';
    ensureObj(us, 'rollingUpdate');
  }
  if (us.type === 'RollingUpdate' && isObj(us.rollingUpdate)) setIfUnset(us.rollingUpdate, 'partition', 0);
  const ret = ensureObj(spec, 'persistentVolumeClaimRetentionPolicy');
  setIfEmpty(ret, 'whenDeleted', 'Retain');
  setIfEmpty(ret, 'whenScaled', 'Retain');
  setIfUnset(spec, 'replicas', 1);
  setIfUnset(spec, 'revisionHistoryLimit', 10);
  defaultTemplate(spec.template);
  for (const pvc of list(spec.volumeClaimTemplates)) defaultPVC(pvc);
}

export function defaultDaemonSet(ds: any): void {
  if (!isObj(ds)) return;
  const spec = ensureObj(ds, 'spec');
  const us = ensureObj(spec, 'updateStrategy');
  setIfEmpty(us, 'type', 'RollingUpdate');
  if (us.type === 'RollingUpdate') {
    const ru = ensureObj(us, 'rollingUpdate');
    setIfUnset(ru, 'maxUnavailable', 1);
    setIfUnset(ru, 'maxSurge', 0);
  }
  setIfUnset(spec, 'revisionHistoryLimit', 10);
  defaultTemplate(spec.template);
}
