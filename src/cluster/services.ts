import type { KubeObject } from '../api/meta.js';
import type { ResourceInfo } from '../api/resources/types.js';
import { knownFieldsCheck, schemaForKind } from '../api/schema/index.js';
import { openapiV3Entry, openapiV3Index } from '../apiserver/openapi/index.js';
import type { ObjectRules } from '../apiserver/registry/context.js';
import type { ApiServerOptions, OpenApiProvider } from '../apiserver/server.js';
import { defaultPod } from '../machinery/defaults/pod.js';
import { fe, type FieldError } from '../machinery/field-errors.js';
import { decodeK8sProtobuf } from '../machinery/protobuf/index.js';
import { validatePod, validatePodResize, validatePodStatusUpdate, validatePodUpdate } from '../machinery/validation/pod/index.js';

const gvk = (info: ResourceInfo) => ({ group: info.group, version: info.version, kind: info.kind });
const isPod = (info: ResourceInfo) => info.group === '' && info.kind === 'Pod';

function metaErrors(obj: KubeObject): FieldError[] {
  return obj.metadata?.name ? [] : [fe.required('metadata.name', 'name or generateName is required')];
}

/** builtinRules wires the built-in kinds' defaulting and validation into the registry. */
export function builtinRules(gates: (name: string) => boolean): ObjectRules {
  const ctx = { gates };
  return {
    defaults: (info, obj) => {
      if (isPod(info)) defaultPod(obj);
    },
    validateCreate: (info, obj) => [...metaErrors(obj), ...(isPod(info) ? validatePod(obj, ctx) : [])],
    validateUpdate: (info, obj, old, sub) => {
      if (!isPod(info)) return [];
      switch (sub) {
        case '':
          return validatePodUpdate(obj, old, ctx);
        case 'status':
          return validatePodStatusUpdate(obj, old, ctx);
        case 'resize':
          return validatePodResize(obj, old, ctx);
        default:
          // binding, finalize, scale: the handler itself changed one server-owned field.
          return [];
      }
    },
  };
}

function openApiProvider(resources: readonly ResourceInfo[]): OpenApiProvider {
  return {
    index: () => openapiV3Index(resources),
    document: (path) => openapiV3Entry(path, resources),
  };
}

/** builtinServices bundles what the API server needs about built-in kinds. */
export function builtinServices(resources: readonly ResourceInfo[], gates: (name: string) => boolean): Pick<ApiServerOptions, 'rules' | 'schemaFor' | 'unknownFields' | 'protobuf' | 'openapi'> {
  return {
    rules: builtinRules(gates),
    schemaFor: (info) => schemaForKind(gvk(info)),
    unknownFields: (info: ResourceInfo, obj: KubeObject) => knownFieldsCheck(gvk(info), obj),
    protobuf: (body) => decodeK8sProtobuf(body),
    openapi: openApiProvider(resources),
  };
}
