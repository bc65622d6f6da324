import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import type { ClusterPki } from '../apiserver/auth/certs.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** adminKubeconfig is the kubeconfig `k8ts up` writes: cluster CA plus the admin certificate. */
export function adminKubeconfig(server: string, pki: ClusterPki, name = 'k8ts') {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server, 'certificate-authority-data': b64(pki.ca.cert) } }],
    users: [{ name: `${name}-admin`, user: { 'client-certificate-data': b64(pki.admin.cert), 'client-key-data': b64(pki.admin.key) } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin`, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  };
}

export async function writeKubeconfig(path: string, config: object): Promise<void> {
  await writeFile(path, stringify(config), { mode: 0o600 });
}
