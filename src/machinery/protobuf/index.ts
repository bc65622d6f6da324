export { decodeK8sProtobuf, encodeK8sProtobuf, K8S_PROTOBUF_MAGIC, type DecodedObject } from './envelope.js';
export { decodeMessage } from './decode.js';
export { encodeMessage } from './encode.js';
export { ProtoError } from './wire.js';
