import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { podRequests } from './resource.js';
import type { ContainerStatus, Pod, ResourceList } from './types.js';

/** pod has one container "c" asking for spec; status, when given, is what the kubelet reports. */
function pod(spec: ResourceList, status?: Omit<ContainerStatus, 'name'>, infeasible = false): Pod {
  return {
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', resources: { requests: spec } }] },
    status: {
      ...(status ? { containerStatuses: [{ name: 'c', ...status }] } : {}),
      ...(infeasible ? { conditions: [{ type: 'PodResizePending', status: 'True', reason: 'Infeasible' }] } : {}),
    },
  };
}

// Vectors from upstream's resource helpers (TestPodResourceRequests, in-place resize cases).
describe('podRequests during an in-place resize (determineContainerReqs)', () => {
  const cases: Array<{ name: string; pod: Pod; cpu: number; memory?: number }> = [
    { name: 'no status: the spec', pod: pod({ cpu: '2' }), cpu: 2000 },
    { name: 'status without applied resources: the spec', pod: pod({ cpu: '2' }, { allocatedResources: { cpu: '4' } }), cpu: 2000 },
    { name: 'resize up in progress: spec is largest', pod: pod({ cpu: '4' }, { allocatedResources: { cpu: '2' }, resources: { requests: { cpu: '2' } } }), cpu: 4000 },
    { name: 'resize down in progress: allocated is largest', pod: pod({ cpu: '1' }, { allocatedResources: { cpu: '2' }, resources: { requests: { cpu: '2' } } }), cpu: 2000 },
    { name: 'resize down allocated, not yet applied: actual is largest', pod: pod({ cpu: '1' }, { allocatedResources: { cpu: '1' }, resources: { requests: { cpu: '3' } } }), cpu: 3000 },
    { name: 'infeasible resize: the spec no longer counts', pod: pod({ cpu: '8' }, { allocatedResources: { cpu: '2' }, resources: { requests: { cpu: '2' } } }, true), cpu: 2000 },
    { name: 'per resource maximum', pod: pod({ cpu: '1', memory: '1Gi' }, { allocatedResources: { cpu: '2', memory: '512Mi' }, resources: { requests: { cpu: '1', memory: '512Mi' } } }), cpu: 2000, memory: 1024 ** 3 },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const r = podRequests(tc.pod);
      assert.equal(r.milliCPU, tc.cpu);
      if (tc.memory !== undefined) assert.equal(r.memory, tc.memory);
    });
  }

  it('a resized sidecar counts like a regular container; a plain init container reads only its spec', () => {
    const p: Pod = {
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }],
        initContainers: [
          { name: 'side', restartPolicy: 'Always', resources: { requests: { cpu: '1' } } },
          { name: 'init', resources: { requests: { cpu: '1' } } },
        ],
      },
      status: {
        initContainerStatuses: [
          { name: 'side', allocatedResources: { cpu: '3' }, resources: { requests: { cpu: '3' } } },
          { name: 'init', allocatedResources: { cpu: '5' }, resources: { requests: { cpu: '5' } } },
        ],
      },
    };
    // containers 1 + sidecar 3 = 4; init peak = init 1 + sidecar 3 = 4.
    assert.equal(podRequests(p).milliCPU, 4000);
  });
});
