import type { KubeObject } from '../../api/meta.js';
import { errors } from '../../machinery/errors.js';
import { fe, type FieldError } from '../../machinery/field-errors.js';
import { compileFieldSelector } from '../../machinery/fields/index.js';
import { parseSelector } from '../../machinery/labels/index.js';
import { negotiate } from '../negotiate.js';
import type { ObjectFilter } from '../registry/store.js';
import { watchResource } from '../registry/watch.js';
import { parseIncludeObject, toTable } from '../table.js';
import type { ApiResponse, WatchFrame, WatchStream } from '../types.js';
import { json, type HandlerContext } from './context.js';

/** buildFilter compiles labelSelector and fieldSelector into one predicate. */
export function buildFilter(c: HandlerContext): ObjectFilter | undefined {
  const q = c.req.query;
  const ls = q.get('labelSelector');
  const fs = q.get('fieldSelector');
  const preds: ObjectFilter[] = [];
  if (ls) {
    const sel = parseSelector(ls);
    preds.push((o) => sel.matches(o.metadata?.labels ?? {}));
  }
  if (fs) preds.push(compileFieldSelector(c.info.group, c.info.plural, fs));
  if (!preds.length) return undefined;
  return (o) => preds.every((p) => p(o));
}

function parseIntParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw errors.badRequest(`invalid value for ${name}: ${JSON.stringify(v)}`);
  return Number(v);
}

export async function handleGet(c: HandlerContext): Promise<ApiResponse> {
  const obj = await c.store.get(c.ri.namespace, c.ri.name, c.req.query.get('resourceVersion') ?? undefined);
  const neg = negotiate(c.req.headers.accept);
  if (neg.table) {
    return json(200, toTable(c.info, [obj], { include: parseIncludeObject(c.req.query.get('includeObject')), now: c.services.clock.now() }), c.warnings);
  }
  return json(200, obj, c.warnings);
}

export async function handleList(c: HandlerContext): Promise<ApiResponse> {
  const q = c.req.query;
  const neg = negotiate(c.req.headers.accept);
  const filter = buildFilter(c);
  if (c.req.serialized && !filter && !neg.table && !neg.yaml && c.store.servesRawJson) {
    const text = await c.store.listJson(c.ri.namespace, {
      limit: parseIntParam(q, 'limit'),
      continue: q.get('continue') ?? undefined,
      resourceVersion: q.get('resourceVersion') ?? undefined,
      resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
    });
    return { status: 200, headers: { 'content-type': 'application/json' }, text, warnings: c.warnings };
  }
  const list = await c.store.list(c.ri.namespace, {
    filter,
    limit: parseIntParam(q, 'limit'),
    continue: q.get('continue') ?? undefined,
    resourceVersion: q.get('resourceVersion') ?? undefined,
    resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
  });
  if (neg.table) {
    return json(200, toTable(c.info, list.items, { include: parseIncludeObject(q.get('includeObject')), now: c.services.clock.now(), list }), c.warnings);
  }
  // Items carry no kind/apiVersion in upstream lists.
  for (const item of list.items) {
    delete item.kind;
    delete item.apiVersion;
  }
  return json(200, list, c.warnings);
}

export async function handleWatch(c: HandlerContext): Promise<ApiResponse> {
  const q = c.req.query;
  const filter = buildFilter(c);
  const nameFilter: ObjectFilter | undefined = c.ri.name ? (o) => o.metadata?.name === c.ri.name : undefined;
  const combined: ObjectFilter | undefined = filter && nameFilter ? (o) => filter(o) && nameFilter(o) : (filter ?? nameFilter);
  const sie = q.get('sendInitialEvents');
  if (sie !== null) checkWatchList(q);
  const inner = await watchResource(c.store, c.ri.namespace, {
    filter: combined,
    resourceVersion: q.get('resourceVersion') ?? undefined,
    sendInitialEvents: sie === null ? undefined : sie === 'true',
    allowBookmarks: q.get('allowWatchBookmarks') === 'true',
    timeoutSeconds: parseIntParam(q, 'timeoutSeconds'),
  });
  const neg = negotiate(c.req.headers.accept);
  const stream: WatchStream = neg.table ? tableStream(c, inner) : inner;
  return { status: 200, headers: { 'content-type': 'application/json' }, watch: stream, warnings: c.warnings };
}

/** tableStream converts object events to one-row Tables; columns go with the first only. */
function tableStream(c: HandlerContext, inner: WatchStream): WatchStream {
  const include = parseIncludeObject(c.req.query.get('includeObject'));
  let first = true;
  return {
    start(onFrame, onEnd) {
      inner.start((f: WatchFrame) => {
        if (f.type === 'ERROR' || f.type === 'BOOKMARK') return onFrame(f);
        const t = toTable(c.info, [f.object as KubeObject], { include, now: c.services.clock.now(), withColumns: first });
        first = false;
        onFrame({ type: f.type, object: t });
      }, onEnd);
    },
    stop: () => inner.stop(),
    terminate: () => inner.terminate?.(),
  };
}

/** checkWatchList applies upstream's ListOptions rules for the watch-list mode. */
function checkWatchList(q: URLSearchParams): void {
  const errs: FieldError[] = [];
  if (q.get('resourceVersionMatch') !== 'NotOlderThan') {
    errs.push(fe.forbidden('resourceVersionMatch', "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
  }
  if (q.get('allowWatchBookmarks') !== 'true') errs.push(fe.forbidden('allowWatchBookmarks', 'allowWatchBookmarks must be set to true when sendInitialEvents is specified'));
  if (errs.length) throw errors.invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', errs);
}
