/**
 * Pod and PodSpec defaulting (pkg/apis/core/v1/defaults.go as of v1.35) plus the one mutating
 * admission step that needs no lookups, DefaultTolerationSeconds. Everything mutates in place,
 * like upstream's SetDefaults_* functions, and is idempotent so it can run on every read.
 */

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

const NAME_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?';
const REFERENCE = new RegExp(
  `^((?:${DOMAIN}/)?${NAME_COMPONENT}(?:/${NAME_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$`,
);

/**
 * defaultPullPolicy is the imagePullPolicy for an image reference: Always for tag "latest" or for
 * no tag and no digest, IfNotPresent otherwise. Like upstream, an unparsable reference gets
 * IfNotPresent (its parse error is ignored and the tag reads as empty).
 */
export function defaultPullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  const m = typeof image === 'string' ? REFERENCE.exec(image) : null;
  if (!m || m[1]!.length > 255) return 'IfNotPresent';
  const [, , tag, digest] = m;
  return tag === 'latest' || (!tag && !digest) ? 'Always' : 'IfNotPresent';
}

function defaultHandler(h: any): void {
  const g = h?.httpGet;
  if (g == null) return;
  if (!g.path) g.path = '/';
  if (!g.scheme) g.scheme = 'HTTP';
}

function defaultProbe(p: any): void {
  if (p == null) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHandler(p);
}

function defaultFieldRef(ref: any): void {
  if (ref != null && !ref.apiVersion) ref.apiVersion = 'v1';
}

function defaultContainer(c: any): void {
  if (c == null) return;
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image);
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  if (c.resources == null) c.resources = {};
  for (const p of list(c.ports)) if (p && !p.protocol) p.protocol = 'TCP';
  for (const e of list(c.env)) defaultFieldRef(e?.valueFrom?.fieldRef);
  for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[k]);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

function defaultVolume(v: any): void {
  if (v == null) return;
  if (!VOLUME_SOURCES.some((k) => v[k] != null)) v.emptyDir = {};
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) if (v[k] != null && v[k].defaultMode == null) v[k].defaultMode = 420;
  if (v.hostPath != null && v.hostPath.type == null) v.hostPath.type = '';
  for (const f of list(v.downwardAPI?.items)) defaultFieldRef(f?.fieldRef);
  for (const s of list(v.projected?.sources)) {
    if (s?.serviceAccountToken != null && s.serviceAccountToken.expirationSeconds == null) s.serviceAccountToken.expirationSeconds = 3600;
    for (const f of list(s?.downwardAPI?.items)) defaultFieldRef(f?.fieldRef);
  }
  if (v.image != null && !v.image.pullPolicy) v.image.pullPolicy = defaultPullPolicy(v.image.reference);
  const pvc = v.ephemeral?.volumeClaimTemplate?.spec;
  if (pvc != null && !pvc.volumeMode) pvc.volumeMode = 'Filesystem';
}

/** defaultPodSpec applies PodSpec and container defaults; used for Pods and all pod templates. */
export function defaultPodSpec(spec: any): void {
  if (spec == null) return;
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (spec.securityContext == null) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds == null) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  // v1 conversion keeps the deprecated serviceAccount alias in step with serviceAccountName.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const c of [...list(spec.initContainers), ...list(spec.containers), ...list(spec.ephemeralContainers)]) defaultContainer(c);
  for (const v of list(spec.volumes)) defaultVolume(v);
}

function requestsFromLimits(c: any): void {
  const lim = c?.resources?.limits;
  if (lim == null) return;
  c.resources.requests ??= {};
  for (const [k, v] of Object.entries(lim)) if (!(k in c.resources.requests)) c.resources.requests[k] = v;
}

function hostNetworkPorts(ctrs: unknown): void {
  for (const c of list(ctrs)) for (const p of list(c?.ports)) if (p && !p.hostPort) p.hostPort = p.containerPort;
}

/**
 * defaultPod applies SetDefaults_Pod on top of the PodSpec defaults: Pod-only defaults that pod
 * templates do not get (enableServiceLinks, requests copied from limits, hostNetwork host ports).
 */
export function defaultPod(pod: any): void {
  const spec = pod?.spec;
  if (spec == null) return;
  for (const c of [...list(spec.containers), ...list(spec.initContainers)]) requestsFromLimits(c);
  if (spec.enableServiceLinks == null) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    hostNetworkPorts(spec.containers);
    hostNetworkPorts(spec.initContainers);
  }
  defaultPodSpec(spec);
}

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/**
 * applyDefaultTolerationSeconds is the DefaultTolerationSeconds admission plugin (create and
 * update of pods, not subresources): tolerate not-ready, then unreachable, NoExecute taints for
 * `seconds` unless an existing toleration with that key (or no key) and effect NoExecute (or none) does.
 */
export function applyDefaultTolerationSeconds(pod: any, seconds = 300): void {
  const spec = pod?.spec;
  if (spec == null) return;
  const tols = list(spec.tolerations);
  const covered = (k: string) => tols.some((t) => (t?.key === k || !t?.key) && (t?.effect === 'NoExecute' || !t?.effect));
  const add: any[] = [];
  for (const k of [NOT_READY, UNREACHABLE])
    if (!covered(k)) add.push({ key: k, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
  if (add.length) spec.tolerations = [...tols, ...add];
}
