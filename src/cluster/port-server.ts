import type { PortLike, PortReply, PortRequest } from '../client/port-transport.js';
import type { Transport } from '../client/transport.js';
import type { FrameWatcher } from './in-process-transport.js';

/**
 * servePort answers a PortTransport (a component in a worker thread) from this thread:
 * requests through `requests`, watches through `watchFrames`, whose stored-JSON frames cross
 * as text so this thread (the API server's) never decodes them. Returns a function that
 * stops every watch and stops listening.
 */
export function servePort(port: PortLike, requests: Pick<Transport, 'request'>, watchFrames: FrameWatcher): () => void {
  const watches = new Map<number, () => void>();
  // A close can arrive while the watch is still starting.
  const closedEarly = new Set<number>();
  let stopped = false;
  const post = (m: PortReply) => {
    if (!stopped) port.postMessage(m);
  };
  const onMessage = (m: PortRequest) => {
    switch (m.op) {
      case 'request':
        requests.request(m.req).then(
          (res) =>
            post(
              typeof res.body === 'string' && /json/.test(String(res.headers['content-type'] ?? ''))
                ? { op: 'response', id: m.id, res: { ...res, body: undefined }, json: res.body }
                : { op: 'response', id: m.id, res },
            ),
          (e: unknown) => post({ op: 'failed', id: m.id, message: e instanceof Error ? e.message : String(e) }),
        );
        return;
      case 'watch':
        watches.set(m.id, () => closedEarly.add(m.id));
        watchFrames(
          m.req,
          (f) => post(f.json !== undefined ? { op: 'event', id: m.id, type: f.type, json: f.json } : { op: 'event', id: m.id, type: f.type, object: f.object }),
          () => {
            watches.delete(m.id);
            post({ op: 'end', id: m.id });
          },
        ).then(
          (stop) => {
            if (closedEarly.delete(m.id) || stopped) stop();
            else if (watches.has(m.id)) watches.set(m.id, stop);
          },
          (e: unknown) => {
            watches.delete(m.id);
            post({ op: 'event', id: m.id, type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500, message: String(e) } });
            post({ op: 'end', id: m.id });
          },
        );
        return;
      case 'close': {
        const stop = watches.get(m.id);
        watches.delete(m.id);
        stop?.();
      }
    }
  };
  port.on('message', onMessage);
  return () => {
    stopped = true;
    port.off('message', onMessage);
    for (const stop of watches.values()) stop();
    watches.clear();
  };
}
