import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { Client } from './client.js';
import { HttpTransport, type HttpTransportOptions } from './http-transport.js';

interface Named<T> {
  name: string;
  [k: string]: unknown;
  cluster?: T;
  user?: T;
  context?: T;
}

type Entry = Record<string, unknown>;

/** RestConfig is what a kubeconfig context resolves to: where the API is and how to prove who we are. */
export interface RestConfig extends HttpTransportOptions {
  /** The context's namespace ('default' when unset). */
  namespace: string;
}

/**
 * loadKubeconfig resolves a kubeconfig file the way client-go's clientcmd does for the
 * fields k8ts supports: the current (or given) context, its cluster's server and CA, and its
 * user's client certificate or bearer token, inline (`*-data`) or as files relative to the
 * kubeconfig's directory.
 */
export async function loadKubeconfig(path: string, context?: string): Promise<RestConfig> {
  const text = await readFile(path, 'utf8');
  const kc = (parse(text) ?? {}) as Entry;
  const base = dirname(resolve(path));
  const pick = <T>(list: unknown, name: string, what: string): T => {
    const found = (Array.isArray(list) ? (list as Array<Named<T>>) : []).find((e) => e?.name === name);
    const value = found?.[what as 'cluster'];
    if (!value) throw new Error(`invalid configuration: ${what} "${name}" not found in ${path}`);
    return value;
  };
  const ctxName = context ?? (kc['current-context'] as string | undefined);
  if (!ctxName) throw new Error(`invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable`);
  const ctx = pick<Entry>(kc.contexts, ctxName, 'context');
  const cluster = pick<Entry>(kc.clusters, String(ctx.cluster ?? ''), 'cluster');
  const user = ctx.user ? pick<Entry>(kc.users, String(ctx.user), 'user') : {};
  const fileOrData = async (data: unknown, file: unknown): Promise<string | undefined> => {
    if (typeof data === 'string' && data) return Buffer.from(data, 'base64').toString('utf8');
    if (typeof file === 'string' && file) return readFile(isAbsolute(file) ? file : resolve(base, file), 'utf8');
    return undefined;
  };
  const server = String(cluster.server ?? '');
  if (!server) throw new Error(`invalid configuration: no server found for cluster "${String(ctx.cluster)}"`);
  const ca = await fileOrData(cluster['certificate-authority-data'], cluster['certificate-authority']);
  if (!ca) throw new Error(`k8ts needs the cluster CA in the kubeconfig (certificate-authority or certificate-authority-data)`);
  const token = typeof user.token === 'string' && user.token ? user.token : ((await fileOrData(undefined, user.tokenFile))?.trim() ?? undefined);
  return {
    server,
    ca,
    cert: await fileOrData(user['client-certificate-data'], user['client-certificate']),
    key: await fileOrData(user['client-key-data'], user['client-key']),
    token,
    namespace: typeof ctx.namespace === 'string' && ctx.namespace ? ctx.namespace : 'default',
  };
}

/** clientFromKubeconfig is an HTTPS Client for a kubeconfig file. */
export async function clientFromKubeconfig(path: string, context?: string): Promise<Client> {
  const cfg = await loadKubeconfig(path, context);
  return new Client(new HttpTransport(cfg));
}
