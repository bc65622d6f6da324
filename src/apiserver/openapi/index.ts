export { openapiV3Document, openapiV3Entry, openapiV3Index, groupVersionPath, type OpenAPIEntry } from './document.js';
export { openapiV2Document, openapiV2Entry, type OpenAPIV2Entry } from './v2.js';
export { encodeOpenAPIV2 } from './gnostic.js';
export { componentSchemas, type JSONSchema } from './schemas.js';
