import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import type { WatchEvent } from '../api/meta.js';
import { AsyncQueue, queryString, type ClientRequest, type ClientResponse, type Transport, type WatchHandle } from './transport.js';

export interface HttpTransportOptions {
  server: string;
  ca: string;
  cert?: string;
  key?: string;
  token?: string;
}

/** HttpTransport talks HTTPS/1.1 with keep-alive, authenticating with a client certificate. */
export class HttpTransport implements Transport {
  private readonly agent: https.Agent;
  private readonly base: URL;

  constructor(private readonly opts: HttpTransportOptions) {
    this.base = new URL(opts.server);
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca: opts.ca, cert: opts.cert, key: opts.key });
  }

  private send(req: ClientRequest): Promise<IncomingMessage> {
    const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const headers: Record<string, string> = { accept: req.accept ?? 'application/json' };
    if (body) {
      headers['content-type'] = req.contentType ?? 'application/json';
      headers['content-length'] = String(body.length);
    }
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    return new Promise((resolve, reject) => {
      const r = https.request(
        { host: this.base.hostname, port: this.base.port, path: req.path + queryString(req.query), method: req.method, headers, agent: this.agent },
        resolve,
      );
      r.on('error', reject);
      r.end(body);
    });
  }

  async request(req: ClientRequest): Promise<ClientResponse> {
    const res = await this.send(req);
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const ct = String(res.headers['content-type'] ?? '');
    const body = ct.includes('json') && text ? JSON.parse(text) : text;
    return { status: res.statusCode ?? 0, headers: res.headers, body };
  }

  async watch(req: ClientRequest): Promise<WatchHandle> {
    const res = await this.send({ ...req, query: { ...req.query, watch: 'true' } });
    const q = new AsyncQueue<WatchEvent>();
    if ((res.statusCode ?? 0) >= 300) {
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      const st = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      q.push({ type: 'ERROR', object: st });
      q.end();
      return Object.assign(q, { close: () => q.end() });
    }
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (d: string) => {
      buf += d;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.trim()) q.push(JSON.parse(line) as WatchEvent);
      }
    });
    res.on('end', () => q.end());
    res.on('error', () => q.end());
    return Object.assign(q, {
      close: () => {
        q.end();
        res.destroy();
      },
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
