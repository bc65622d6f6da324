import http2 from 'node:http2';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { stringify as toYaml } from 'yaml';
import { errors, toStatus } from '../machinery/errors.js';
import { MAX_BODY_BYTES, negotiate } from './negotiate.js';
import { writtenJson } from './registry/codec.js';
import type { ApiServer } from './server.js';
import { isTextResponse, isWatchResponse, type ApiRequest, type ApiResponse, type UserInfo } from './types.js';

type Req = IncomingMessage | http2.Http2ServerRequest;
type Res = ServerResponse | http2.Http2ServerResponse;

/** ComponentHandler serves /healthz, /livez, /readyz, /metrics, /statusz and /flagz. */
export interface ComponentHandler {
  handle(req: Req, res: Res, user?: UserInfo): Promise<boolean>;
}

export interface HttpsOptions {
  host?: string;
  port: number;
  cert: string;
  key: string;
  ca: string;
  component?: ComponentHandler;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

/** Users per TLS connection: the peer certificate cannot change within one. */
const connectionUsers = new WeakMap<object, UserInfo>();

/** authenticate maps a verified client certificate to a user: CN is the name, O the groups. */
function authenticate(req: Req): UserInfo {
  const socket = ('stream' in req ? req.stream.session?.socket : req.socket) as TLSSocket | undefined;
  if (!socket) return ANONYMOUS;
  let user = connectionUsers.get(socket);
  if (!user) {
    user = userOf(socket);
    connectionUsers.set(socket, user);
  }
  return user;
}

function userOf(socket: TLSSocket): UserInfo {
  if (!socket.authorized) return ANONYMOUS;
  const cert = socket.getPeerCertificate();
  const cn = cert?.subject?.CN;
  if (!cn) return ANONYMOUS;
  const o = cert.subject.O;
  const groups = Array.isArray(o) ? o : o ? [o] : [];
  return { name: String(cn), groups: [...groups, 'system:authenticated'] };
}

function readBody(req: Req): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(errors.tooLarge());
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function warningHeader(warnings: string[] | undefined): Record<string, string[]> {
  if (!warnings?.length) return {};
  return { warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`) };
}

function send(res: Res, r: ApiResponse, accept: string | undefined): void {
  const headers: Record<string, string | string[]> = { ...(r.headers ?? {}), ...warningHeader(r.warnings) };
  if (isTextResponse(r)) {
    headers['content-type'] ??= 'text/plain; charset=utf-8';
    res.writeHead(r.status, headers);
    res.end(r.text);
    return;
  }
  if (isWatchResponse(r)) return;
  const body = (r as { body: unknown }).body;
  let text: string;
  if (!headers['content-type'] && negotiate(accept).yaml) {
    headers['content-type'] = 'application/yaml';
    text = toYaml(body);
  } else {
    headers['content-type'] ??= 'application/json';
    // A write answers with the object as just stored: those bytes exist already.
    text = writtenJson(body) ?? JSON.stringify(body);
  }
  res.writeHead(r.status, headers);
  res.end(text);
}

function streamWatch(req: Req, res: Res, r: Extract<ApiResponse, { watch: unknown }>): void {
  const headers = { 'content-type': 'application/json', ...(r.headers ?? {}), ...warningHeader(r.warnings) } as Record<string, string | string[]>;
  if (!('stream' in req)) headers['transfer-encoding'] = 'chunked';
  res.writeHead(200, headers);
  (res as ServerResponse).flushHeaders?.();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    r.watch.stop();
    res.end();
  };
  req.on('close', end);
  res.on('close', end);
  const write = (res as ServerResponse).write.bind(res) as (chunk: string) => boolean;
  r.watch.start((f) => {
    if (ended) return;
    // A frame with stored JSON is spliced, not decoded and encoded again.
    write(f.json !== undefined ? `{"type":"${f.type}","object":${f.json}}\n` : JSON.stringify(f) + '\n');
  }, end);
}

/**
 * serveHttps runs the API server over TLS with HTTP/2 and HTTP/1.1, authenticating clients
 * by certificate. It only converts between the wire and ApiRequest/ApiResponse.
 */
export async function serveHttps(api: ApiServer, opts: HttpsOptions): Promise<RunningServer> {
  const server = http2.createSecureServer({ allowHTTP1: true, cert: opts.cert, key: opts.key, ca: opts.ca, requestCert: true, rejectUnauthorized: false });
  server.on('request', (req: Req, res: Res) => {
    void dispatch(api, opts, req, res).catch((e: unknown) => {
      const st = toStatus(e);
      if (!res.headersSent) {
        res.writeHead(st.code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(st));
      } else res.end();
    });
  });
  server.on('sessionError', () => undefined);
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  const sockets = new Set<Socket>();
  server.on('secureConnection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        // Clients that reconnect (informers) must not keep the server open: stop accepting,
        // drop every connection, and do not wait on stragglers for more than a moment.
        const done = setTimeout(resolve, 1000);
        done.unref();
        server.close(() => {
          clearTimeout(done);
          resolve();
        });
        for (const s of sessions) s.destroy();
        for (const s of sockets) s.destroy();
        server.on('secureConnection', (s) => s.destroy());
      }),
  };
}

async function dispatch(api: ApiServer, opts: HttpsOptions, req: Req, res: Res): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://localhost');
  const user = authenticate(req);
  if (opts.component && (await opts.component.handle(req, res, user))) return;
  if (user === ANONYMOUS && !PUBLIC_PATHS.has(url.pathname)) {
    const st = errors.forbidden(`forbidden: User "system:anonymous" cannot ${(req.method ?? 'get').toLowerCase()} path "${url.pathname}"`).status;
    return send(res, { status: 403, body: st }, undefined);
  }
  const method = req.method ?? 'GET';
  let body: Uint8Array | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    try {
      body = await readBody(req);
    } catch (e) {
      const st = toStatus(e);
      return send(res, { status: st.code, body: st }, undefined);
    }
  }
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
  const apiReq: ApiRequest = { method, path: url.pathname, query: url.searchParams, headers, body, user, serialized: true };
  const r = await api.handle(apiReq);
  if (isWatchResponse(r)) return streamWatch(req, res, r);
  send(res, r, headers.accept);
}
