import { FEATURE_DEPENDENCIES, KNOWN_FEATURES, SPECIAL_FEATURES } from './known-features.js';
import { parseGoBool } from './parse-bool.js';
import type { FeatureSpec } from './spec.js';

/** FeatureGatesOptions replaces the registry, so tests and embedders can use their own gates. */
export interface FeatureGatesOptions {
  known?: Readonly<Record<string, FeatureSpec>>;
  dependencies?: Readonly<Record<string, readonly string[]>>;
}

/**
 * FeatureGates is one component's --feature-gates state, mirroring upstream's featureGate:
 * values the user set explicitly override the registered v1.35 defaults, locked gates refuse
 * any other value, AllAlpha/AllBeta fill in every unset gate of their stage, and enabled
 * gates must have their dependencies enabled. Errors are plain Errors carrying upstream's
 * exact messages so the CLI can print them as kube-apiserver would.
 */
export class FeatureGates {
  /** warnings holds upstream's log lines for setting GA or deprecated gates, for the CLI to print. */
  readonly warnings: string[] = [];
  private readonly knownSpecs: Readonly<Record<string, FeatureSpec>>;
  private readonly deps: Readonly<Record<string, readonly string[]>>;
  /** raw holds what the user asked for, in flag order, before AllAlpha/AllBeta expansion. */
  private raw = new Map<string, boolean>();
  /** resolved holds explicit values after expansion; gates absent here use their default. */
  private resolved = new Map<string, boolean>();

  constructor(opts: FeatureGatesOptions = {}) {
    this.knownSpecs = opts.known ?? KNOWN_FEATURES;
    this.deps = opts.dependencies ?? (opts.known ? {} : FEATURE_DEPENDENCIES);
  }

  /** parse builds gates from a --feature-gates value such as `A=true,B=false`; undefined means defaults. */
  static parse(flag: string | undefined, opts?: FeatureGatesOptions): FeatureGates {
    const gates = new FeatureGates(opts);
    if (flag !== undefined) gates.setFromFlag(flag);
    return gates;
  }

  /** setFromFlag applies a `k=v,k2=v2` string; like upstream, later flags add to earlier ones. */
  setFromFlag(flag: string): void {
    const m = new Map<string, boolean>();
    for (const part of flag.split(',')) {
      if (part.length === 0) continue;
      const eq = part.indexOf('=');
      const key = (eq < 0 ? part : part.slice(0, eq)).trim();
      if (eq < 0) throw new Error(`missing bool value for ${key}`);
      const value = part.slice(eq + 1).trim();
      try {
        m.set(key, parseGoBool(value));
      } catch (err) {
        throw new Error(`invalid value of ${key}=${value}, err: ${(err as Error).message}`);
      }
    }
    this.setFromMap(m);
  }

  /** set overrides one gate; it throws (and changes nothing) if the result would be invalid. */
  set(name: string, value: boolean): void {
    this.setFromMap(new Map([[name, value]]));
  }

  /** setFromMap applies several overrides at once, validating them together (dependencies included). */
  setFromMap(values: ReadonlyMap<string, boolean> | Readonly<Record<string, boolean>>): void {
    const entries = values instanceof Map ? [...values] : Object.entries(values);
    const raw = new Map(this.raw);
    for (const [k, v] of entries) {
      raw.delete(k); // keep flag order: a re-set gate moves to the end, as a later flag would
      raw.set(k, v);
    }
    const resolved = this.resolve(raw);
    this.raw = raw;
    this.resolved = resolved;
    for (const [k, v] of entries) {
      const stage = this.knownSpecs[k]!.stage;
      if (stage === 'DEPRECATED') this.warnings.push(`Setting deprecated feature gate ${k}=${v}. It will be removed in a future release.`);
      else if (stage === 'GA') this.warnings.push(`Setting GA feature gate ${k}=${v}. It will be removed in a future release.`);
    }
  }

  /** enabled reports a gate's effective value; asking for an unregistered gate is a programming error. */
  enabled(name: string): boolean {
    const spec = this.knownSpecs[name];
    if (!spec) throw new Error(`feature "${name}" is not registered in FeatureGate`);
    return this.resolved.get(name) ?? spec.default;
  }

  /** spec returns the registered v1.35 spec of a gate, or undefined for unknown names. */
  spec(name: string): FeatureSpec | undefined {
    return this.knownSpecs[name];
  }

  /** explicitlySet tells whether a value came from the user (directly or via AllAlpha/AllBeta). */
  explicitlySet(name: string): boolean {
    return this.resolved.has(name);
  }

  /** known lists every registered gate name, sorted. */
  known(): string[] {
    return Object.keys(this.knownSpecs).sort();
  }

  /**
   * knownFeatures renders the --feature-gates help lines as upstream does: GA and deprecated
   * gates are omitted, and GA would print an empty stage anyway.
   */
  knownFeatures(): string[] {
    const lines: string[] = [];
    for (const [name, spec] of Object.entries(this.knownSpecs)) {
      if (!(name in SPECIAL_FEATURES) && (spec.stage === 'GA' || spec.stage === 'DEPRECATED')) continue;
      lines.push(`${name}=true|false (${spec.stage} - default=${spec.default})`);
    }
    return lines.sort();
  }

  /** toString is the flag form of the explicit values, sorted (`A=true,B=false`). */
  toString(): string {
    return [...this.resolved].map(([k, v]) => `${k}=${v}`).sort().join(',');
  }

  /** overrides returns the explicit values (after AllAlpha/AllBeta expansion), sorted by name. */
  overrides(): Record<string, boolean> {
    return Object.fromEntries([...this.resolved].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** clone copies the gates, so a test or a sub-component can diverge without affecting the original. */
  clone(): FeatureGates {
    const copy = new FeatureGates({ known: this.knownSpecs, dependencies: this.deps });
    copy.raw = new Map(this.raw);
    copy.resolved = new Map(this.resolved);
    return copy;
  }

  private resolve(raw: ReadonlyMap<string, boolean>): Map<string, boolean> {
    const resolved = new Map<string, boolean>();
    const errors: string[] = [];
    for (const [k, v] of raw) {
      const spec = this.knownSpecs[k];
      if (!spec) {
        errors.push(`unrecognized feature gate: ${k}`);
        throwAggregate(errors); // upstream stops at the first unknown gate
      }
      if (spec!.lockToDefault && spec!.default !== v) {
        errors.push(`cannot set feature gate ${k} to ${v}, feature is locked to ${spec!.default}`);
        continue;
      }
      const stage = SPECIAL_FEATURES[k];
      if (stage) {
        for (const [name, s] of Object.entries(this.knownSpecs)) {
          if (!(name in SPECIAL_FEATURES) && s.stage === stage && !resolved.has(name)) resolved.set(name, v);
        }
      }
      resolved.set(k, v);
    }
    throwAggregate(errors);
    const isOn = (f: string) => resolved.get(f) ?? this.knownSpecs[f]?.default ?? false;
    for (const feature of Object.keys(this.deps).sort()) {
      if (!isOn(feature)) continue;
      const off = this.deps[feature]!.filter((d) => !isOn(d));
      if (off.length > 0) errors.push(`${feature} is enabled, but depends on features that are disabled: [${off.join(' ')}]`);
    }
    throwAggregate(errors);
    return resolved;
  }
}

/** throwAggregate mimics utilerrors.NewAggregate: one error prints bare, several as `[a, b]`. */
function throwAggregate(errors: string[]): void {
  if (errors.length === 1) throw new Error(errors[0]);
  if (errors.length > 1) throw new Error(`[${errors.join(', ')}]`);
}
