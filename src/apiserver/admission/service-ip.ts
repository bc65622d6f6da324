import { errors } from '../../machinery/errors.js';
import type { AdmissionPlugin } from '../registry/context.js';
import type { ResourceStore } from '../registry/store.js';

/** The default --service-cluster-ip-range of kube-apiserver, 10.96.0.0/12. */
const BASE = (10 << 24) | (96 << 16);
const SIZE = 1 << 20;
/** 10.96.0.1 belongs to the kubernetes Service. */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

function toIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function toInt(ip: string): number | undefined {
  const p = ip.split('.').map(Number);
  if (p.length !== 4 || p.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) return undefined;
  return ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0;
}

type ServiceSpec = { type?: string; clusterIP?: string; clusterIPs?: string[]; ipFamilies?: string[] };

/**
 * serviceClusterIP allocates ClusterIPs from 10.96.0.0/12 as upstream's service IP
 * allocator does: a requested IP must be in range and free, otherwise the next free one.
 */
export function serviceClusterIP(services: () => ResourceStore): AdmissionPlugin {
  let next = 10;
  return {
    name: 'ServiceClusterIPAllocation',
    async admit(a) {
      if (a.operation !== 'CREATE' || a.subresource || a.info.group !== '' || a.info.kind !== 'Service' || !a.object) return;
      const spec = (a.object.spec ??= {}) as ServiceSpec;
      if (spec.type === 'ExternalName' || spec.clusterIP === 'None') return;
      const used = new Set<string>();
      for (const s of (await services().list('')).items) {
        const ip = (s.spec as ServiceSpec | undefined)?.clusterIP;
        if (ip) used.add(ip);
      }
      const wanted = spec.clusterIP || spec.clusterIPs?.[0];
      if (wanted) {
        const n = toInt(wanted);
        if (n === undefined || n < BASE || n >= BASE + SIZE) {
          throw errors.invalid({ group: '', kind: 'Service' }, a.name, [{ type: 'FieldValueInvalid', field: 'spec.clusterIPs', badValue: [wanted], detail: `failed to allocate IP ${wanted}: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12` }]);
        }
        if (used.has(wanted)) {
          throw errors.invalid({ group: '', kind: 'Service' }, a.name, [{ type: 'FieldValueInvalid', field: 'spec.clusterIPs', badValue: [wanted], detail: `failed to allocate IP ${wanted}: provided IP is already allocated` }]);
        }
      } else {
        let ip = '';
        for (let i = 0; i < SIZE; i++) {
          const candidate = toIp(BASE + ((next + i) % SIZE));
          if (!used.has(candidate) && candidate !== KUBERNETES_SERVICE_IP && !candidate.endsWith('.0') && !candidate.endsWith('.255')) {
            ip = candidate;
            next = next + i + 1;
            break;
          }
        }
        if (!ip) throw errors.internal('failed to allocate a serviceIP: range is full');
        spec.clusterIP = ip;
      }
      spec.clusterIPs = [spec.clusterIP!];
    },
  };
}
