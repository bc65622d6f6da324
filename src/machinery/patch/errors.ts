import { newStatusError, type StatusError } from '../errors.js';

/**
 * Patch failures as kube-apiserver reports them. Upstream sends the detailed reason of
 * a failed JSON patch operation nowhere on the wire: it answers 422 with a fixed
 * message (NewGenericServerResponse), so the detail is kept only as the error's cause.
 */
export const UNPROCESSABLE_MESSAGE = 'the server rejected our request due to an error in our request';

/** unprocessable is upstream's NewGenericServerResponse(422, ...): reason Invalid, fixed message. */
export function unprocessable(detail: string): StatusError {
  const e = newStatusError('Invalid', UNPROCESSABLE_MESSAGE, {});
  (e as { cause?: unknown }).cause = new Error(detail);
  return e;
}

/** badPatch is a 400 carrying upstream's error text verbatim (malformed patch documents). */
export function badPatch(message: string): StatusError {
  return newStatusError('BadRequest', message);
}

/** Upstream's mergepatch sentinel errors, which the handler maps to 400 or 422. */
export const SMP_ERRORS = {
  badJSONDoc: 'invalid JSON document',
  noListOfLists: 'lists of lists are not supported',
  badPrimitiveList: 'invalid patch format of primitive list',
  badRetainKeys: 'invalid patch format of retainKeys',
  badSetElementOrder: 'invalid patch format of setElementOrder list',
  retainKeysMismatch: "patch content doesn't match retainKeys list",
} as const;
