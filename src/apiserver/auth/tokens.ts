import { createPrivateKey, createPublicKey, randomUUID, sign, type KeyObject } from 'node:crypto';

export const ISSUER = 'https://kubernetes.default.svc.cluster.local';

export interface ServiceAccountClaims {
  namespace: string;
  name: string;
  uid: string;
  audiences: string[];
  expirationSeconds: number;
  now: number;
  boundObject?: { kind: string; name: string; uid: string };
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** TokenSigner issues service account JWTs (ES256) with upstream's claim layout. */
export class TokenSigner {
  private readonly key: KeyObject;
  readonly kid: string;

  constructor(privateKeyPem: string) {
    this.key = createPrivateKey(privateKeyPem);
    const der = createPublicKey(this.key).export({ type: 'spki', format: 'der' });
    this.kid = b64url(Buffer.from(der).subarray(-32));
  }

  issue(c: ServiceAccountClaims): { token: string; expiresAt: number } {
    const iat = Math.floor(c.now / 1000);
    const exp = iat + c.expirationSeconds;
    const k8s: Record<string, unknown> = { namespace: c.namespace, serviceaccount: { name: c.name, uid: c.uid } };
    if (c.boundObject) k8s[c.boundObject.kind.toLowerCase()] = { name: c.boundObject.name, uid: c.boundObject.uid };
    const payload = { aud: c.audiences, exp, iat, iss: ISSUER, jti: randomUUID(), 'kubernetes.io': k8s, nbf: iat, sub: `system:serviceaccount:${c.namespace}:${c.name}` };
    const input = `${b64url(JSON.stringify({ alg: 'ES256', kid: this.kid }))}.${b64url(JSON.stringify(payload))}`;
    const sig = sign('sha256', Buffer.from(input), { key: this.key, dsaEncoding: 'ieee-p1363' });
    return { token: `${input}.${b64url(sig)}`, expiresAt: exp * 1000 };
  }
}
