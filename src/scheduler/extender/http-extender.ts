import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { NodeInfo } from '../framework/node-info.js';
import type { Pod } from '../framework/types.js';
import { parseGoDuration } from '../config/duration.js';

/** ExtenderConfig is KubeSchedulerConfiguration's `extenders[]` entry (kubescheduler.config.k8s.io/v1). */
export interface ExtenderConfig {
  urlPrefix: string;
  filterVerb?: string;
  preemptVerb?: string;
  prioritizeVerb?: string;
  weight?: number;
  bindVerb?: string;
  enableHTTPS?: boolean;
  tlsConfig?: { insecure?: boolean; serverName?: string; certFile?: string; keyFile?: string; caFile?: string; certData?: string; keyData?: string; caData?: string };
  httpTimeout?: string;
  nodeCacheCapable?: boolean;
  managedResources?: Array<{ name: string; ignoredByScheduler?: boolean }>;
  ignorable?: boolean;
}

/** FailedNodes maps a node name to why the extender rejected it. */
export type FailedNodes = Record<string, string>;

/** Extender is upstream's framework.Extender: an out-of-process filter, scorer and binder. */
export interface Extender {
  /** name is the URL prefix, as upstream names an HTTP extender. */
  readonly name: string;
  readonly ignorable: boolean;
  readonly isBinder: boolean;
  isInterested(pod: Pod): boolean;
  filter(pod: Pod, nodes: readonly NodeInfo[]): Promise<{ nodes: NodeInfo[]; failed: FailedNodes; failedAndUnresolvable: FailedNodes }>;
  /** prioritize returns scores on the extender's 0–10 scale and the weight to apply; undefined when it does not score. */
  prioritize(pod: Pod, nodes: readonly NodeInfo[]): Promise<{ scores: Array<{ host: string; score: number }>; weight: number } | undefined>;
  bind(pod: Pod, node: string): Promise<void>;
  readonly supportsPreemption: boolean;
  /**
   * processPreemption lets the extender narrow preemption's candidates: it gets each node's
   * victims and answers, per node it accepts, the victims (by UID) it wants evicted.
   */
  processPreemption(pod: Pod, victims: ReadonlyMap<string, ExtenderVictims>, nodeInfo: (name: string) => NodeInfo | undefined): Promise<Map<string, ExtenderVictims>>;
}

/** ExtenderVictims is extender/v1 Victims: the pods to evict on one node and the PDBs that breaks. */
export interface ExtenderVictims {
  pods: Pod[];
  numPDBViolations: number;
}

/** DEFAULT_TIMEOUT_MS is upstream's DefaultExtenderTimeout. */
const DEFAULT_TIMEOUT_MS = 5000;

/** The JSON of the extender API (k8s.io/kube-scheduler/extender/v1). */
interface ExtenderFilterResult {
  nodes?: { items?: Array<{ metadata?: { name?: string } }> } | null;
  nodenames?: string[] | null;
  failedNodes?: FailedNodes | null;
  failedAndUnresolvableNodes?: FailedNodes | null;
  error?: string;
}

/**
 * HTTPExtender calls an extender over HTTP(S) as kube-scheduler does: a POST of JSON to
 * `<urlPrefix>/<verb>` per call, node objects or (nodeCacheCapable) only their names.
 */
export class HTTPExtender implements Extender {
  readonly name: string;
  readonly ignorable: boolean;
  readonly isBinder: boolean;
  readonly supportsPreemption: boolean;
  private readonly managed: Set<string>;
  private readonly timeoutMs: number;
  private readonly agent: http.Agent;
  private readonly client: typeof http | typeof https;

  constructor(private readonly cfg: ExtenderConfig) {
    this.name = cfg.urlPrefix;
    this.ignorable = !!cfg.ignorable;
    this.isBinder = !!cfg.bindVerb;
    this.supportsPreemption = !!cfg.preemptVerb;
    this.managed = new Set((cfg.managedResources ?? []).map((r) => r.name));
    this.timeoutMs = cfg.httpTimeout ? parseGoDuration(cfg.httpTimeout) || DEFAULT_TIMEOUT_MS : DEFAULT_TIMEOUT_MS;
    const https_ = cfg.enableHTTPS || cfg.urlPrefix.startsWith('https:');
    this.client = https_ ? https : http;
    this.agent = https_ ? new https.Agent({ keepAlive: true, ...tlsOptions(cfg.tlsConfig) }) : new http.Agent({ keepAlive: true });
  }

