import { webcrypto, X509Certificate as NodeX509, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as X509 from '@peculiar/x509';

let x509lib: Promise<typeof X509> | undefined;

/** x509 loads the certificate library only when a certificate must be made: restarts skip it. */
function loadX509(): Promise<typeof X509> {
  x509lib ??= (async () => {
    await import('reflect-metadata');
    const lib = await import('@peculiar/x509');
    lib.cryptoProvider.set(webcrypto as never);
    return lib;
  })();
  return x509lib;
}

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const YEAR = 365 * 24 * 3600 * 1000;

/** PEM-encoded certificate and key. */
export interface CertKey {
  cert: string;
  key: string;
}

/** ClusterPki is what the API server and the kubeconfig need from the cluster CA. */
export interface ClusterPki {
  ca: CertKey;
  server: CertKey;
  admin: CertKey;
  /** PEM private key that signs service account tokens. */
  serviceAccountKey: string;
}

async function keyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

async function importKey(pem: string): Promise<CryptoKey> {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return webcrypto.subtle.importKey('pkcs8', Buffer.from(b64, 'base64'), ALG, true, ['sign']);
}

function serial(): string {
  const b = randomBytes(16);
  b[0]! &= 0x7f;
  return b.toString('hex');
}

/** newCa creates a self-signed cluster CA, as kubeadm's 'kubernetes' CA. */
export async function newCa(now = Date.now()): Promise<CertKey> {
  const x509 = await loadX509();
  const keys = await keyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=k8ts-ca',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 10 * YEAR),
    signingAlgorithm: ALG,
    keys: keys as never,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as never),
    ],
  });
  return { cert: cert.toString('pem'), key: await keyPem(keys.privateKey) };
}

/** Options for a leaf certificate signed by the CA. */
export interface LeafOptions {
  commonName: string;
  organizations?: string[];
  dnsNames?: string[];
  ips?: string[];
  usage: 'server' | 'client';
  now?: number;
}

/** issue signs a server or client certificate with the CA. */
export async function issue(ca: CertKey, opts: LeafOptions): Promise<CertKey> {
  const now = opts.now ?? Date.now();
  const x509 = await loadX509();
  const caCert = new x509.X509Certificate(ca.cert);
  const caKey = await importKey(ca.key);
  const keys = await keyPair();
  const subject = [`CN=${opts.commonName}`, ...(opts.organizations ?? []).map((o) => `O=${o}`)].join(', ');
  const sans: X509.JsonGeneralName[] = [
    ...(opts.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(opts.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const extensions: X509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([opts.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
    await x509.AuthorityKeyIdentifierExtension.create(caCert),
  ];
  if (sans.length) extensions.push(new x509.SubjectAlternativeNameExtension(sans));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject,
    issuer: caCert.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + YEAR),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey as never,
    signingKey: caKey as never,
    extensions,
  });
  return { cert: cert.toString('pem'), key: await keyPem(keys.privateKey) };
}

async function readPair(dir: string, name: string): Promise<CertKey | undefined> {
  try {
    return { cert: await readFile(join(dir, `${name}.crt`), 'utf8'), key: await readFile(join(dir, `${name}.key`), 'utf8') };
  } catch {
    return undefined;
  }
}

async function writePair(dir: string, name: string, ck: CertKey): Promise<void> {
  await writeFile(join(dir, `${name}.crt`), ck.cert, { mode: 0o644 });
  await writeFile(join(dir, `${name}.key`), ck.key, { mode: 0o600 });
}

function stillValid(ck: CertKey, ca: CertKey, now: number): boolean {
  try {
    const c = new NodeX509(ck.cert);
    return c.checkIssued(new NodeX509(ca.cert)) && Date.parse(c.validTo) > now + 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/**
 * ensurePki loads the cluster PKI from dir/pki, creating what is missing: the CA once on
 * first start (kept across restarts so kubeconfigs stay valid), the server certificate for
 * 127.0.0.1 and localhost, and the admin client certificate in group system:masters.
 */
export async function ensurePki(dataDir: string, extraSans: string[] = []): Promise<ClusterPki> {
  const dir = join(dataDir, 'pki');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const now = Date.now();
  let ca = await readPair(dir, 'ca');
  if (!ca) {
    ca = await newCa(now);
    await writePair(dir, 'ca', ca);
  }
  let server = await readPair(dir, 'apiserver');
  if (!server || !stillValid(server, ca, now)) {
    server = await newServerCert(ca, extraSans);
    await writePair(dir, 'apiserver', server);
  }
  let admin = await readPair(dir, 'admin');
  if (!admin || !stillValid(admin, ca, now)) {
    admin = await issue(ca, { commonName: 'kubernetes-admin', organizations: ['system:masters'], usage: 'client' });
    await writePair(dir, 'admin', admin);
  }
  let serviceAccountKey: string;
  try {
    serviceAccountKey = await readFile(join(dir, 'sa.key'), 'utf8');
  } catch {
    serviceAccountKey = await keyPem((await keyPair()).privateKey);
    await writeFile(join(dir, 'sa.key'), serviceAccountKey, { mode: 0o600 });
  }
  return { ca, server, admin, serviceAccountKey };
}

/** newServerCert covers every name a local client may dial. */
export function newServerCert(ca: CertKey, extraSans: string[] = []): Promise<CertKey> {
  const ips = ['127.0.0.1', '::1', ...extraSans.filter((s) => /^[\d.:]+$/.test(s))];
  const dnsNames = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', ...extraSans.filter((s) => !/^[\d.:]+$/.test(s))];
  return issue(ca, { commonName: 'kube-apiserver', dnsNames, ips, usage: 'server' });
}

let processPki: Promise<ClusterPki> | undefined;

/**
 * sharedPkiInMemory is one in-memory PKI per process: memory clusters keep nothing on disk,
 * so a test suite starting many of them pays for key generation once.
 */
export function sharedPkiInMemory(): Promise<ClusterPki> {
  processPki ??= newPkiInMemory();
  return processPki;
}

/** newPkiInMemory is ensurePki without a data dir (memory clusters in tests). */
export async function newPkiInMemory(): Promise<ClusterPki> {
  const ca = await newCa();
  const [server, admin, sa] = await Promise.all([
    newServerCert(ca),
    issue(ca, { commonName: 'kubernetes-admin', organizations: ['system:masters'], usage: 'client' }),
    keyPair(),
  ]);
  return { ca, server, admin, serviceAccountKey: await keyPem(sa.privateKey) };
}
