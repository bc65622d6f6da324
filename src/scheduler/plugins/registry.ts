import type { FeatureSet } from '../framework/interface.js';
import type { PluginRef } from '../framework/runtime/framework.js';
import { Registry } from '../framework/runtime/registry.js';
import { create as defaultBinder } from './default-binder/default-binder.js';
import { create as defaultPreemption } from './default-preemption/default-preemption.js';
import { create as gangScheduling } from './gang-scheduling/gang-scheduling.js';
import { create as imageLocality } from './image-locality/image-locality.js';
import { create as interPodAffinity } from './inter-pod-affinity/inter-pod-affinity.js';
import { create as podTopologySpread } from './pod-topology-spread/pod-topology-spread.js';
import { create as volumeBinding } from './volume-binding/volume-binding.js';
import { create as volumeRestrictions } from './volume-restrictions/volume-restrictions.js';
import { create as volumeZone } from './volume-zone/volume-zone.js';
import { create as nodeVolumeLimits } from './node-volume-limits/node-volume-limits.js';
import { Names } from './names.js';
import { create as nodeAffinity } from './node-affinity/node-affinity.js';
import { create as nodeName } from './node-name/node-name.js';
import { create as nodePorts } from './node-ports/node-ports.js';
import { create as balancedAllocation } from './node-resources/balanced-allocation.js';
import { create as nodeResourcesFit } from './node-resources/fit.js';
import { create as nodeUnschedulable } from './node-unschedulable/node-unschedulable.js';
import { create as prioritySort } from './priority-sort/priority-sort.js';
import { create as schedulingGates } from './scheduling-gates/scheduling-gates.js';
import { create as taintToleration } from './taint-toleration/taint-toleration.js';

/** inTreeRegistry returns a fresh registry of every in-tree plugin, one line each. */
export function inTreeRegistry(): Registry {
  return new Registry({
    [Names.PrioritySort]: prioritySort,
    [Names.SchedulingGates]: schedulingGates,
    [Names.NodeUnschedulable]: nodeUnschedulable,
    [Names.NodeName]: nodeName,
    [Names.TaintToleration]: taintToleration,
    [Names.NodeAffinity]: nodeAffinity,
    [Names.NodePorts]: nodePorts,
    [Names.NodeResourcesFit]: nodeResourcesFit,
    [Names.NodeResourcesBalancedAllocation]: balancedAllocation,
    [Names.DefaultBinder]: defaultBinder,
    [Names.GangScheduling]: gangScheduling,
    [Names.VolumeRestrictions]: volumeRestrictions,
    [Names.NodeVolumeLimits]: nodeVolumeLimits,
    [Names.VolumeBinding]: volumeBinding,
    [Names.VolumeZone]: volumeZone,
    [Names.PodTopologySpread]: podTopologySpread,
    [Names.InterPodAffinity]: interPodAffinity,
    [Names.ImageLocality]: imageLocality,
    [Names.DefaultPreemption]: defaultPreemption,
  });
}

/**
 * defaultPlugins is the v1.35 default profile's MultiPoint list restricted to the plugins
 * implemented here, in upstream order with upstream score weights. Gate-dependent plugins
 * are appended, as upstream's applyFeatureGates does.
 */
export function defaultPlugins(features?: FeatureSet): PluginRef[] {
  const plugins: PluginRef[] = [
    { name: Names.SchedulingGates },
    { name: Names.PrioritySort },
    { name: Names.NodeUnschedulable },
    { name: Names.NodeName },
    { name: Names.TaintToleration, weight: 3 },
    { name: Names.NodeAffinity, weight: 2 },
    { name: Names.NodePorts },
    { name: Names.NodeResourcesFit, weight: 1 },
    { name: Names.VolumeRestrictions },
    { name: Names.NodeVolumeLimits },
    { name: Names.VolumeBinding },
    { name: Names.VolumeZone },
    { name: Names.PodTopologySpread, weight: 2 },
    { name: Names.InterPodAffinity, weight: 2 },
    { name: Names.DefaultPreemption },
    { name: Names.NodeResourcesBalancedAllocation, weight: 1 },
    { name: Names.ImageLocality, weight: 1 },
    { name: Names.DefaultBinder },
  ];
  // pods only carry workloadRef when GenericWorkload is on, so the plugin needs both gates.
  if (features?.genericWorkload && features.gangScheduling) plugins.push({ name: Names.GangScheduling });
  return plugins;
}