  /** isInterested: every pod, unless managedResources names the resources it handles. */
  isInterested(pod: Pod): boolean {
    if (this.managed.size === 0) return true;
    for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
      const r = (c as { resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } }).resources;
      for (const name of [...Object.keys(r?.requests ?? {}), ...Object.keys(r?.limits ?? {})]) if (this.managed.has(name)) return true;
    }
    return false;
  }

  async filter(pod: Pod, nodes: readonly NodeInfo[]) {
    if (!this.cfg.filterVerb) return { nodes: [...nodes], failed: {}, failedAndUnresolvable: {} };
    const byName = new Map(nodes.map((n) => [n.name, n]));
    const result = (await this.send(this.cfg.filterVerb, this.args(pod, nodes))) as ExtenderFilterResult;
    if (result.error) throw new Error(result.error);
    const names = this.cfg.nodeCacheCapable && result.nodenames ? result.nodenames : (result.nodes?.items ?? []).map((n) => n.metadata?.name ?? '');
    const out: NodeInfo[] = [];
    for (const name of names) {
      const n = byName.get(name);
      if (!n) throw new Error(`extender ${JSON.stringify(this.name)} claims a filtered node ${JSON.stringify(name)} which is not found in the input node list`);
      out.push(n);
    }
    return { nodes: out, failed: result.failedNodes ?? {}, failedAndUnresolvable: result.failedAndUnresolvableNodes ?? {} };
  }

  async prioritize(pod: Pod, nodes: readonly NodeInfo[]) {
    if (!this.cfg.prioritizeVerb) return undefined;
    const list = (await this.send(this.cfg.prioritizeVerb, this.args(pod, nodes))) as Array<{ host?: string; score?: number }> | null;
    return { scores: (list ?? []).map((h) => ({ host: h.host ?? '', score: h.score ?? 0 })), weight: this.cfg.weight ?? 0 };
  }

  async bind(pod: Pod, node: string): Promise<void> {
    if (!this.cfg.bindVerb) throw new Error('unexpected empty bindVerb in extender');
    const result = (await this.send(this.cfg.bindVerb, { podName: pod.metadata.name, podNamespace: pod.metadata.namespace, podUID: pod.metadata.uid, node })) as { error?: string } | null;
    if (result?.error) throw new Error(result.error);
  }

  async processPreemption(pod: Pod, victims: ReadonlyMap<string, ExtenderVictims>, nodeInfo: (name: string) => NodeInfo | undefined): Promise<Map<string, ExtenderVictims>> {
    if (!this.cfg.preemptVerb) throw new Error(`preempt verb is not defined for extender ${this.name} but run into ProcessPreemption`);
    const entries = [...victims];
    // A node-cache-capable extender gets victims by UID only (MetaVictims), like its nodes by name.
    const args = this.cfg.nodeCacheCapable
      ? { pod, nodeNameToMetaVictims: Object.fromEntries(entries.map(([n, v]) => [n, { pods: v.pods.map((p) => ({ uid: p.metadata.uid })), numPDBViolations: v.numPDBViolations }])) }
      : { pod, nodeNameToVictims: Object.fromEntries(entries) };
    const result = (await this.send(this.cfg.preemptVerb, args)) as { nodeNameToMetaVictims?: Record<string, { pods?: Array<{ uid?: string }> | null; numPDBViolations?: number } | null> | null } | null;
    // The answer is always MetaVictims: UIDs resolved against the node's pods.
    const out = new Map<string, ExtenderVictims>();
    for (const [name, meta] of Object.entries(result?.nodeNameToMetaVictims ?? {})) {
      const ni = nodeInfo(name);
      if (!ni) throw new Error(`node ${JSON.stringify(name)} not found`);
      const pods = (meta?.pods ?? []).map((mp) => {
        const found = ni.pods.find((pi) => pi.pod.metadata.uid === mp.uid);
        if (!found) throw new Error(`extender: ${this.name} claims to preempt pod (UID: ${mp.uid}) on node: ${name}, but the pod is not found on that node`);
        return found.pod;
      });
      out.set(name, { pods, numPDBViolations: meta?.numPDBViolations ?? 0 });
    }
    return out;
  }

  /** args is ExtenderArgs: the pod and either the nodes or, for a node-cache-capable extender, their names. */
  private args(pod: Pod, nodes: readonly NodeInfo[]): Record<string, unknown> {
    if (this.cfg.nodeCacheCapable) return { pod, nodenames: nodes.map((n) => n.name) };
    return { pod, nodes: { metadata: {}, items: nodes.map((n) => n.node) } };
  }

  /** send POSTs args as JSON and decodes the answer; anything but 200 is an error, as upstream's send. */
  private send(action: string, args: unknown): Promise<unknown> {
    const url = `${this.cfg.urlPrefix.replace(/\/+$/, '')}/${action}`;
    const body = JSON.stringify(args);
    return new Promise((resolve, reject) => {
      const req = this.client.request(url, { method: 'POST', agent: this.agent, timeout: this.timeoutMs, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`failed ${action} with extender at URL ${url}, code ${res.statusCode}`));
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (e) {
            reject(new Error(`decoding the answer of extender at URL ${url}: ${e instanceof Error ? e.message : String(e)}`));
          }
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`Post ${JSON.stringify(url)}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`)));
      req.on('error', (e) => reject(e.message.startsWith('Post ') ? e : new Error(`Post ${JSON.stringify(url)}: ${e.message}`)));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** tlsOptions reads the TLS settings: *Data fields are base64 (Go []byte in JSON), *File fields paths. */
function tlsOptions(t: ExtenderConfig['tlsConfig']): https.AgentOptions {
  if (!t) return {};
  const pick = (data?: string, file?: string) => (data ? Buffer.from(data, 'base64') : file ? readFileSync(file) : undefined);
  return {
    rejectUnauthorized: !t.insecure,
    servername: t.serverName || undefined,
    ca: pick(t.caData, t.caFile),
    cert: pick(t.certData, t.certFile),
    key: pick(t.keyData, t.keyFile),
  };
}
