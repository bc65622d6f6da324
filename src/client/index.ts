export * from './client.js';
export * from './transport.js';
export { HttpTransport, type HttpTransportOptions } from './http-transport.js';
