import { errors } from '../../machinery/errors.js';

/** Continue tokens carry the list's revision and the last key, as upstream's are. */
interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

export function encodeContinue(rv: number, lastKey: string, prefix: string): string {
  const tok: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: lastKey.slice(prefix.length) + '\u0000' };
  return Buffer.from(JSON.stringify(tok)).toString('base64url');
}

export function decodeContinue(token: string, prefix: string): { rv: number; startAfter: string } {
  let tok: ContinueToken;
  try {
    tok = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
  } catch {
    throw errors.badRequest('continue key is not valid: illegal base64 data');
  }
  if (tok?.v !== 'meta.k8s.io/v1' || typeof tok.rv !== 'number' || typeof tok.start !== 'string') {
    throw errors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  if (tok.start.includes('/..') || tok.start.startsWith('..')) throw errors.badRequest('continue key is not valid: path traversal');
  const start = tok.start.endsWith('\u0000') ? tok.start.slice(0, -1) : tok.start;
  return { rv: tok.rv, startAfter: prefix + start };
}

export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';
