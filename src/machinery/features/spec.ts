/**
 * Stage is a gate's maturity. Upstream spells GA as the empty string in metrics and help
 * text; we name it so that exhaustive switches read well and map it at the edges.
 */
export type Stage = 'ALPHA' | 'BETA' | 'GA' | 'DEPRECATED';

/**
 * FeatureSpec is a gate's state at the binary version (1.35): upstream keeps a list of
 * versioned specs per gate, we keep only the one in effect for v1.35 because we do not
 * implement --emulated-version.
 */
export interface FeatureSpec {
  default: boolean;
  stage: Stage;
  /** A locked gate cannot be set to anything but its default (GA or deprecated-and-removed). */
  lockToDefault?: boolean;
}

/** Shorthands keep the data tables one line per gate and easy to diff against upstream. */
export const alpha = (d = false): FeatureSpec => ({ default: d, stage: 'ALPHA' });
export const beta = (d: boolean): FeatureSpec => ({ default: d, stage: 'BETA' });
/** ga is a GA gate; most GA gates are locked, the few that are not pass locked=false. */
export const ga = (locked = true): FeatureSpec => (locked ? { default: true, stage: 'GA', lockToDefault: true } : { default: true, stage: 'GA' });
export const deprecated = (d: boolean, locked = false): FeatureSpec =>
  locked ? { default: d, stage: 'DEPRECATED', lockToDefault: true } : { default: d, stage: 'DEPRECATED' };
