import type { KubeObject } from '../../api/meta.js';

/** ColumnDefinition is one meta.k8s.io/v1 TableColumnDefinition. */
export interface ColumnDefinition {
  name: string;
  /** OpenAPI type as upstream declares it; cells may carry another JSON type (see the spec). */
  type: string;
  /** 'name' on the column holding the object name, '' everywhere else (plus VolumeAttachment Attacher). */
  format: string;
  description: string;
  /** 0 = always shown, 1 = kubectl shows it only with -o wide. */
  priority: number;
}

/** TableRowCondition is a meta.k8s.io/v1 TableRowCondition (pods set one when finished). */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/**
 * TablePrinter renders one resource's server-side table. The apiserver always renders the wide
 * form, so `cells` returns exactly one cell per column; `now` (epoch ms) makes ages deterministic.
 */
export interface TablePrinter {
  columns: ColumnDefinition[];
  cells(obj: KubeObject, now: number): unknown[];
  /** Row conditions, when the resource has any (pods: Completed once terminal). */
  conditions?(obj: KubeObject): TableRowCondition[] | undefined;
}

/** col builds a non-name column; descriptions are informational only (kubectl ignores them). */
export function col(name: string, type: string, description: string, priority = 0): ColumnDefinition {
  return { name, type, format: '', description, priority };
}

/** nameCol is the first column of nearly every table. */
export function nameCol(priority = 0): ColumnDefinition {
  return {
    name: 'Name',
    type: 'string',
    format: 'name',
    description: 'Name must be unique within a namespace. More info: http://kubernetes.io/docs/user-guide/identifiers#names',
    priority,
  };
}

/** ageCol is the creation-time column rendered with HumanDuration. */
export function ageCol(): ColumnDefinition {
  return col(
    'Age',
    'string',
    'CreationTimestamp is a timestamp representing the server time when this object was created.',
  );
}
