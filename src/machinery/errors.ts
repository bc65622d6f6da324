import type { Status, StatusCause, StatusDetails } from '../api/meta.js';
import { aggregateMessage, errorBody, type FieldError } from './field-errors.js';

/**
 * StatusReason values with their HTTP codes: the one closed table from which every
 * error response is built.
 */
export const REASON_CODE = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  NotAcceptable: 406,
  AlreadyExists: 409,
  Conflict: 409,
  Gone: 410,
  Expired: 410,
  RequestEntityTooLarge: 413,
  UnsupportedMediaType: 415,
  Invalid: 422,
  TooManyRequests: 429,
  InternalError: 500,
  ServiceUnavailable: 503,
  Timeout: 504,
} as const;

export type StatusReason = keyof typeof REASON_CODE;

/** StatusError carries a Kubernetes Status; the API server renders it as the response. */
export class StatusError extends Error {
  readonly status: Status;
  constructor(status: Status, options?: { cause?: unknown }) {
    super(status.message ?? status.reason ?? 'error', options);
    this.name = 'StatusError';
    this.status = status;
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string | undefined {
    return this.status.reason;
  }
}

export function newStatusError(reason: StatusReason, message: string, details?: StatusDetails, code?: number): StatusError {
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code: code ?? REASON_CODE[reason],
  };
  if (details) status.details = details;
  return new StatusError(status);
}

/** A resource as it appears in messages: 'pods' or 'deployments.apps'. */
export interface GroupResource {
  group: string;
  resource: string;
}

function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

function grDetails(gr: GroupResource, name: string): StatusDetails {
  const d: StatusDetails = { name, kind: gr.resource };
  if (gr.group) d.group = gr.group;
  return d;
}

export const errors = {
  notFound: (gr: GroupResource, name: string) =>
    newStatusError('NotFound', `${qualified(gr)} "${name}" not found`, grDetails(gr, name)),
  alreadyExists: (gr: GroupResource, name: string) =>
    newStatusError('AlreadyExists', `${qualified(gr)} "${name}" already exists`, grDetails(gr, name)),
  conflict: (gr: GroupResource, name: string, why: string) =>
    newStatusError('Conflict', `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${why}`, grDetails(gr, name)),
  /** invalid is upstream's NewInvalid: kind is the Kind ('Pod'), group its API group. */
  invalid: (gk: { group: string; kind: string }, name: string, errs: FieldError[]) => {
    const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
    const details: StatusDetails = { name, kind: gk.kind, causes };
    if (gk.group) details.group = gk.group;
    const qk = gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
    return newStatusError('Invalid', `${qk} "${name}" is invalid: ${aggregateMessage(errs)}`, details);
  },
  badRequest: (message: string) => newStatusError('BadRequest', message),
  methodNotSupported: (gr: GroupResource, verb: string) =>
    newStatusError('MethodNotAllowed', `${verb} is not supported on resources of kind "${qualified(gr)}"`, { group: gr.group || undefined, kind: gr.resource }),
  gone: (message: string) => newStatusError('Expired', message),
  resourceExpired: (message: string) => newStatusError('Expired', message),
  tooLarge: (message = 'Request entity too large: limit is 3145728') => newStatusError('RequestEntityTooLarge', message),
  unsupportedMediaType: (contentType: string, supported: string[]) =>
    newStatusError('UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${supported.join(', ')}`, undefined, 415),
  notAcceptable: (message: string) => newStatusError('NotAcceptable', message),
  forbidden: (message: string) => newStatusError('Forbidden', message),
  /** forbiddenObject is upstream's NewForbidden(resource, name, err), as admission plugins answer. */
  forbiddenObject: (gr: GroupResource, name: string, why: string) =>
    newStatusError('Forbidden', name ? `${qualified(gr)} "${name}" is forbidden: ${why}` : `${qualified(gr)} is forbidden: ${why}`, grDetails(gr, name)),
  internal: (message: string, cause?: unknown) => {
    const e = newStatusError('InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
    if (cause) (e as { cause?: unknown }).cause = cause;
    return e;
  },
  timeout: (message: string) => newStatusError('Timeout', message),
  tooManyRequests: (message: string, retryAfterSeconds: number) =>
    newStatusError('TooManyRequests', message, { retryAfterSeconds }),
  serviceUnavailable: (message: string) => newStatusError('ServiceUnavailable', message),
};

export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}
export const isNotFound = (e: unknown) => isStatusError(e) && e.reason === 'NotFound';
export const isAlreadyExists = (e: unknown) => isStatusError(e) && e.reason === 'AlreadyExists';
export const isConflict = (e: unknown) => isStatusError(e) && e.reason === 'Conflict';
export const isInvalid = (e: unknown) => isStatusError(e) && e.reason === 'Invalid';
export const isGone = (e: unknown) => isStatusError(e) && (e.reason === 'Expired' || e.reason === 'Gone');

/** toStatus is the one place an unknown throwable becomes a Status. */
export function toStatus(e: unknown): Status {
  if (isStatusError(e)) return e.status;
  const msg = e instanceof Error ? e.message : String(e);
  return errors.internal(msg).status;
}
