import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ComponentServer } from './component-server.js';
import { TEXT_PLAIN, type ComponentUser } from './types.js';

/** RunningServer is a listening component server; close() stops it and drops idle connections. */
export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/**
 * startComponentServer serves a ComponentServer over plain HTTP/1.1, for standalone
 * components (their insecure debug port) and tests. Unknown paths get Go's mux 404 text.
 * Port 0 picks a free port, reported back in `port`.
 */
export async function startComponentServer(server: ComponentServer, opts: { port: number; host?: string }): Promise<RunningServer> {
  return listen(createServer((req, res) => serve(server, req, res)), opts);
}

export interface SecureServingOptions {
  port: number;
  /** Default '0.0.0.0', kube-scheduler's --bind-address default. */
  host?: string;
  cert: string;
  key: string;
  /** CA whose client certificates authenticate callers (CN = user, O = groups). */
  clientCa?: string;
}

const ANONYMOUS: ComponentUser = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

/**
 * startSecureComponentServer is a standalone component's --secure-port: HTTPS, callers
 * authenticated by client certificate (anonymous otherwise) and authorized by the
 * ComponentServer's policy, so health roots answer anyone while /metrics and the z-pages
 * need system:monitoring or system:masters.
 */
export async function startSecureComponentServer(server: ComponentServer, opts: SecureServingOptions): Promise<RunningServer> {
  const https = createHttpsServer({ cert: opts.cert, key: opts.key, ca: opts.clientCa, requestCert: !!opts.clientCa, rejectUnauthorized: false }, (req, res) =>
    serve(server, req, res, userOf(req.socket as TLSSocket)),
  );
  https.on('tlsClientError', () => undefined);
  return listen(https, { port: opts.port, host: opts.host ?? '0.0.0.0' });
}

function userOf(socket: TLSSocket): ComponentUser {
  if (!socket.authorized) return ANONYMOUS;
  const subject = socket.getPeerCertificate()?.subject;
  if (!subject?.CN) return ANONYMOUS;
  const o = subject.O;
  const groups = Array.isArray(o) ? o : o ? [o] : [];
  return { name: String(subject.CN), groups: [...groups, 'system:authenticated'] };
}

function serve(server: ComponentServer, req: IncomingMessage, res: ServerResponse, user?: ComponentUser): void {
  server.handle(req, res, user).then(
    (handled) => {
      if (handled) return;
      res.statusCode = 404;
      res.setHeader('Content-Type', TEXT_PLAIN);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.end('404 page not found\n');
    },
    (err: unknown) => {
      if (!res.headersSent) res.statusCode = 500;
      res.end(`internal server error: ${err instanceof Error ? err.message : String(err)}\n`);
    },
  );
}

async function listen(http: ReturnType<typeof createServer>, opts: { port: number; host?: string }): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  http.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  return {
    port: (http.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.close((err) => (err ? reject(err) : resolve()));
        // closeAllConnections misses TLS sockets still in the handshake; destroy every socket.
        for (const s of sockets) s.destroy();
      }),
  };
}
