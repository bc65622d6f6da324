import type { Client } from '../../client/client.js';
import { FakeClock } from '../../util/clock.js';
import type { FeatureSet, Handle } from '../framework/interface.js';

/** NO_FEATURES is a FeatureSet with every gate off; spread it and set what a test needs. */
export const NO_FEATURES: FeatureSet = {
  taintTolerationComparisonOperators: false,
  genericWorkload: false,
  gangScheduling: false,
  podLevelResources: false,
  asyncPreemption: false,
  opportunisticBatching: false,
};

/**
 * fakeHandle is a Handle for plugin and framework tests: no API client, a FakeClock, no
 * nodes, listers or waiting pods. Override what the test exercises (the Filter runners
 * usually point at the framework under test).
 */
export function fakeHandle(over: Partial<Handle> = {}): Handle {
  return {
    client: undefined as unknown as Client,
    clock: new FakeClock(),
    nodeInfos: () => [],
    getNodeInfo: () => undefined,
    iterateWaitingPods: () => undefined,
    getWaitingPod: () => undefined,
    rejectWaitingPod: () => false,
    activate: () => undefined,
    lister: () => undefined,
    podLister: () => ({ get: () => undefined, list: () => [] }),
    isPVCUsedByPods: () => false,
    havePodsWithAffinityNodeInfos: () => [],
    havePodsWithRequiredAntiAffinityNodeInfos: () => [],
    nominatedPodsForNode: () => [],
    runFilterPluginsWithNominatedPods: () => undefined,
    runPreFilterExtensionAddPod: () => undefined,
    runPreFilterExtensionRemovePod: () => undefined,
    event: () => undefined,
    track: () => undefined,
    ...over,
  };
}
