import type { KubeObject } from '../../api/meta.js';
import type { Clock } from '../../util/clock.js';
import type { Client, ResourceRef } from '../client.js';
import { microTime, rfc3339 } from '../../util/time.js';

/** LeaderElectionRecord is client-go's view of a lock, whatever object stores it. */
export interface LeaderElectionRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  /** ms since the epoch; 0 when unset */
  acquireTime: number;
  renewTime: number;
  leaderTransitions: number;
  strategy?: string;
  preferredHolder?: string;
}

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
  strategy?: string;
  preferredHolder?: string;
}

type Lease = KubeObject & { spec?: LeaseSpec };


/** specToRecord is LeaseSpecToLeaderElectionRecord. */
export function specToRecord(spec: LeaseSpec = {}): LeaderElectionRecord {
  const r: LeaderElectionRecord = {
    holderIdentity: spec.holderIdentity ?? '',
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: spec.acquireTime ? Date.parse(spec.acquireTime) : 0,
    renewTime: spec.renewTime ? Date.parse(spec.renewTime) : 0,
    leaderTransitions: spec.leaseTransitions ?? 0,
  };
  if (spec.strategy) r.strategy = spec.strategy;
  if (spec.preferredHolder) r.preferredHolder = spec.preferredHolder;
  return r;
}

/** recordToSpec is LeaderElectionRecordToLeaseSpec. */
export function recordToSpec(r: LeaderElectionRecord): LeaseSpec {
  const spec: LeaseSpec = {
    holderIdentity: r.holderIdentity,
    leaseDurationSeconds: r.leaseDurationSeconds,
    acquireTime: microTime(r.acquireTime),
    renewTime: microTime(r.renewTime),
    leaseTransitions: r.leaderTransitions,
  };
  if (r.preferredHolder) spec.preferredHolder = r.preferredHolder;
  if (r.strategy) spec.strategy = r.strategy;
  return spec;
}

export interface LeaseLockOptions {
  client: Client;
  namespace: string;
  name: string;
  /** `<hostname>_<uuid>` for kube-scheduler and kube-controller-manager. */
  identity: string;
  labels?: Record<string, string>;
  /** When set, "became leader"/"stopped leading" are recorded as core/v1 Events from this component. */
  eventSource?: string;
  clock?: Clock;
  onError?: (err: unknown) => void;
}

const LEASES = (namespace: string): ResourceRef => ({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace });

/**
 * LeaseLock keeps the election record in a coordination.k8s.io/v1 Lease (client-go's
 * resourcelock.LeaseLock). Updates send the last Lease read or written, so a concurrent
 * writer makes them fail with a Conflict instead of overwriting.
 */
export class LeaseLock {
  private lease?: Lease;

  constructor(private readonly o: LeaseLockOptions) {}

  get identity(): string {
    return this.o.identity;
  }

  describe(): string {
    return `${this.o.namespace}/${this.o.name}`;
  }

  /** get reads the Lease; the raw record (JSON) tells whether another holder renewed it. */
  async get(): Promise<{ record: LeaderElectionRecord; raw: string }> {
    this.lease = await this.o.client.get<Lease>(LEASES(this.o.namespace), this.o.name);
    const record = specToRecord(this.lease.spec);
    return { record, raw: JSON.stringify(record) };
  }

  async create(record: LeaderElectionRecord): Promise<void> {
    const metadata: Lease['metadata'] = { name: this.o.name, namespace: this.o.namespace };
    if (this.o.labels) metadata.labels = { ...this.o.labels };
    this.lease = await this.o.client.create<Lease>(LEASES(this.o.namespace), { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata, spec: recordToSpec(record) });
  }

  async update(record: LeaderElectionRecord): Promise<void> {
    if (!this.lease) throw new Error('lease not initialized, call get or create first');
    this.lease.spec = recordToSpec(record);
    if (this.o.labels) this.lease.metadata = { ...this.lease.metadata, labels: { ...this.lease.metadata?.labels, ...this.o.labels } };
    this.lease = await this.o.client.update<Lease>(LEASES(this.o.namespace), this.lease);
  }

  /** recordEvent writes `<identity> <what>` as a LeaderElection event on the Lease. */
  recordEvent(what: string): void {
    if (!this.o.eventSource || !this.lease) return;
    const now = (this.o.clock ?? { now: () => Date.now() }).now();
    const ts = rfc3339(now);
    const meta = this.lease.metadata ?? {};
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${this.o.name}.${(now * 1000 + Math.floor(Math.random() * 1000)).toString(16)}`, namespace: this.o.namespace },
      involvedObject: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: this.o.namespace, name: this.o.name, uid: meta.uid, resourceVersion: meta.resourceVersion },
      reason: 'LeaderElection',
      message: `${this.o.identity} ${what}`,
      type: 'Normal',
      source: { component: this.o.eventSource },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      reportingComponent: this.o.eventSource,
      reportingInstance: '',
    };
    this.o.client.create({ version: 'v1', resource: 'events', namespace: this.o.namespace }, event).catch((e: unknown) => this.o.onError?.(e));
  }
}
