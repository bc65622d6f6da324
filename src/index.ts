/** Library entry: start a cluster from a test suite (the envtest use case). */
export { startCluster, type Cluster, type ClusterOptions } from './cluster/cluster.js';
export { Client, type ResourceRef } from './client/client.js';
export { FakeClock, realClock, type Clock } from './util/clock.js';
export { StatusError, isNotFound, isConflict, isAlreadyExists, isInvalid, isGone } from './machinery/errors.js';
