/**
 * Taint/toleration matching shared by the scheduler's TaintToleration and NodeUnschedulable
 * plugins and the taint-eviction controller (core/v1 Toleration.ToleratesTaint), including the
 * v1.35 Gt/Lt comparison operators behind TaintTolerationComparisonOperators.
 */

/** TaintEffect is one of the three effects a node taint may carry. */
export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/** Taint is core/v1 Taint (node.spec.taints[]). */
export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
  timeAdded?: string;
}

/** Toleration is core/v1 Toleration (pod.spec.tolerations[]). */
export interface Toleration {
  key?: string;
  /** Exists, Equal (also ''), Lt or Gt. */
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number | null;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const CANONICAL_INT = /^-?(0|[1-9][0-9]*)$/;

/**
 * parseCanonicalInt64 parses a canonical decimal integer (no '+', no leading zeros, no '-0')
 * within int64 range; undefined otherwise. Used for both sides of Gt/Lt.
 */
export function parseCanonicalInt64(v: string | undefined): bigint | undefined {
  if (v === undefined || v === '-0' || !CANONICAL_INT.test(v)) return undefined;
  const n = BigInt(v);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/**
 * toleratesTaint is Toleration.ToleratesTaint: effect and key must match when set, then the
 * operator decides. For Lt/Gt the taint value is the left-hand side: Lt matches iff
 * taint < toleration, Gt iff taint > toleration (strict); with the gate off they never match.
 */
export function toleratesTaint(tol: Toleration, taint: Taint, enableComparisonOperators: boolean): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  switch (tol.operator ?? '') {
    case '':
    case 'Equal':
      return (tol.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    case 'Lt':
    case 'Gt': {
      if (!enableComparisonOperators) return false;
      const want = parseCanonicalInt64(tol.value);
      const have = parseCanonicalInt64(taint.value);
      if (want === undefined || have === undefined) return false;
      return tol.operator === 'Lt' ? have < want : have > want;
    }
    default:
      return false;
  }
}

/** tolerationsTolerateTaint reports whether any toleration tolerates the taint. */
export function tolerationsTolerateTaint(tols: readonly Toleration[] | undefined, taint: Taint, enableComparisonOperators: boolean): boolean {
  if (!tols) return false;
  for (const t of tols) if (toleratesTaint(t, taint, enableComparisonOperators)) return true;
  return false;
}

/**
 * findMatchingUntoleratedTaint returns the first taint passing the filter that no toleration
 * tolerates (upstream's v1helper.FindMatchingUntoleratedTaint), or undefined.
 */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tols: readonly Toleration[] | undefined,
  filter: (t: Taint) => boolean,
  enableComparisonOperators: boolean,
): Taint | undefined {
  if (!taints) return undefined;
  for (const taint of taints) {
    if (!filter(taint)) continue;
    if (!tolerationsTolerateTaint(tols, taint, enableComparisonOperators)) return taint;
  }
  return undefined;
}

/**
 * getMatchingTolerations returns, for taints that are all tolerated, the tolerations that
 * tolerate them (used by the taint-eviction controller for tolerationSeconds); ok is false
 * when some taint is not tolerated.
 */
export function getMatchingTolerations(taints: readonly Taint[], tols: readonly Toleration[] | undefined, enableComparisonOperators: boolean): { ok: boolean; tolerations: Toleration[] } {
  const out: Toleration[] = [];
  for (const taint of taints) {
    const matched = (tols ?? []).filter((t) => toleratesTaint(t, taint, enableComparisonOperators));
    if (matched.length === 0) return { ok: false, tolerations: [] };
    out.push(...matched);
  }
  return { ok: true, tolerations: out };
}
