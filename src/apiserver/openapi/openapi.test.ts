import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceInfo } from '../../api/resources/index.js';
import { openapiV3Document, openapiV3Entry, openapiV3Index } from './index.js';
import { res } from './testing.js';

type Doc = { openapi: string; paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };


const RESOURCES: readonly ResourceInfo[] = [
  res({ group: '', version: 'v1', kind: 'Pod', plural: 'pods', subresources: [{ name: 'status', kind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get', 'patch', 'update'] }] }),
  res({ group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false }),
  res({
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    subresources: [{ name: 'scale', kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] }],
  }),
  res({ group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets' }),
];

const doc = (path: string) => openapiV3Document(path, RESOURCES) as Doc;

/** allRefs collects every $ref in a JSON value. */
function allRefs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => allRefs(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.push(x);
      else allRefs(x, out);
    }
  }
  return out;
}

describe('openapiV3Index', () => {
  it('lists each served group-version with a stable, content-derived hash', () => {
    const idx = openapiV3Index(RESOURCES);
    assert.deepEqual(Object.keys(idx.paths), ['api/v1', 'apis/apps/v1', 'apis/example.com/v1']);
    const url = idx.paths['api/v1']!.serverRelativeURL;
    assert.match(url, /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    assert.equal(openapiV3Index([...RESOURCES]).paths['api/v1']!.serverRelativeURL, url, 'same content, same hash');
    const fewer = openapiV3Index(RESOURCES.filter((r) => r.kind !== 'Namespace'));
    assert.notEqual(fewer.paths['api/v1']!.serverRelativeURL, url, 'changed document, changed hash');
    assert.equal(openapiV3Index(RESOURCES).paths['apis/apps/v1']!.serverRelativeURL, fewer.paths['apis/apps/v1']!.serverRelativeURL);
  });

  it('caches documents per resource set', () => {
    assert.equal(openapiV3Entry('api/v1', RESOURCES), openapiV3Entry('/api/v1', RESOURCES));
    assert.equal(openapiV3Document('apis/nope/v1', RESOURCES), undefined);
  });
});

describe('openapiV3Document paths', () => {
  const cases: { name: string; path: string; url: string; method: string; gvk: object; action: string; opId: string }[] = [
    { name: 'pod patch', path: 'api/v1', url: '/api/v1/namespaces/{namespace}/pods/{name}', method: 'patch', gvk: { group: '', kind: 'Pod', version: 'v1' }, action: 'patch', opId: 'patchCoreV1NamespacedPod' },
    { name: 'pod list', path: 'api/v1', url: '/api/v1/namespaces/{namespace}/pods', method: 'get', gvk: { group: '', kind: 'Pod', version: 'v1' }, action: 'list', opId: 'listCoreV1NamespacedPod' },
    { name: 'pod create', path: 'api/v1', url: '/api/v1/namespaces/{namespace}/pods', method: 'post', gvk: { group: '', kind: 'Pod', version: 'v1' }, action: 'post', opId: 'createCoreV1NamespacedPod' },
    { name: 'pods in all namespaces', path: 'api/v1', url: '/api/v1/pods', method: 'get', gvk: { group: '', kind: 'Pod', version: 'v1' }, action: 'list', opId: 'listCoreV1PodForAllNamespaces' },
    { name: 'pod status', path: 'api/v1', url: '/api/v1/namespaces/{namespace}/pods/{name}/status', method: 'put', gvk: { group: '', kind: 'Pod', version: 'v1' }, action: 'put', opId: 'replaceCoreV1NamespacedPodStatus' },
    { name: 'cluster-scoped namespace', path: 'api/v1', url: '/api/v1/namespaces/{name}', method: 'delete', gvk: { group: '', kind: 'Namespace', version: 'v1' }, action: 'delete', opId: 'deleteCoreV1Namespace' },
    { name: 'deployment scale', path: 'apis/apps/v1', url: '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale', method: 'patch', gvk: { group: 'autoscaling', kind: 'Scale', version: 'v1' }, action: 'patch', opId: 'patchAppsV1NamespacedDeploymentScale' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const op = doc(tc.path).paths[tc.url]?.[tc.method];
      assert.ok(op, `${tc.method} ${tc.url}`);
      assert.deepEqual(op['x-kubernetes-group-version-kind'], tc.gvk);
      assert.equal(op['x-kubernetes-action'], tc.action);
      assert.equal(op.operationId, tc.opId);
    });
  }

  it('PATCH offers fieldValidation and the patch media types kubectl looks for', () => {
    const patch = doc('api/v1').paths['/api/v1/namespaces/{namespace}/pods/{name}']!.patch;
    assert.ok(patch.parameters.some((p: any) => p.name === 'fieldValidation' && p.in === 'query'));
    assert.deepEqual(Object.keys(patch.requestBody.content), [
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
      'application/apply-patch+yaml',
    ]);
  });

  it('custom kinds get no strategic merge patch and an open schema', () => {
    const d = doc('apis/example.com/v1');
    const patch = d.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}']!.patch;
    assert.ok(!('application/strategic-merge-patch+json' in patch.requestBody.content));
    const s = d.components.schemas['com.example.v1.Widget'];
    assert.equal(s['x-kubernetes-preserve-unknown-fields'], true);
  });
});

describe('openapiV3Document components', () => {
  const schemas = doc('api/v1').components.schemas;

  it('every $ref resolves inside the document', () => {
    for (const path of ['api/v1', 'apis/apps/v1', 'apis/example.com/v1']) {
      const d = doc(path);
      for (const r of allRefs(d)) assert.ok(d.components.schemas[r.replace('#/components/schemas/', '')], `${path}: ${r}`);
    }
  });

  it('kinds carry x-kubernetes-group-version-kind as an array', () => {
    assert.deepEqual(schemas['io.k8s.api.core.v1.Pod']['x-kubernetes-group-version-kind'], [{ group: '', kind: 'Pod', version: 'v1' }]);
    // Upstream names every served group-version on the shared meta kinds, in every document.
    const everywhere = (kind: string) => [
      { group: '', kind, version: 'v1' },
      { group: 'apps', kind, version: 'v1' },
      { group: 'example.com', kind, version: 'v1' },
    ];
    assert.deepEqual(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions']['x-kubernetes-group-version-kind'], everywhere('DeleteOptions'));
    assert.deepEqual(doc('apis/apps/v1').components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent']['x-kubernetes-group-version-kind'], everywhere('WatchEvent'));
    assert.deepEqual(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Status']['x-kubernetes-group-version-kind'], [{ group: '', kind: 'Status', version: 'v1' }]);
  });

  const props: { name: string; schema: string; field: string; want: Record<string, unknown> }[] = [
    { name: 'containers merge by name', schema: 'io.k8s.api.core.v1.PodSpec', field: 'containers', want: { 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map' } },
    { name: 'volumes retainKeys', schema: 'io.k8s.api.core.v1.PodSpec', field: 'volumes', want: { 'x-kubernetes-patch-strategy': 'merge,retainKeys' } },
    { name: 'container ports two map keys', schema: 'io.k8s.api.core.v1.Container', field: 'ports', want: { 'x-kubernetes-list-map-keys': ['containerPort', 'protocol'] } },
    { name: 'int32 format', schema: 'io.k8s.api.core.v1.PodSpec', field: 'priority', want: { type: 'integer', format: 'int32' } },
    { name: 'int64 format', schema: 'io.k8s.api.core.v1.PodSpec', field: 'activeDeadlineSeconds', want: { type: 'integer', format: 'int64' } },
    { name: 'map of quantities', schema: 'io.k8s.api.core.v1.ResourceRequirements', field: 'limits', want: { type: 'object', additionalProperties: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' } } },
    {
      name: 'a described pointer struct wraps its $ref in allOf, without default',
      schema: 'io.k8s.api.core.v1.Container',
      field: 'livenessProbe',
      want: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Probe' }], default: undefined, description: 'Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes' },
    },
    {
      name: 'a value struct defaults to {}',
      schema: 'io.k8s.api.core.v1.Pod',
      field: 'spec',
      want: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }], default: {} },
    },
    { name: 'upstream scalar defaults', schema: 'io.k8s.api.core.v1.ContainerPort', field: 'protocol', want: { type: 'string', default: 'TCP' } },
    { name: 'map type', schema: 'io.k8s.api.core.v1.PodSpec', field: 'nodeSelector', want: { 'x-kubernetes-map-type': 'atomic' } },
    { name: 'Duration is written in place', schema: 'io.k8s.api.core.v1.PodSpec', field: 'activeDeadlineSeconds', want: { type: 'integer' } },
    { name: 'string lists default their items to ""', schema: 'io.k8s.api.core.v1.Container', field: 'args', want: { items: { type: 'string', default: '' }, 'x-kubernetes-list-type': 'atomic' } },
    { name: 'finalizers set', schema: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', field: 'finalizers', want: { 'x-kubernetes-list-type': 'set', 'x-kubernetes-patch-strategy': 'merge' } },
  ];
  for (const tc of props) {
    it(tc.name, () => {
      const p = schemas[tc.schema].properties[tc.field];
      for (const [k, v] of Object.entries(tc.want)) assert.deepEqual(p[k], v, `${tc.schema}.${tc.field} ${k}`);
    });
  }

  it('required fields, IntOrString, Quantity and Time as upstream', () => {
    assert.deepEqual(schemas['io.k8s.api.core.v1.Container'].required, ['name']);
    assert.deepEqual(schemas['io.k8s.api.core.v1.PodCondition'].required, ['type', 'status']);
    assert.deepEqual(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].oneOf, [{ type: 'integer' }, { type: 'string' }]);
    assert.equal(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].format, 'int-or-string');
    assert.deepEqual(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity'].oneOf, [{ type: 'string' }, { type: 'number' }]);
    const time = schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Time'];
    assert.deepEqual([time.type, time.format], ['string', 'date-time']);
    assert.match(time.description, /^Time is a wrapper around time\.Time which supports correct marshaling to YAML and JSON\./);
  });

  it('carries upstream descriptions and required lists, pointer fields included', () => {
    const d = doc('apis/apps/v1').components.schemas;
    assert.equal(d['io.k8s.api.apps.v1.Deployment'].description, 'Deployment enables declarative updates for Pods and ReplicaSets.');
    // selector is a pointer without omitempty's opposite: only upstream's +required marker makes it required.
    assert.deepEqual(d['io.k8s.api.apps.v1.DeploymentSpec'].required, ['selector', 'template']);
    assert.match(d['io.k8s.api.apps.v1.DeploymentSpec'].properties.selector.description, /^Label selector for pods\./);
    assert.match(schemas['io.k8s.api.core.v1.Pod'].description, /^Pod is a collection of containers that can run on a host\./);
    assert.match(schemas['io.k8s.api.core.v1.Pod'].properties.apiVersion.description, /^APIVersion defines the versioned schema of this representation of an object\. Servers should convert/);
    assert.equal(schemas['io.k8s.api.core.v1.PodSpec'].required.join(), 'containers');
    assert.equal(schemas['io.k8s.api.core.v1.Pod'].required, undefined);
  });

  it('operations and parameters use upstream texts', () => {
    const item = doc('api/v1').paths['/api/v1/namespaces/{namespace}/pods/{name}']!;
    assert.equal(item.patch.description, 'partially update the specified Pod');
    assert.equal(doc('api/v1').paths['/api/v1/namespaces/{namespace}/pods/{name}/status']!.get.description, 'read status of the specified Pod');
    const fv = item.put.parameters.find((p: any) => p.name === 'fieldValidation');
    assert.match(fv.description, /^fieldValidation instructs the server on how to handle objects in the request/);
    const scale = doc('apis/apps/v1').paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']!;
    assert.equal(scale.parameters[0].description, 'name of the Scale');
  });
});
