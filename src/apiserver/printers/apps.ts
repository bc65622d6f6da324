import type { KubeObject } from '../../api/meta.js';
import { ageOf, nameOf } from './core.js';
import { get, num } from './fields.js';
import { containerCells, formatLabelSelector, formatLabels, labelSelectorString } from './format.js';
import { ageCol, col, nameCol, type TablePrinter } from './types.js';

const CONTAINERS = col('Containers', 'string', 'Names of each container in the template.', 1);
const IMAGES = col('Images', 'string', 'Images referenced by each container in the template.', 1);
const SELECTOR = col('Selector', 'string', 'Label selector for pods.', 1);

function templateContainers(o: KubeObject): [string, string] {
  return containerCells(get(o.spec, 'template', 'spec'));
}

/** deploymentPrinter: Up-to-date and Available are declared string but carry integers. */
export const deploymentPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    col('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    ageCol(),
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells: (o, now) => [
    nameOf(o),
    `${num(get(o.status, 'readyReplicas'))}/${num(get(o.spec, 'replicas'))}`,
    num(get(o.status, 'updatedReplicas')),
    num(get(o.status, 'availableReplicas')),
    ageOf(o, now),
    ...templateContainers(o),
    labelSelectorString(get(o.spec, 'selector')) ?? '<invalid>',
  ],
};

/** replicaSetPrinter: integer Desired/Current/Ready. */
export const replicaSetPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    col('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    col('Ready', 'integer', 'The number of ready replicas for this replica set.'),
    ageCol(),
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells: (o, now) => [
    nameOf(o),
    num(get(o.spec, 'replicas')),
    num(get(o.status, 'replicas')),
    num(get(o.status, 'readyReplicas')),
    ageOf(o, now),
    ...templateContainers(o),
    formatLabelSelector(get(o.spec, 'selector')),
  ],
};

/** statefulSetPrinter: Ready as ready/desired; no selector column. */
export const statefulSetPrinter: TablePrinter = {
  columns: [nameCol(), col('Ready', 'string', 'Number of the pod with ready state'), ageCol(), CONTAINERS, IMAGES],
  cells: (o, now) => [
    nameOf(o),
    `${num(get(o.status, 'readyReplicas'))}/${num(get(o.spec, 'replicas'))}`,
    ageOf(o, now),
    ...templateContainers(o),
  ],
};

/** daemonSetPrinter: scheduling counters from status plus the template's node selector. */
export const daemonSetPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Desired', 'integer', 'The total number of nodes that should be running the daemon pod.'),
    col('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
    col('Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'),
    col('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    col('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.'),
    col('Node Selector', 'string', 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
    ageCol(),
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells: (o, now) => [
    nameOf(o),
    num(get(o.status, 'desiredNumberScheduled')),
    num(get(o.status, 'currentNumberScheduled')),
    num(get(o.status, 'numberReady')),
    num(get(o.status, 'updatedNumberScheduled')),
    num(get(o.status, 'numberAvailable')),
    formatLabels(get(o.spec, 'template', 'spec', 'nodeSelector')),
    ageOf(o, now),
    ...templateContainers(o),
    formatLabelSelector(get(o.spec, 'selector')),
  ],
};

/** controllerOf renders the controlling owner as `lowercase(Kind.group)/name`, or '<none>'. */
export function controllerOf(o: KubeObject): string {
  const ref = (o.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  if (!ref) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash >= 0 ? ref.apiVersion.slice(0, slash) : '';
  const groupKind = group ? `${ref.kind}.${group}` : ref.kind;
  return groupKind ? `${groupKind.toLowerCase()}/${ref.name}` : ref.name;
}

/** controllerRevisionPrinter: Revision is declared string but carries an integer. */
export const controllerRevisionPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Controller', 'string', 'Controller of the object'),
    col('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
    ageCol(),
  ],
  cells: (o, now) => [nameOf(o), controllerOf(o), num(o.revision), ageOf(o, now)],
};
