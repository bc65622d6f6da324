/**
 * Code is the outcome of a plugin call. The framework reads policy from it:
 *
 * - Success: the plugin passed (an undefined Status means the same).
 * - Error: an internal failure; the pod is retried with backoff.
 * - Unschedulable: the node does not fit now; PostFilter (preemption) may help.
 * - UnschedulableAndUnresolvable: the node cannot fit and preemption would not change that.
 * - Wait: only from Permit; the pod waits until allowed, rejected or timed out.
 * - Skip: from PreFilter/PreScore, the plugin's later points are skipped for this cycle;
 *   from Bind, the next Bind plugin handles the pod.
 * - Pending: the pod waits for an external event (e.g. a PreEnqueue-style condition).
 */
export const Code = {
  Success: 0,
  Error: 1,
  Unschedulable: 2,
  UnschedulableAndUnresolvable: 3,
  Wait: 4,
  Skip: 5,
  Pending: 6,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

const CODE_NAMES = ['Success', 'Error', 'Unschedulable', 'UnschedulableAndUnresolvable', 'Wait', 'Skip', 'Pending'] as const;

/** Status is a plugin result; `undefined` is the fast-path Success in every hot loop. */
export class Status {
  /** plugin is the name of the plugin that produced (or was blamed for) this status. */
  plugin?: string;

  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
    readonly err?: Error,
  ) {}

  static error(err: unknown): Status {
    const e = err instanceof Error ? err : new Error(String(err));
    return new Status(Code.Error, [e.message], e);
  }

  static unschedulable(...reasons: string[]): Status {
    return new Status(Code.Unschedulable, reasons);
  }

  static unresolvable(...reasons: string[]): Status {
    return new Status(Code.UnschedulableAndUnresolvable, reasons);
  }

  withPlugin(name: string): this {
    this.plugin ??= name;
    return this;
  }

  message(): string {
    return this.reasons.join(', ');
  }

  codeName(): string {
    return CODE_NAMES[this.code];
  }

  toString(): string {
    return `${this.codeName()}: ${this.message()}`;
  }
}

/** isSuccess treats undefined as Success. */
export function isSuccess(s: Status | undefined): boolean {
  return s === undefined || s.code === Code.Success;
}

/** isRejected is true for Unschedulable, UnschedulableAndUnresolvable and Pending. */
export function isRejected(s: Status | undefined): boolean {
  return s !== undefined && (s.code === Code.Unschedulable || s.code === Code.UnschedulableAndUnresolvable || s.code === Code.Pending);
}

/** isSkip is true for Code.Skip. */
export function isSkip(s: Status | undefined): boolean {
  return s !== undefined && s.code === Code.Skip;
}
