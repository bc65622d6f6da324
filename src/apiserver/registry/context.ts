import type { KubeObject } from '../../api/meta.js';
import type { ResourceInfo } from '../../api/resources/types.js';
import type { FieldError } from '../../machinery/field-errors.js';
import type { Storage } from '../../storage/interface.js';
import type { Clock } from '../../util/clock.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

/** AdmissionAttributes is what an admission plugin sees of one write. */
export interface AdmissionAttributes {
  operation: Operation;
  info: ResourceInfo;
  subresource: string;
  namespace: string;
  name: string;
  object?: KubeObject;
  oldObject?: KubeObject;
  dryRun: boolean;
}

/** AdmissionPlugin mutates or refuses writes; throw a StatusError to refuse. */
export interface AdmissionPlugin {
  name: string;
  admit?(a: AdmissionAttributes): Promise<void> | void;
  validate?(a: AdmissionAttributes): Promise<void> | void;
}

/**
 * ObjectRules are the defaulting and validation functions of the built-in kinds; the
 * registry takes them as an interface so it does not depend on each kind's code.
 */
export interface ObjectRules {
  defaults(info: ResourceInfo, obj: KubeObject): void;
  /** Create-only work after defaulting: finalizers, generated selectors (needs uid and name). */
  prepareForCreate(info: ResourceInfo, obj: KubeObject): void;
  validateCreate(info: ResourceInfo, obj: KubeObject): FieldError[];
  /** subresource is '' for the main resource, or 'status', 'resize', 'finalize', 'scale'. */
  validateUpdate(info: ResourceInfo, obj: KubeObject, old: KubeObject, subresource: string): FieldError[];
}

export interface RegistryContext {
  storage: Storage;
  clock: Clock;
  gates: (name: string) => boolean;
  admission: AdmissionPlugin[];
  rules: ObjectRules;
}
