export { LeaderElector, newIdentity, JITTER_FACTOR, type LeaderCallbacks, type LeaderElectionConfig, type StopReason } from './leader-elector.js';
export { LeaseLock, recordToSpec, specToRecord, type LeaderElectionRecord, type LeaseLockOptions } from './lease-lock.js';
