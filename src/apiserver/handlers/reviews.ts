import { errors } from '../../machinery/errors.js';
import { decodeBody, JSON_TYPE, PROTOBUF_TYPE, YAML_TYPE } from '../negotiate.js';
import type { ApiResponse } from '../types.js';
import type { HandlerContext } from './context.js';

/**
 * handleReview answers the create-only review kinds. Authorization is not enforced yet:
 * every authenticated user may do everything, and the reviews say so truthfully.
 */
export async function handleReview(c: HandlerContext): Promise<ApiResponse> {
  const body = decodeBody(c.req, [JSON_TYPE, YAML_TYPE, PROTOBUF_TYPE], c.services.protobuf) as Record<string, unknown>;
  if (!body || typeof body !== 'object') throw errors.badRequest('review body must be an object');
  const out: Record<string, unknown> = { ...body, apiVersion: `${c.info.group}/${c.info.version}`, kind: c.info.kind };
  out.metadata = { ...((body.metadata as object) ?? {}), creationTimestamp: null };
  const user = c.req.user;
  switch (c.info.kind) {
    case 'SelfSubjectAccessReview':
    case 'SubjectAccessReview':
    case 'LocalSubjectAccessReview':
      out.status = { allowed: true, reason: 'k8ts allows every authenticated user until RBAC is enforced' };
      break;
    case 'SelfSubjectRulesReview':
      out.status = {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      };
      break;
    case 'SelfSubjectReview':
      out.status = { userInfo: { username: user.name, groups: user.groups, ...(user.uid ? { uid: user.uid } : {}) } };
      break;
    case 'TokenReview':
      out.status = { authenticated: false, error: 'token authentication is not supported yet' };
      break;
    default:
      throw errors.methodNotSupported({ group: c.info.group, resource: c.info.plural }, 'create');
  }
  return { status: 201, body: out };
}
