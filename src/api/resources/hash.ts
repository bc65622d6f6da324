import { createHash } from 'node:crypto';

/**
 * storageVersionHash is the opaque token discovery publishes so that storage-migration tools can
 * tell when a resource's storage version changed: base64 of the first 8 bytes of
 * sha256('<group>/<version>/<Kind>'), with the core group written as the empty string
 * (so core Pods hash '/v1/Pod').
 */
export function storageVersionHash(group: string, version: string, kind: string): string {
  const digest = createHash('sha256').update(`${group}/${version}/${kind}`).digest();
  return digest.subarray(0, 8).toString('base64');
}
