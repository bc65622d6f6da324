import type { PortLike, PortReply, PortRequest } from '../client/port-transport.js';
import type { Transport } from '../client/transport.js';
import type { FrameWatcher } from './in-process-transport.js';

/** WatchState is one served watch: stop once started, closed once the client closed it. */
interface WatchState {
  stop?: () => void;
  closed: boolean;
}

/**
 * servePort answers a PortTransport (a component in a worker thread) from this thread:
 * requests through `requests`, watches through `watchFrames`, whose stored-JSON frames cross
 * as text so this thread (the API server's) never decodes them. Returns a function that
 * stops every watch and stops listening.
 */
export function servePort(port: PortLike, requests: Pick<Transport, 'request'>, watchFrames: FrameWatcher): () => void {
  // A close can arrive while a watch is still starting: it is marked, and stopped once started.
  const watches = new Map<number, WatchState>();
  const close = (w: WatchState) => {
    w.closed = true;
    w.stop?.();
  };
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
      case 'watch': {
        const w: WatchState = { closed: false };
        watches.set(m.id, w);
        watchFrames(
          m.req,
          (f) => post(f.json !== undefined ? { op: 'event', id: m.id, type: f.type, json: f.json } : { op: 'event', id: m.id, type: f.type, object: f.object }),
          () => {
            watches.delete(m.id);
            post({ op: 'end', id: m.id });
          },
        ).then(
          (stop) => {
            w.stop = stop;
            if (w.closed) stop();
          },
          (e: unknown) => {
            watches.delete(m.id);
            post({ op: 'event', id: m.id, type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500, message: String(e) } });
            post({ op: 'end', id: m.id });
          },
        );
        return;
      }
      case 'close': {
        const w = watches.get(m.id);
        watches.delete(m.id);
        if (w) close(w);
      }
    }
  };
  port.on('message', onMessage);
  return () => {
    stopped = true;
    port.off('message', onMessage);
    for (const w of watches.values()) close(w);
    watches.clear();
  };
}
