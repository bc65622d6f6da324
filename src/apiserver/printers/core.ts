import type { KubeObject } from '../../api/meta.js';
import { since } from './duration.js';
import { arr, get, num, quantity, rec, str, strMap } from './fields.js';
import { containerCells, formatLabels, joinHostPort, loadBalancerIngress } from './format.js';
import { ageCol, col, nameCol, type TablePrinter } from './types.js';

/** nameOf is the Name cell. */
export function nameOf(obj: KubeObject): string {
  return obj.metadata?.name ?? '';
}

/** ageOf is the Age cell. */
export function ageOf(obj: KubeObject, now: number): string {
  return since(obj.metadata?.creationTimestamp, now);
}

/** namespacePrinter: Name, Status (phase), Age. */
export const namespacePrinter: TablePrinter = {
  columns: [nameCol(), col('Status', 'string', 'The status of the namespace'), ageCol()],
  cells: (o, now) => [nameOf(o), str(get(o.status, 'phase')), ageOf(o, now)],
};

/** serviceExternalIP is the EXTERNAL-IP cell for each service type (wide: never truncated). */
export function serviceExternalIP(svc: KubeObject): string {
  const externalIPs = arr(get(svc.spec, 'externalIPs')).map(str);
  switch (get(svc.spec, 'type')) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const all = [...loadBalancerIngress(get(svc.status, 'loadBalancer')), ...externalIPs];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(get(svc.spec, 'externalName'));
    default:
      return '<unknown>';
  }
}

/** servicePorts is the PORT(S) cell: port[:nodePort]/protocol, ','-joined, '<none>' if none. */
export function servicePorts(svc: KubeObject): string {
  const ports = arr(get(svc.spec, 'ports')).map(rec);
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) => (num(p.nodePort) > 0 ? `${num(p.port)}:${num(p.nodePort)}/${str(p.protocol)}` : `${num(p.port)}/${str(p.protocol)}`))
    .join(',');
}

/** servicePrinter renders `kubectl get services` (wide form). */
export const servicePrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Type', 'string', 'type determines how the Service is exposed.'),
    col('Cluster-IP', 'string', 'clusterIP is the IP address of the service.'),
    col('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    col('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
    ageCol(),
    col('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1),
  ],
  cells: (o, now) => [
    nameOf(o),
    str(get(o.spec, 'type')),
    str(arr(get(o.spec, 'clusterIPs'))[0]) || '<none>',
    serviceExternalIP(o),
    servicePorts(o),
    ageOf(o, now),
    formatLabels(get(o.spec, 'selector')),
  ],
};

/**
 * formatEndpoints is the ENDPOINTS cell: ready addresses (ip, or ip:port per port), first 3 then
 * ' + N more...'; '<none>' only when there are no subsets (unready-only subsets print '').
 */
export function formatEndpoints(ep: KubeObject): string {
  const subsets = arr(ep.subsets).map(rec);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const ips = arr(ss.addresses).map((a) => str(rec(a).ip));
    const ports = arr(ss.ports).map(rec);
    if (ports.length === 0) {
      count += ips.length;
      for (const ip of ips) if (list.length < 3) list.push(ip);
      continue;
    }
    for (const p of ports) {
      count += ips.length;
      for (const ip of ips) if (list.length < 3) list.push(joinHostPort(ip, num(p.port)));
    }
  }
  const shown = list.join(',');
  return count > 3 ? `${shown} + ${count - 3} more...` : shown;
}

/** endpointsPrinter: Name, Endpoints, Age. */
export const endpointsPrinter: TablePrinter = {
  columns: [nameCol(), col('Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'), ageCol()],
  cells: (o, now) => [nameOf(o), formatEndpoints(o), ageOf(o, now)],
};

/** configMapPrinter: Data is declared string but the cell is an integer. */
export const configMapPrinter: TablePrinter = {
  columns: [nameCol(), col('Data', 'string', 'Data contains the configuration data.'), ageCol()],
  cells: (o, now) => [nameOf(o), Object.keys(rec(o.data)).length + Object.keys(rec(o.binaryData)).length, ageOf(o, now)],
};

/** secretPrinter: Name, Type, Data (integer cell), Age. */
export const secretPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
    col('Data', 'string', 'Data contains the secret data.'),
    ageCol(),
  ],
  cells: (o, now) => [nameOf(o), str(o.type), Object.keys(rec(o.data)).length, ageOf(o, now)],
};

/** serviceAccountPrinter: since v1.34 only Name and Age (the Secrets column was removed). */
export const serviceAccountPrinter: TablePrinter = {
  columns: [nameCol(), ageCol()],
  cells: (o, now) => [nameOf(o), ageOf(o, now)],
};

/** resourceQuotaCells builds "name: used/hard" lists, limits.* keys going to the Limit column. */
export function resourceQuotaCells(rq: KubeObject): [string, string] {
  const hard = rec(get(rq.status, 'hard'));
  const used = rec(get(rq.status, 'used'));
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const pieces = name.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    target.push(`${name}: ${quantity(used[name])}/${quantity(hard[name])}`);
  }
  return [request.join(', '), limit.join(', ')];
}

/** resourceQuotaPrinter: Name, Request, Limit, Age. */
export const resourceQuotaPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    ageCol(),
  ],
  cells: (o, now) => [nameOf(o), ...resourceQuotaCells(o), ageOf(o, now)],
};

/** replicationControllerPrinter: integer Desired/Current/Ready, wide adds containers and selector. */
export const replicationControllerPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    col('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    col('Ready', 'integer', 'The number of ready replicas for this replication controller.'),
    ageCol(),
    col('Containers', 'string', 'Names of each container in the template.', 1),
    col('Images', 'string', 'Images referenced by each container in the template.', 1),
    col('Selector', 'string', 'Selector is a label query over pods that should match the Replicas count.', 1),
  ],
  cells: (o, now) => [
    nameOf(o),
    num(get(o.spec, 'replicas')),
    num(get(o.status, 'replicas')),
    num(get(o.status, 'readyReplicas')),
    ageOf(o, now),
    ...containerCells(get(o.spec, 'template', 'spec')),
    formatLabels(get(o.spec, 'selector')),
  ],
};

/** podTemplatePrinter has no Age column upstream. */
export const podTemplatePrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Containers', 'string', 'Names of each container in the template.'),
    col('Images', 'string', 'Images referenced by each container in the template.'),
    col('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  cells: (o) => [nameOf(o), ...containerCells(get(o.template, 'spec')), formatLabels(strMap(get(o.template, 'metadata', 'labels')))],
};
