export { openapiV3Document, openapiV3Entry, openapiV3Index, groupVersionPath, type OpenAPIEntry } from './document.js';
export { componentSchemas, type JSONSchema } from './schemas.js';
