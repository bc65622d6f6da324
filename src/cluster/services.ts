import type { KubeObject } from '../api/meta.js';
import type { ResourceInfo } from '../api/resources/types.js';
import { decodeError, knownFieldsCheck, schemaForKind } from '../api/schema/index.js';
import { openapiV2Entry, openapiV3Entry, openapiV3Index } from '../apiserver/openapi/index.js';
import type { ObjectRules } from '../apiserver/registry/context.js';
import type { ApiServerOptions, OpenApiProvider } from '../apiserver/server.js';
import { applyDefaults, prepareForCreate } from '../machinery/defaults/index.js';
import { decodeK8sProtobuf } from '../machinery/protobuf/index.js';
import { validateCreate, validatePodResize, validateStatusUpdate, validateUpdate } from '../machinery/validation/index.js';

const gvk = (info: ResourceInfo) => ({ group: info.group, version: info.version, kind: info.kind });

/** builtinRules wires the built-in kinds' defaulting and validation into the registry. */
export function builtinRules(gates: (name: string) => boolean): ObjectRules {
  const ctx = { gates };
  return {
    defaults: (info, obj) => applyDefaults(gvk(info), obj),
    prepareForCreate: (info, obj) => prepareForCreate(gvk(info), obj),
    validateCreate: (info, obj) => validateCreate(gvk(info), obj, ctx, { namespaced: info.namespaced }),
    validateUpdate: (info, obj, old, sub) => {
      const opts = { namespaced: info.namespaced };
      switch (sub) {
        case '':
          return validateUpdate(gvk(info), obj, old, ctx, opts);
        case 'status':
          return validateStatusUpdate(gvk(info), obj, old, ctx, opts);
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
    v2: () => openapiV2Entry(resources),
  };
}

/** builtinServices bundles what the API server needs about built-in kinds. */
export function builtinServices(resources: readonly ResourceInfo[], gates: (name: string) => boolean): Pick<ApiServerOptions, 'rules' | 'schemaFor' | 'unknownFields' | 'decodeError' | 'protobuf' | 'openapi'> {
  return {
    rules: builtinRules(gates),
    schemaFor: (info) => schemaForKind(gvk(info)),
    unknownFields: (info: ResourceInfo, obj: KubeObject) => knownFieldsCheck(gvk(info), obj),
    decodeError,
    protobuf: (body) => decodeK8sProtobuf(body),
    openapi: openApiProvider(resources),
  };
}
