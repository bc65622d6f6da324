import { parseDocument } from 'yaml';
import { schemaForType, type SchemaNode } from '../../api/schema/index.js';
import { unknownFieldPaths } from '../../api/schema/known-fields.js';
import { parseGoDuration } from './duration.js';
import { ARGS, KUBE_SCHEDULER_CONFIGURATION, type FieldType } from './schema.js';

export const GROUP = 'kubescheduler.config.k8s.io';
export const VERSION = 'v1';
export const API_VERSION = `${GROUP}/${VERSION}`;
const SCHEME = 'pkg/scheduler/apis/config/scheme/scheme.go:30';

/** ConfigError is a configuration the scheduler refuses to start with; the message is upstream's. */
export class ConfigError extends Error {}

type Json = Record<string, unknown>;

/**
 * decodeConfig turns a KubeSchedulerConfiguration file (YAML or JSON) into its v1 object
 * the way kube-scheduler's UniversalDecoder does: apiVersion and kind must name the v1
 * kind, type mismatches are fatal, and unknown or duplicate fields fail strict decoding,
 * including inside the typed args of in-tree plugins.
 */
export function decodeConfig(text: string): Json {
  // go-yaml v2 (under sigs.k8s.io/yaml) follows YAML 1.1: yes/no/on/off are booleans.
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
  const syntax = doc.errors[0];
  if (syntax) throw new ConfigError(`error converting YAML to JSON: yaml: ${syntax.message.split('\n')[0]}`);
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const o = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Json) : {};
  if (typeof o.kind !== 'string' || o.kind === '') throw new ConfigError(`Object 'Kind' is missing in '${text}'`);
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') throw new ConfigError(`Object 'apiVersion' is missing in '${text}'`);
  if (o.apiVersion !== API_VERSION || o.kind !== 'KubeSchedulerConfiguration') {
    throw new ConfigError(`no kind ${JSON.stringify(o.kind)} is registered for version ${JSON.stringify(o.apiVersion)} in scheme ${JSON.stringify(SCHEME)}`);
  }
  const strict: string[] = [];
  checkTypes(o, KUBE_SCHEDULER_CONFIGURATION, '', 'KubeSchedulerConfiguration', strict);
  const dup = duplicateKey(text);
  if (dup) throw new ConfigError(`strict decoding error: ${dup}`);
  const profiles = Array.isArray(o.profiles) ? (o.profiles as unknown[]) : [];
  profiles.forEach((p, i) => {
    const configs = isObject(p) && Array.isArray(p.pluginConfig) ? (p.pluginConfig as unknown[]) : [];
    configs.forEach((c, j) => {
      if (!isObject(c) || typeof c.name !== 'string') return;
      const err = decodeArgs(c);
      if (err) strict.push(`decoding .profiles[${i}].pluginConfig[${j}]: strict decoding error: decoding args for plugin ${c.name}: strict decoding error: ${err.join(', ')}`);
    });
  });
  if (strict.length) throw new ConfigError(`strict decoding error: ${strict.join(', ')}`);
  return o;
}

/**
 * decodeArgs checks the args of an in-tree plugin against its `<name>Args` kind (args of
 * out-of-tree plugins stay opaque); it returns the strict errors, and throws on fatal ones.
 */
function decodeArgs(c: Json): string[] | undefined {
  const name = c.name as string;
  const kind = `${name}Args`;
  const t = ARGS[kind];
  if (!t || c.args === undefined || c.args === null) return undefined;
  const args = c.args;
  if (!isObject(args)) throw new ConfigError(`decoding args for plugin ${name}: json: cannot unmarshal ${jsonType(args)} into Go value of type v1.${kind}`);
  if ((args.kind !== undefined && args.kind !== kind) || (args.apiVersion !== undefined && args.apiVersion !== API_VERSION)) {
    const gotKind = typeof args.kind === 'string' && args.kind ? args.kind : kind;
    const gotGroup = typeof args.apiVersion === 'string' && args.apiVersion.includes('/') ? args.apiVersion.split('/')[0] : args.apiVersion === undefined ? GROUP : '';
    throw new ConfigError(`args for plugin ${name} were not of type ${kind}.${GROUP}, got ${gotKind}${gotGroup ? `.${gotGroup}` : ''}`);
  }
  const strict: string[] = [];
  try {
    checkTypes(args, t, '', kind, strict);
  } catch (err) {
    throw new ConfigError(`decoding args for plugin ${name}: ${(err as Error).message}`);
  }
  return strict.length ? strict : undefined;
}

