import { selectorFromLabelSelector } from '../../../machinery/labels/index.js';
import { parseQuantity } from '../../../machinery/quantity.js';
import type { Node } from '../../framework/types.js';
import { anyTermMatches } from '../node-affinity/node-selector.js';
import { ANN_SELECTED_NODE, NO_PROVISIONER, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from './types.js';

export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
/** 1.35 wording (kubernetes#129887); before 1.33 it was "node(s) had volume node affinity conflict". */
export const ERR_REASON_NODE_CONFLICT = "node(s) didn't match PersistentVolume's node affinity";
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

/** PodVolumes are the decisions for one node: PVs to pre-bind and claims to provision. */
export interface PodVolumes {
  staticBindings: Array<{ pvc: PersistentVolumeClaim; pv: PersistentVolume }>;
  dynamicProvisions: PersistentVolumeClaim[];
}

/** pvMatchesNode checks the PV's required node affinity against the node, read fresh each cycle. */
export function pvMatchesNode(pv: PersistentVolume, node: Node): boolean {
  const terms = pv.spec.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return anyTermMatches(terms, node.metadata.labels ?? {}, node.metadata.name ?? '');
}

export const claimKey = (c: PersistentVolumeClaim) => `${c.metadata.namespace}/${c.metadata.name}`;
/** storageOf is the exact storage quantity (nano-units) of a requests/capacity list. */
const storageOf = (r: Record<string, string | number> | undefined): bigint => parseQuantity(r?.storage ?? 0)?.nano ?? 0n;

/** claimRefMatches is true when the PV is pre-bound to exactly this claim. */
function claimRefMatches(pv: PersistentVolume, c: PersistentVolumeClaim): boolean {
  const r = pv.spec.claimRef;
  if (!r || r.namespace !== c.metadata.namespace || r.name !== c.metadata.name) return false;
  return !r.uid || r.uid === c.metadata.uid;
}

/**
 * findMatchingVolume is the PV controller's matching rule: same class, free (or pre-bound
 * to this claim), node affinity admits the node, access modes and volume mode fit, big
 * enough, selector matches; the smallest such PV wins, a pre-bound one wins outright.
 */
export function findMatchingVolume(c: PersistentVolumeClaim, pvs: readonly PersistentVolume[], node: Node, excluded: ReadonlySet<string>): PersistentVolume | undefined {
  const want = storageOf(c.spec.resources?.requests);
  const cls = c.spec.storageClassName ?? '';
  const selector = c.spec.selector ? selectorFromLabelSelector(c.spec.selector) : undefined;
  let best: PersistentVolume | undefined;
  for (const pv of pvs) {
    const name = pv.metadata.name ?? '';
    if ((pv.spec.storageClassName ?? '') !== cls || excluded.has(name) || pv.metadata.deletionTimestamp) continue;
    if (c.spec.volumeName && c.spec.volumeName !== name) continue;
    if (!pvMatchesNode(pv, node)) continue;
    if (claimRefMatches(pv, c)) return pv;
    if (pv.spec.claimRef) continue;
    if (!(c.spec.accessModes ?? []).every((m) => (pv.spec.accessModes ?? []).includes(m))) continue;
    if ((pv.spec.volumeMode ?? 'Filesystem') !== (c.spec.volumeMode ?? 'Filesystem')) continue;
    const size = storageOf(pv.spec.capacity);
    if (size < want || (selector && !selector.matches(pv.metadata.labels))) continue;
    if (!best || size < storageOf(best.spec.capacity)) best = pv;
  }
  return best;
}

/** provisionable: the class has a real provisioner and its allowedTopologies admit the node. */
export function provisionable(cls: StorageClass | undefined, node: Node): boolean {
  if (!cls || cls.provisioner === NO_PROVISIONER) return false;
  const topo = cls.allowedTopologies ?? [];
  if (topo.length === 0) return true;
  const labels = node.metadata.labels ?? {};
  return topo.some((t) => (t.matchLabelExpressions ?? []).every((e) => labels[e.key] !== undefined && e.values.includes(labels[e.key]!)));
}

/** Inputs findPodVolumes reads; listers are consulted at call time so changes apply at once. */
export interface BinderView {
  pv(name: string): PersistentVolume | undefined;
  pvs(): PersistentVolume[];
  storageClass(name: string): StorageClass | undefined;
  /** assumed maps PV name -> claim key for bindings reserved but not yet visible in the informer. */
  assumed: ReadonlyMap<string, string>;
}

/** findPodVolumes returns the node's binding decisions or the reasons it cannot host the claims. */
export function findPodVolumes(bound: readonly PersistentVolumeClaim[], delayed: readonly PersistentVolumeClaim[], node: Node, v: BinderView): { podVolumes?: PodVolumes; reasons: string[] } {
  let boundOK = true;
  let pvFound = true;
  for (const c of bound) {
    const pv = v.pv(c.spec.volumeName!);
    if (!pv) pvFound = false;
    else if (!pvMatchesNode(pv, node)) boundOK = false;
  }
  let unboundOK = true;
  const pv = { staticBindings: [] as PodVolumes['staticBindings'], dynamicProvisions: [] as PersistentVolumeClaim[] };
  const chosen = new Set<string>();
  for (const [name, key] of v.assumed) if (!delayed.some((c) => claimKey(c) === key)) chosen.add(name);
  for (const c of delayed) {
    const selected = c.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected !== undefined) {
      if (selected !== node.metadata.name) unboundOK = false;
      else pv.dynamicProvisions.push(c);
      continue;
    }
    const match = findMatchingVolume(c, v.pvs(), node, chosen);
    if (match) {
      chosen.add(match.metadata.name!);
      pv.staticBindings.push({ pvc: c, pv: match });
    } else if (provisionable(v.storageClass(c.spec.storageClassName ?? ''), node)) pv.dynamicProvisions.push(c);
    else unboundOK = false;
  }
  const reasons: string[] = [];
  if (!boundOK) reasons.push(ERR_REASON_NODE_CONFLICT);
  if (!unboundOK) reasons.push(ERR_REASON_BIND_CONFLICT);
  if (!pvFound) reasons.push(ERR_REASON_PV_NOT_EXIST);
  return reasons.length ? { reasons } : { podVolumes: pv, reasons };
}
