import type { ResourceInfo } from '../api/resources/types.js';
import type { ApiServerOptions } from '../apiserver/server.js';
import { fe } from '../machinery/field-errors.js';

/** TEMPORARY wiring while validation/schema modules land. */
export function builtinServices(_resources: readonly ResourceInfo[], _gates: (name: string) => boolean): Pick<ApiServerOptions, 'rules' | 'schemaFor' | 'unknownFields' | 'protobuf' | 'openapi'> {
  return {
    rules: {
      defaults: () => undefined,
      validateCreate: (_info, obj) => (obj.metadata?.name ? [] : [fe.required('metadata.name', 'name or generateName is required')]),
      validateUpdate: () => [],
    },
    schemaFor: () => undefined,
    unknownFields: () => [],
  };
}
