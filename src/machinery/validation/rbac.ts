/**
 * RBAC validation (pkg/apis/rbac/validation): rule shape, roleRef and subjects. Fields sit at
 * the top level (rules, roleRef, subjects), so paths have no "spec." prefix.
 */
import { child, fe, index, type FieldError } from '../field-errors.js';
import { deepEqual } from '../deep.js';
import { isObj, list, str, validateLabelSelector } from './common.js';
import { isDNS1123Subdomain, nameIsPathSegment } from './names.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function validateRule(rule: any, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (list(rule?.verbs).length === 0) errs.push(fe.required(child(path, 'verbs'), 'verbs must contain at least one value'));
  const urls = list(rule?.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) errs.push(fe.invalid(child(path, 'nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (list(rule?.apiGroups).length || list(rule?.resources).length || list(rule?.resourceNames).length) {
      errs.push(fe.invalid(child(path, 'nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (list(rule?.apiGroups).length === 0) errs.push(fe.required(child(path, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (list(rule?.resources).length === 0) errs.push(fe.required(child(path, 'resources'), 'resource rules must supply at least one resource'));
  return errs;
}

/** validateRole validates Role (namespaced) and ClusterRole rules and aggregationRule. */
export function validateRole(role: any, namespaced: boolean): FieldError[] {
  const errs = list(role?.rules).flatMap((r, i) => validateRule(r, namespaced, index('rules', i)));
  const agg = role?.aggregationRule;
  if (!namespaced && agg != null) {
    const sels = list(agg?.clusterRoleSelectors);
    if (sels.length === 0) errs.push(fe.required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    sels.forEach((s, i) => errs.push(...validateLabelSelector(s, index('aggregationRule.clusterRoleSelectors', i))));
  }
  return errs;
}

function validateSubject(s: any, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(s?.name);
  if (!name) errs.push(fe.required(child(path, 'name')));
  switch (s?.kind) {
    case 'ServiceAccount':
      if (name) for (const m of isDNS1123Subdomain(name)) errs.push(fe.invalid(child(path, 'name'), name, m));
      if (str(s.apiGroup)) errs.push(fe.notSupported(child(path, 'apiGroup'), s.apiGroup, ['']));
      if (!namespaced && !str(s.namespace)) errs.push(fe.required(child(path, 'namespace')));
      break;
    case 'User':
    case 'Group':
      if (str(s.apiGroup) !== RBAC_GROUP) errs.push(fe.notSupported(child(path, 'apiGroup'), str(s.apiGroup), [RBAC_GROUP]));
      break;
    default:
      errs.push(fe.notSupported(child(path, 'kind'), str(s?.kind), ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

/** validateBinding validates RoleBinding (namespaced) and ClusterRoleBinding. */
export function validateBinding(b: any, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = isObj(b?.roleRef) ? b.roleRef : {};
  if (str(ref.apiGroup) !== RBAC_GROUP) errs.push(fe.notSupported('roleRef.apiGroup', str(ref.apiGroup), [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(str(ref.kind))) errs.push(fe.notSupported('roleRef.kind', str(ref.kind), kinds));
  const name = str(ref.name);
  if (!name) errs.push(fe.required('roleRef.name'));
  else for (const m of nameIsPathSegment(name, false)) errs.push(fe.invalid('roleRef.name', name, m));
  list(b?.subjects).forEach((s, i) => errs.push(...validateSubject(s, namespaced, index('subjects', i))));
  return errs;
}

/** validateBindingUpdate: roleRef can never change (delete and recreate instead). */
export function validateBindingUpdate(b: any, old: any, namespaced: boolean): FieldError[] {
  const errs = validateBinding(b, namespaced);
  if (!deepEqual(b?.roleRef ?? null, old?.roleRef ?? null)) errs.push(fe.invalid('roleRef', b?.roleRef ?? null, 'cannot change roleRef'));
  return errs;
}
