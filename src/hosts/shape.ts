// Reading server entries out of parsed configs: most hosts share the Claude-style map
// `{ name: { command, args, env } | { url, headers } }`; hosts that differ pass their own field names.
import type { ConfigLocation, ServerEntry, Transport } from './types.js';

type Key = string | number;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a key path, or undefined. */
export function valueAt(root: unknown, path: Key[]): unknown {
  let cur: unknown = root;
  for (const k of path) {
    if (Array.isArray(cur) && typeof k === 'number') cur = cur[k];
    else if (isObject(cur) && typeof k === 'string') cur = cur[k];
    else return undefined;
  }
  return cur;
}

function strings(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.map((x) => (typeof x === 'string' ? x : String(x)));
}

function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') out[k] = x;
    else if (typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  }
  return out;
}

/** The first of `keys` (dotted paths allowed) whose value passes `pick`, with the key path it sat at. */
function firstOf<T>(obj: Record<string, unknown>, keys: string[], pick: (v: unknown) => T | undefined): { value: T; path: string[] } | undefined {
  for (const k of keys) {
    const path = k.split('.');
    const value = pick(valueAt(obj, path));
    if (value !== undefined) return { value, path };
  }
  return undefined;
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Field names differ between hosts; these are the ones each shape reads, in order of preference. */
export interface EntryFields {
  command: string[];
  args: string[];
  env: string[];
  url: string[];
  /** Dotted paths allowed (`requestOptions.headers`). */
  headers: string[];
  forwardedEnv: string[];
}

export const STANDARD_FIELDS: EntryFields = {
  command: ['command', 'cmd'],
  args: ['args'],
  env: ['env', 'environment', 'envs'],
  url: ['url', 'serverUrl', 'httpUrl', 'uri', 'endpoint'],
  headers: ['headers', 'http_headers', 'requestOptions.headers'],
  forwardedEnv: ['env_vars', 'env_keys'],
};

const HTTP_TYPES = new Set(['http', 'streamable-http', 'streamablehttp', 'streamable_http', 'remote', 'https']);

export function transportOf(raw: Record<string, unknown>, command?: string, url?: string): Transport {
  const type = typeof raw.type === 'string' ? raw.type.toLowerCase() : typeof raw.transport === 'string' ? (raw.transport as string).toLowerCase() : undefined;
  if (type === 'stdio' || type === 'local') return 'stdio';
  if (type === 'sse') return 'sse';
  if (type && HTTP_TYPES.has(type)) return 'http';
  if (command) return 'stdio';
  if (url) return /\/sse\/?(?:\?|$)/.test(url) ? 'sse' : 'http';
  return 'unknown';
}

/** One server object → ServerEntry. An array `command` (OpenCode) is split into command + args. */
export function toEntry(name: string, keyPath: Key[], raw: Record<string, unknown>, fields: EntryFields = STANDARD_FIELDS): ServerEntry {
  const at = (p: string[]): Key[] => [...keyPath, ...p];
  const fieldPaths: NonNullable<ServerEntry['fieldPaths']> = {};
  let command: string | undefined;
  let args: string[] | undefined;
  const cmd = firstOf(raw, fields.command, asString);
  if (cmd) {
    command = cmd.value;
    fieldPaths.command = at(cmd.path);
  } else {
    const arr = firstOf(raw, fields.command, (v) => (Array.isArray(v) && v.length ? strings(v) : undefined));
    if (arr) {
      command = arr.value[0];
      args = arr.value.slice(1);
      fieldPaths.command = [...at(arr.path), 0];
      fieldPaths.args = at(arr.path);
      fieldPaths.argsOffset = 1;
    }
  }
  if (args === undefined) {
    const a = firstOf(raw, fields.args, strings);
    if (a) {
      args = a.value;
      fieldPaths.args = at(a.path);
    }
  }
  const url = firstOf(raw, fields.url, asString);
  const env = firstOf(raw, fields.env, stringMap);
  const headers = firstOf(raw, fields.headers, stringMap);
  const forwarded = firstOf(raw, fields.forwardedEnv, strings);
  const entry: ServerEntry = { name, keyPath, transport: transportOf(raw, command, url?.value), raw };
  if (command !== undefined) entry.command = command;
  if (args !== undefined) entry.args = args;
  if (env) {
    entry.env = env.value;
    fieldPaths.env = at(env.path);
  }
  if (url) {
    entry.url = url.value;
    fieldPaths.url = at(url.path);
  }
  if (headers) {
    entry.headers = headers.value;
    fieldPaths.headers = at(headers.path);
  }
  if (forwarded) entry.forwardedEnv = forwarded.value;
  entry.fieldPaths = fieldPaths;
  return entry;
}

/** Key path of `args[i]` of a server, wherever the host keeps its arguments. */
export function argKeyPath(entry: ServerEntry, i: number): Key[] {
  const base = entry.fieldPaths?.args ?? [...entry.keyPath, 'args'];
  return [...base, i + (entry.fieldPaths?.argsOffset ?? 0)];
}

/** Key path of a normalised field (`command`, `url`, `env`, `headers`) of a server. */
export function fieldKeyPath(entry: ServerEntry, field: 'command' | 'url' | 'env' | 'headers'): Key[] {
  return entry.fieldPaths?.[field] ?? [...entry.keyPath, field];
}

/** Servers held as a name → object map at each of the location's server roots. */
export function mapServers(root: unknown, location: ConfigLocation, fields: EntryFields = STANDARD_FIELDS): ServerEntry[] {
  const out: ServerEntry[] = [];
  for (const base of location.serverRoots) {
    const map = valueAt(root, base);
    if (!isObject(map)) continue;
    for (const [name, raw] of Object.entries(map)) {
      if (isObject(raw)) out.push(toEntry(name, [...base, name], raw, fields));
    }
  }
  return out;
}

/** Servers held as a list of objects with a `name` field (Continue's YAML). */
export function listServers(root: unknown, location: ConfigLocation, fields: EntryFields = STANDARD_FIELDS): ServerEntry[] {
  const out: ServerEntry[] = [];
  for (const base of location.serverRoots) {
    const list = valueAt(root, base);
    if (Array.isArray(list)) {
      list.forEach((raw, i) => {
        if (isObject(raw)) out.push(toEntry(typeof raw.name === 'string' ? raw.name : `#${i}`, [...base, i], raw, fields));
      });
    } else if (isObject(list)) {
      // Some files written by hand use the map form; accept it rather than report nothing.
      for (const [name, raw] of Object.entries(list)) {
        if (isObject(raw)) out.push(toEntry(name, [...base, name], raw, fields));
      }
    }
  }
  return out;
}

/** A location in the common shape: servers under `mcpServers`. */
export function location(
  host: string,
  scope: ConfigLocation['scope'],
  path: string,
  format: ConfigLocation['format'],
  serverRoots: Key[][] = [['mcpServers']],
  extra: Partial<Pick<ConfigLocation, 'variant' | 'dirPattern' | 'eachSubdir'>> = {},
): ConfigLocation {
  return { host, scope, path, format, serverRoots, ...extra };
}
