import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ComponentServer } from './component-server.js';
import { TEXT_PLAIN } from './types.js';

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
  const http = createServer((req, res) => {
    server.handle(req, res).then(
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
        http.closeAllConnections();
      }),
  };
}
