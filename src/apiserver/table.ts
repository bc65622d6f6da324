import type { KubeList, KubeObject } from '../api/meta.js';
import type { ResourceInfo } from '../api/resources/types.js';
import { printerFor } from './printers/index.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** partialMetadata is a row's object with includeObject=Metadata (the default). */
function partialMetadata(obj: KubeObject): KubeObject {
  const { managedFields: _mf, ...metadata } = obj.metadata ?? {};
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

function row(info: ResourceInfo, obj: KubeObject, include: IncludeObject, now: number) {
  const printer = printerFor(info.group, info.plural);
  const r: Record<string, unknown> = { cells: printer.cells(obj, now) };
  if (include === 'Object') r.object = obj;
  else if (include === 'Metadata') r.object = partialMetadata(obj);
  return r;
}

/**
 * toTable renders objects as a meta.k8s.io/v1 Table. Watch events after the first pass
 * withColumns=false: upstream sends columnDefinitions once and null afterwards.
 */
export function toTable(info: ResourceInfo, objs: KubeObject[], opts: { include: IncludeObject; now: number; list?: KubeList; withColumns?: boolean }): Record<string, unknown> {
  const printer = printerFor(info.group, info.plural);
  const metadata: Record<string, unknown> = {};
  if (opts.list) {
    metadata.resourceVersion = opts.list.metadata.resourceVersion;
    if (opts.list.metadata.continue) metadata.continue = opts.list.metadata.continue;
    if (opts.list.metadata.remainingItemCount !== undefined) metadata.remainingItemCount = opts.list.metadata.remainingItemCount;
  } else if (objs.length === 1) {
    metadata.resourceVersion = objs[0]!.metadata?.resourceVersion;
  }
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.withColumns === false ? null : printer.columns,
    rows: objs.map((o) => row(info, o, opts.include, opts.now)),
  };
}

export function parseIncludeObject(v: string | null): IncludeObject {
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}
