import { generateNameSuffix } from '../registry/codec.js';
import type { AdmissionPlugin } from '../registry/context.js';

type Container = { volumeMounts?: Array<Record<string, unknown>> };
type PodSpec = {
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  volumes?: Array<Record<string, unknown>>;
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
};

const MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** tokenVolume is upstream's kube-api-access projected volume: token, CA bundle, namespace. */
function tokenVolume(name: string) {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

/**
 * serviceAccountAdmission is upstream's ServiceAccount admission plugin for pod creates:
 * the default service account, and its token mounted into every container unless opted out.
 */
export function serviceAccountAdmission(): AdmissionPlugin {
  return {
    name: 'ServiceAccount',
    admit(a) {
      if (a.operation !== 'CREATE' || a.subresource || a.info.group !== '' || a.info.kind !== 'Pod' || !a.object) return;
      const spec = (a.object.spec ?? {}) as PodSpec;
      const sa = spec.serviceAccountName || spec.serviceAccount || 'default';
      spec.serviceAccountName = sa;
      spec.serviceAccount = sa;
      if (spec.automountServiceAccountToken === false) return;
      const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
      if (containers.some((c) => c.volumeMounts?.some((m) => m.mountPath === MOUNT_PATH))) return;
      const name = `kube-api-access-${generateNameSuffix()}`;
      spec.volumes = [...(spec.volumes ?? []), tokenVolume(name)];
      for (const c of containers) c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: MOUNT_PATH }];
    },
  };
}
