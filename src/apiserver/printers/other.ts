import type { KubeObject } from '../../api/meta.js';
import { ageOf, nameOf } from './core.js';
import { arr, get, intOrString, num, optStr, rec, str } from './fields.js';
import { formatLabelSelector, listWithMore, loadBalancerIngress } from './format.js';
import { ageCol, col, nameCol, type TablePrinter } from './types.js';

/** leasePrinter: Holder is spec.holderIdentity or ''. */
export const leasePrinter: TablePrinter = {
  columns: [nameCol(), col('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'), ageCol()],
  cells: (o, now) => [nameOf(o), str(get(o.spec, 'holderIdentity')), ageOf(o, now)],
};

/** podDisruptionBudgetPrinter: int-or-string bounds as-is, 'N/A' when unset. */
export const podDisruptionBudgetPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageCol(),
  ],
  cells: (o, now) => [
    nameOf(o),
    intOrString(get(o.spec, 'minAvailable')) ?? 'N/A',
    intOrString(get(o.spec, 'maxUnavailable')) ?? 'N/A',
    num(get(o.status, 'disruptionsAllowed')),
    ageOf(o, now),
  ],
};

/** priorityClassPrinter: PreemptionPolicy is a priority-0 column after Age. */
export const priorityClassPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Value', 'integer', 'value represents the integer value of this priority class.'),
    col('Global-Default', 'boolean', 'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.'),
    ageCol(),
    col('PreemptionPolicy', 'string', 'preemptionPolicy is the Policy for preempting pods with lower priority.'),
  ],
  cells: (o, now) => [nameOf(o), num(o.value), o.globalDefault === true, ageOf(o, now), str(o.preemptionPolicy)],
};

/** workloadPrinter: the 1.35 Workload printer was not located upstream; Name and Age (spec §5). */
export const workloadPrinter: TablePrinter = {
  columns: [nameCol(), ageCol()],
  cells: (o, now) => [nameOf(o), ageOf(o, now)],
};

/** subjectsStrings splits RBAC subjects into users, groups and 'namespace/name' service accounts. */
export function subjectsStrings(binding: KubeObject): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of arr(binding.subjects).map(rec)) {
    if (s.kind === 'ServiceAccount') sas.push(`${str(s.namespace)}/${str(s.name)}`);
    else if (s.kind === 'User') users.push(str(s.name));
    else if (s.kind === 'Group') groups.push(str(s.name));
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

const BINDING_KIND = (what: string) => [
  nameCol(),
  col('Role', 'string', 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.'),
  ageCol(),
  col('Users', 'string', `Users in the ${what}`, 1),
  col('Groups', 'string', `Groups in the ${what}`, 1),
  col('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, 1),
];

function bindingCells(o: KubeObject, now: number): unknown[] {
  return [nameOf(o), `${str(get(o.roleRef, 'kind'))}/${str(get(o.roleRef, 'name'))}`, ageOf(o, now), ...subjectsStrings(o)];
}

/** roleBindingPrinter: Role as Kind/name; subjects only in the wide columns. */
export const roleBindingPrinter: TablePrinter = { columns: BINDING_KIND('roleBinding'), cells: bindingCells };

/** clusterRoleBindingPrinter: same layout as roleBindingPrinter. */
export const clusterRoleBindingPrinter: TablePrinter = { columns: BINDING_KIND('clusterRoleBinding'), cells: bindingCells };

/** endpointSlicePrinter: ports (number, name or '*') and flattened addresses, 3 + "more". */
export const endpointSlicePrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice.'),
    col('Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice.'),
    col('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice.'),
    ageCol(),
  ],
  cells(o, now) {
    const ports = arr(o.ports).map((p) => {
      const port = get(p, 'port');
      if (typeof port === 'number') return String(port);
      return optStr(get(p, 'name')) ?? '*';
    });
    const addresses = arr(o.endpoints).flatMap((e) => arr(get(e, 'addresses')).map(str));
    return [nameOf(o), str(o.addressType), listWithMore(ports), listWithMore(addresses), ageOf(o, now)];
  },
};

/** ingressHosts: non-empty rule hosts, first 3 then ' + N more...' counted over rules; '*' if none. */
export function ingressHosts(ing: KubeObject): string {
  const rules = arr(get(ing.spec, 'rules')).map(rec);
  const list: string[] = [];
  let more = false;
  for (const r of rules) {
    if (list.length === 3) more = true;
    if (!more && str(r.host) !== '') list.push(str(r.host));
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${rules.length - 3} more...` : list.join(',');
}

/** ingressPrinter renders `kubectl get ingress`. */
export const ingressPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    ageCol(),
  ],
  cells: (o, now) => [
    nameOf(o),
    optStr(get(o.spec, 'ingressClassName')) ?? '<none>',
    ingressHosts(o),
    loadBalancerIngress(get(o.status, 'loadBalancer')).join(','),
    arr(get(o.spec, 'tls')).length > 0 ? '80, 443' : '80',
    ageOf(o, now),
  ],
};

/** ingressClassPrinter: Parameters as Kind[.apiGroup]/name or '<none>'. */
export const ingressClassPrinter: TablePrinter = {
  columns: [
    nameCol(),
    col('Controller', 'string', 'Controller that is responsible for handling this class'),
    col('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageCol(),
  ],
  cells(o, now) {
    const p = get(o.spec, 'parameters');
    let parameters = '<none>';
    if (p !== undefined && p !== null) {
      const group = optStr(get(p, 'apiGroup'));
      parameters = `${str(get(p, 'kind'))}${group !== undefined ? `.${group}` : ''}/${str(get(p, 'name'))}`;
    }
    return [nameOf(o), str(get(o.spec, 'controller')), parameters, ageOf(o, now)];
  },
};

/** networkPolicyPrinter: Pod-Selector via FormatLabelSelector, so empty prints '<none>'. */
export const networkPolicyPrinter: TablePrinter = {
  columns: [nameCol(), col('Pod-Selector', 'string', 'Selects the pods to which this NetworkPolicy object applies.'), ageCol()],
  cells: (o, now) => [nameOf(o), formatLabelSelector(get(o.spec, 'podSelector')), ageOf(o, now)],
};
