import type { KubeObject } from '../../api/meta.js';
import { errors, isStatusError } from '../../machinery/errors.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../registry/context.js';
import type { ResourceStore } from '../registry/store.js';

/** PriorityClass is the slice of scheduling.k8s.io/v1 PriorityClass admission reads. */
type PriorityClass = KubeObject & { value?: number; globalDefault?: boolean; preemptionPolicy?: string; description?: string };
type PodSpec = { priorityClassName?: string; priority?: number | null; preemptionPolicy?: string | null };

const PODS = { group: '', resource: 'pods' };
const CLASSES = { group: 'scheduling.k8s.io', resource: 'priorityclasses' };

/**
 * SYSTEM_PRIORITY_CLASSES are the classes kube-apiserver creates at startup (its
 * scheduling PostStartHook) and refuses to delete.
 */
export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClass[] = [
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' }, value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.' },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical' }, value: 2000000000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
];

/**
 * priorityAdmission is upstream's Priority admission plugin. On pod create it resolves
 * spec.priorityClassName (or the globalDefault class, else 0) into spec.priority and
 * spec.preemptionPolicy, refusing unknown classes and client-set values that disagree; on
 * pod update it carries both over from the old pod. For PriorityClasses it allows one
 * globalDefault and keeps the system classes from being deleted.
 */
export function priorityAdmission(classes: () => ResourceStore | undefined): AdmissionPlugin {
  // Every pod create without a class looks for the default: shared objects, decoded once per version.
  const list = async (): Promise<ReadonlyArray<Readonly<PriorityClass>>> => ((await classes()?.listShared('')) ?? []) as ReadonlyArray<Readonly<PriorityClass>>;
  /** The default is the globalDefault class with the lowest value, should a race have made two. */
  const defaultClass = async (): Promise<Readonly<PriorityClass> | undefined> => {
    let best: Readonly<PriorityClass> | undefined;
    for (const pc of await list()) if (pc.globalDefault && (!best || (best.value ?? 0) > (pc.value ?? 0))) best = pc;
    return best;
  };
  const lookup = async (a: AdmissionAttributes, name: string): Promise<PriorityClass> => {
    const store = classes();
    if (store) {
      try {
        return (await store.get('', name)) as PriorityClass;
      } catch (e) {
        if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
      }
    }
    throw errors.forbiddenObject(PODS, a.name, `no PriorityClass with name ${name} was found`);
  };

  return {
    name: 'Priority',
    async admit(a) {
      if (a.subresource || a.info.group !== '' || a.info.kind !== 'Pod' || !a.object) return;
      const spec = ((a.object.spec ??= {}) as PodSpec);
      if (a.operation === 'UPDATE') {
        const old = (a.oldObject?.spec ?? {}) as PodSpec;
        if (spec.priority == null && old.priority != null) spec.priority = old.priority;
        if (spec.preemptionPolicy == null && old.preemptionPolicy != null) spec.preemptionPolicy = old.preemptionPolicy;
        return;
      }
      if (a.operation !== 'CREATE') return;
      let priority = 0;
      let policy: string | undefined = 'PreemptLowerPriority';
      if (!spec.priorityClassName) {
        const pc = await defaultClass();
        if (pc) {
          spec.priorityClassName = pc.metadata!.name;
          priority = pc.value ?? 0;
          policy = pc.preemptionPolicy;
        }
      } else {
        const pc = await lookup(a, spec.priorityClassName);
        priority = pc.value ?? 0;
        policy = pc.preemptionPolicy;
      }
      if (spec.priority != null && spec.priority !== priority) {
        throw errors.forbiddenObject(PODS, a.name, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
      }
      spec.priority = priority;
      if (policy) {
        if (spec.preemptionPolicy != null && spec.preemptionPolicy !== policy) {
          throw errors.forbiddenObject(PODS, a.name, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
        }
        spec.preemptionPolicy = policy;
      }
    },
    async validate(a) {
      if (a.subresource || a.info.group !== CLASSES.group || a.info.plural !== CLASSES.resource) return;
      if (a.operation === 'DELETE') {
        if (SYSTEM_PRIORITY_CLASSES.some((pc) => pc.metadata!.name === a.name)) throw errors.forbiddenObject(CLASSES, a.name, 'this is a system priority class and cannot be deleted');
        return;
      }
      const pc = a.object as PriorityClass | undefined;
      if (!pc?.globalDefault) return;
      const current = await defaultClass();
      if (current && (a.operation === 'CREATE' || current.metadata?.name !== pc.metadata?.name)) {
        throw errors.forbiddenObject(CLASSES, a.name, `PriorityClass ${current.metadata?.name} is already marked as default. Only one default can exist`);
      }
    },
  };
}
