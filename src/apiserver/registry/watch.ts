import type { KubeObject } from '../../api/meta.js';
import { errors } from '../../machinery/errors.js';
import { isStorageError, type KeyValue, type StorageEvent, type Watcher } from '../../storage/interface.js';
import { withRv } from './codec.js';
import type { WatchFrame, WatchStream } from '../types.js';
import type { ObjectFilter, ResourceStore } from './store.js';
import { parseRv } from './store.js';

export interface WatchParams {
  filter?: ObjectFilter;
  /** undefined/'' = now with the current state first; '0' = same; 'N' = changes after N. */
  resourceVersion?: string;
  sendInitialEvents?: boolean;
  allowBookmarks?: boolean;
  timeoutSeconds?: number;
  bookmarkIntervalMs?: number;
}

const DEFAULT_TIMEOUT_S = 1800;
const DEFAULT_BOOKMARK_MS = 15_000;

/**
 * watchResource starts a watch the way upstream's cacher answers one: optional synthetic
 * ADDED events for the current state, then changes in revision order, with selector
 * transitions turned into ADDED/DELETED, periodic bookmarks and a server-side timeout.
 */
export async function watchResource(store: ResourceStore, namespace: string, p: WatchParams): Promise<WatchStream> {
  const { storage, clock } = store.ctx;
  const rvParam = p.resourceVersion ?? '';
  const initial = p.sendInitialEvents ?? (rvParam === '' || rvParam === '0');
  let from: number;
  let initialObjects: KubeObject[] = [];
  if (initial) {
    const list = await store.list(namespace, { filter: p.filter, resourceVersion: rvParam && rvParam !== '0' ? rvParam : undefined });
    from = Number(list.metadata.resourceVersion);
    initialObjects = list.items;
  } else {
    from = parseRv(rvParam);
  }
  const filter = p.filter ?? everything;
  const kindMeta = { apiVersion: store.info.group ? `${store.info.group}/${store.info.version}` : store.info.version, kind: store.info.kind };
  let stopped = false;
  let watcher: Watcher | undefined;
  const cancels: Array<() => void> = [];
  let lastRev = from;
  let endStream = () => {};

  const stream: WatchStream = {
    start(onFrame, onEnd) {
      const end = () => {
        if (stopped) return;
        stream.stop();
        onEnd();
      };
      endStream = end;
      for (const obj of initialObjects) onFrame({ type: 'ADDED', object: obj });
      if (initial && p.sendInitialEvents && p.allowBookmarks) {
        onFrame({ type: 'BOOKMARK', object: { ...kindMeta, metadata: { resourceVersion: String(from), annotations: { 'k8s.io/initial-events-end': 'true' } } } });
      }
      initialObjects = [];
      const handle = (ev: StorageEvent) => {
        if (stopped) return;
        const frame = toFrame(store, ev, filter);
        lastRev = ev.revision;
        if (frame) onFrame(frame);
      };
      storage
        .watch({ prefix: store.prefix(namespace), fromRevision: from }, { onEvent: handle, onError: () => end() })
        .then((w) => {
          if (stopped) w.stop();
          else watcher = w;
        })
        .catch((e: unknown) => {
          const status = isStorageError(e, 'Expired')
            ? errors.resourceExpired(`too old resource version: ${from} (${(e.revision ?? 0) + 1})`).status
            : errors.internal(String(e)).status;
          onFrame({ type: 'ERROR', object: status as unknown as Record<string, unknown> });
          end();
        });
      cancels.push(clock.setTimeout(end, (p.timeoutSeconds && p.timeoutSeconds > 0 ? p.timeoutSeconds : DEFAULT_TIMEOUT_S) * 1000));
      if (p.allowBookmarks) {
        const interval = p.bookmarkIntervalMs ?? DEFAULT_BOOKMARK_MS;
        const tick = () => {
          if (stopped) return;
          onFrame({ type: 'BOOKMARK', object: { ...kindMeta, metadata: { resourceVersion: String(lastRev) } } });
          cancels.push(clock.setTimeout(tick, interval));
        };
        cancels.push(clock.setTimeout(tick, interval));
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      watcher?.stop();
      for (const c of cancels) c();
    },
    terminate: () => endStream(),
  };
  return stream;
}

const everything: ObjectFilter = () => true;

/**
 * toFrame makes the frame for this watch alone: its object is a fresh copy the receiver owns
 * (the in-process transport hands it over without copying). Where stored bytes are already
 * the served JSON, the frame carries them and decodes only if someone reads `object`.
 */
function toFrame(store: ResourceStore, ev: StorageEvent, filter: ObjectFilter): WatchFrame | undefined {
  if (ev.type === 'DELETE') {
    const obj = filter === everything ? undefined : store.decode(ev.kv, ev.revision);
    return !obj || filter(obj) ? frameOf(store, 'DELETED', ev.kv, ev.revision, obj) : undefined;
  }
  if (filter === everything) return frameOf(store, ev.prevKv ? 'MODIFIED' : 'ADDED', ev.kv, ev.kv.modRevision);
  const obj = store.decode(ev.kv);
  const now = filter(obj);
  const before = ev.prevKv ? filter(store.decode(ev.prevKv)) : false;
  if (now && before) return frameOf(store, 'MODIFIED', ev.kv, ev.kv.modRevision, obj);
  if (now) return frameOf(store, 'ADDED', ev.kv, ev.kv.modRevision, obj);
  if (before) return frameOf(store, 'DELETED', ev.kv, ev.kv.modRevision, obj);
  return undefined;
}

function frameOf(store: ResourceStore, type: 'ADDED' | 'MODIFIED' | 'DELETED', kv: KeyValue, revision: number, decoded?: KubeObject): WatchFrame {
  if (!store.servesRawJson) return { type, object: decoded ?? store.decode(kv, revision) };
  let object = decoded;
  const frame: WatchFrame = {
    type,
    get object() {
      return (object ??= store.decode(kv, revision));
    },
  };
  // Not enumerable: a frame that is copied or stringified whole still looks like {type, object}.
  return Object.defineProperty(frame, 'json', { value: withRv(kv.value, revision) });
}