/**
 * checkTypes walks value along its type: the first JSON type mismatch throws (as Go's
 * json.Unmarshal reports it), unknown fields are collected as strict errors.
 */
function checkTypes(value: unknown, t: FieldType, path: string, struct: string, strict: string[], goPath = ''): void {
  if (value === null || value === undefined) return;
  const fail = (goType: string) => {
    const at = goPath ? `Go struct field ${struct}.${goPath}` : 'Go value';
    throw new ConfigError(`json: cannot unmarshal ${jsonType(value)} into ${at} of type ${goType}`);
  };
  switch (t.kind) {
    case 'string':
      if (typeof value !== 'string') fail('string');
      return;
    case 'bool':
      if (typeof value !== 'boolean') fail('bool');
      return;
    case 'int32':
    case 'int64': {
      if (typeof value !== 'number' || !Number.isInteger(value)) fail(t.kind);
      const limit = t.kind === 'int32' ? 2 ** 31 : 2 ** 63;
      if ((value as number) >= limit || (value as number) < -limit) fail(t.kind);
      return;
    }
    case 'float32':
      if (typeof value !== 'number') fail('float32');
      return;
    case 'duration':
      if (typeof value !== 'string') fail('string');
      try {
        parseGoDuration(value as string);
      } catch (err) {
        throw new ConfigError((err as Error).message);
      }
      return;
    case 'any':
    case 'raw':
      return;
    case 'api': {
      const schema: SchemaNode | undefined = schemaForType(t.type);
      if (!schema) return;
      if (!isObject(value)) fail(`v1.${t.type.split('.').pop()}`);
      for (const p of unknownFieldPaths(schema, value)) strict.push(`unknown field "${path ? `${path}.${p}` : p}"`);
      return;
    }
    case 'array':
      if (!Array.isArray(value)) fail(`[]${goName(t.items)}`);
      (value as unknown[]).forEach((v, i) => checkTypes(v, t.items, `${path}[${i}]`, struct, strict, goPath));
      return;
    case 'object': {
      if (!isObject(value)) fail(`v1.${t.go}`);
      for (const [k, v] of Object.entries(value as Json)) {
        const f = t.fields[k];
        const p = path ? `${path}.${k}` : k;
        if (!f) {
          strict.push(`unknown field "${p}"`);
          continue;
        }
        // Go names the innermost struct and the whole key path from the root.
        checkTypes(v, f, p, t.go, strict, goPath ? `${goPath}.${k}` : k);
      }
      return;
    }
  }
}

function goName(t: FieldType): string {
  if (t.kind === 'object') return `v1.${t.go}`;
  if (t.kind === 'array') return `[]${goName(t.items)}`;
  if (t.kind === 'duration') return 'v1.Duration';
  if (t.kind === 'api') return `v1.${t.type.split('.').pop()}`;
  return t.kind;
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'number' : `number ${v}`;
  return typeof v;
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * duplicateKey finds a key repeated in one mapping, reported as go-yaml's strict
 * YAMLToJSON conversion does.
 */
function duplicateKey(text: string): string | undefined {
  const doc = parseDocument(text, { version: '1.1' });
  const e = doc.errors.find((x) => x.code === 'DUPLICATE_KEY');
  if (!e) return undefined;
  const line = e.linePos?.[0]?.line ?? 0;
  const key = /^Map keys must be unique/.test(e.message) ? keyAt(text, line) : '';
  return `error converting YAML to JSON: yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(key)} already set in map`;
}

function keyAt(text: string, line: number): string {
  const l = text.split('\n')[line - 1] ?? '';
  const m = /^\s*(?:-\s+)?["']?([^"':]+)["']?\s*:/.exec(l);
  return m ? m[1]!.trim() : '';
}
