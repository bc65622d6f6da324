/**
 * Per-request validation context.
 *
 * Validation rules depend on feature gates (e.g. MutablePVNodeAffinity), so the
 * caller passes a gate lookup rather than validators reading global state; this
 * keeps validators pure and lets tests flip gates per case.
 */
export interface ValidationContext {
  /** Returns whether the named feature gate is enabled. */
  gates: (name: string) => boolean;
}

/** A context with every gate at the given value; handy for tests and defaults. */
export function allGates(enabled: boolean): ValidationContext {
  return { gates: () => enabled };
}
