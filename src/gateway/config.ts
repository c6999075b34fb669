// `keyward.gateway.yaml`: which upstream servers sit behind the gateway, how each is started or reached, which
// secrets it gets from the store, and how its traffic is redacted. Parsing returns errors as values.
import { parse as parseYaml } from 'yaml';
import { checkUpstreamUrl } from './url-guard.js';

export type RedactMode = 'mask' | 'block';

export interface RedactConfig {
  /** Rule ids allowed on this server (`generic-api-key`), or per tool: `tool/rule-id`, `tool/*`. */
  allow: string[];
  /** `block`: a detected secret in tool-call arguments refuses the call instead of masking it. */
  mode: RedactMode;
}

export interface ServerConfig {
  name: string;
  /** stdio child: command + args. */
  command?: string;
  args: string[];
  cwd?: string;
  /** Literal, non-secret environment variables. */
  env: Record<string, string>;
  /** Environment variable → secret store key, resolved at spawn time. */
  secrets: Record<string, string>;
  /** Remote server: streamable HTTP (default) or legacy SSE. */
  url?: string;
  transport?: 'streamable-http' | 'sse';
  /** Header → literal value or `{secret: key}` resolved from the store at connect time. */
  headers: Record<string, { value: string } | { secret: string }>;
  allowHttp: boolean;
  allowPrivate: boolean;
  redact: RedactConfig;
  /** Per-request timeout towards this server. */
  timeoutMs: number;
  /** Raw policy and sandbox sections, handed to the policy layer untouched. */
  policy?: unknown;
  sandbox?: unknown;
}

export interface GatewayConfig {
  servers: ServerConfig[];
  /** Prefix tool/prompt names with `server__` and resource URIs with `server+`; default: when >1 server. */
  namespace: boolean;
  timeoutMs: number;
  /** Largest JSON-RPC message accepted from an upstream stdio child. */
  maxMessageBytes: number;
  log?: { file?: string; maxBytes?: number; keep?: number };
  /** Where this config came from, for error messages. */
  source: string;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** Server names become prefixes, so they may not contain the separator `__` or the URI marker `+`. */
const SERVER_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type ConfigResult = { config: GatewayConfig } | { errors: string[] };

export function parseGatewayConfig(text: string, source: string): ConfigResult {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    return { errors: [`${source}: not valid YAML: ${(e as Error).message.split('\n')[0]}`] };
  }
  return validateGatewayConfig(raw, source);
}

export function validateGatewayConfig(raw: unknown, source: string): ConfigResult {
  const errors: string[] = [];
  const err = (where: string, msg: string): void => void errors.push(`${source}: ${where}: ${msg}`);
  if (!isObject(raw)) return { errors: [`${source}: expected a mapping with a \`servers:\` key`] };
  const serversRaw = raw.servers;
  if (!isObject(serversRaw) || Object.keys(serversRaw).length === 0) {
    return { errors: [`${source}: \`servers:\` must map server names to their settings (at least one)`] };
  }
  const timeoutMs = optionalNumber(raw.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs', err);
  const maxMessageBytes = optionalNumber(raw.maxMessageBytes, DEFAULT_MAX_MESSAGE_BYTES, 'maxMessageBytes', err);
  const servers: ServerConfig[] = [];
  for (const [name, s] of Object.entries(serversRaw)) {
    const where = `servers.${name}`;
    if (!SERVER_NAME.test(name)) {
      err(where, 'server names use letters, digits and single dashes (they prefix tool names as `name__tool`)');
      continue;
    }
    if (!isObject(s)) {
      err(where, 'expected a mapping');
      continue;
    }
    const known = new Set([
      'command', 'args', 'cwd', 'env', 'secrets', 'url', 'transport', 'headers', 'allowHttp', 'allowPrivate',
      'redact', 'timeoutMs', 'policy', 'sandbox',
    ]);
    for (const k of Object.keys(s)) if (!known.has(k)) err(where, `unknown key \`${k}\``);
    const command = optionalString(s.command, `${where}.command`, err);
    const url = optionalString(s.url, `${where}.url`, err);
    if (!command && !url) err(where, 'needs either `command` (stdio child) or `url` (remote server)');
    if (command && url) err(where, 'has both `command` and `url`; pick one');
    const args = stringList(s.args, `${where}.args`, err);
    const env = stringMap(s.env, `${where}.env`, err, ENV_NAME);
    const secrets = stringMap(s.secrets, `${where}.secrets`, err, ENV_NAME);
    for (const k of Object.keys(secrets)) if (k in env) err(`${where}.secrets.${k}`, 'also set in `env`');
    if (url && (Object.keys(env).length || Object.keys(secrets).length)) {
      err(where, '`env`/`secrets` apply to stdio children; use `headers` for a remote server');
    }
    const headers: ServerConfig['headers'] = {};
    if (s.headers !== undefined) {
      if (!isObject(s.headers)) err(`${where}.headers`, 'expected a mapping');
      else {
        for (const [h, v] of Object.entries(s.headers)) {
          if (!/^[A-Za-z0-9-]+$/.test(h)) err(`${where}.headers.${h}`, 'not a valid header name');
          else if (typeof v === 'string') headers[h] = { value: v };
          else if (isObject(v) && typeof v.secret === 'string') headers[h] = { secret: v.secret };
          else err(`${where}.headers.${h}`, 'expected a string or `{secret: <store key>}`');
        }
      }
    }
    const allowHttp = optionalBoolean(s.allowHttp, `${where}.allowHttp`, err);
    const allowPrivate = optionalBoolean(s.allowPrivate, `${where}.allowPrivate`, err);
    let transport: ServerConfig['transport'];
    if (s.transport !== undefined) {
      if (s.transport === 'streamable-http' || s.transport === 'sse') transport = s.transport;
      else err(`${where}.transport`, 'expected `streamable-http` or `sse`');
    }
    if (url) {
      const check = checkUpstreamUrl(url, { allowHttp, allowPrivate });
      if (!check.ok) err(`${where}.url`, check.reason);
    }
    const redact: RedactConfig = { allow: [], mode: 'mask' };
    if (s.redact !== undefined) {
      if (!isObject(s.redact)) err(`${where}.redact`, 'expected a mapping');
      else {
        redact.allow = stringList(s.redact.allow, `${where}.redact.allow`, err);
        if (s.redact.mode !== undefined) {
          if (s.redact.mode === 'mask' || s.redact.mode === 'block') redact.mode = s.redact.mode;
          else err(`${where}.redact.mode`, 'expected `mask` or `block`');
        }
      }
    }
    servers.push({
      name,
      command,
      args,
      cwd: optionalString(s.cwd, `${where}.cwd`, err),
      env,
      secrets,
      url,
      transport,
      headers,
      allowHttp,
      allowPrivate,
      redact,
      timeoutMs: optionalNumber(s.timeoutMs, timeoutMs, `${where}.timeoutMs`, err),
      policy: s.policy,
      sandbox: s.sandbox,
    });
  }
  let namespace = servers.length > 1;
  if (raw.namespace !== undefined) {
    if (typeof raw.namespace === 'boolean') namespace = raw.namespace;
    else err('namespace', 'expected true or false');
  }
  if (servers.length > 1 && !namespace) err('namespace', 'must stay on with more than one server (names would clash)');
  let log: GatewayConfig['log'];
  if (raw.log !== undefined) {
    if (!isObject(raw.log)) err('log', 'expected a mapping');
    else
      log = {
        file: optionalString(raw.log.file, 'log.file', err),
        maxBytes: raw.log.maxBytes === undefined ? undefined : optionalNumber(raw.log.maxBytes, 0, 'log.maxBytes', err),
        keep: raw.log.keep === undefined ? undefined : optionalNumber(raw.log.keep, 0, 'log.keep', err),
      };
  }
  if (errors.length) return { errors };
  return { config: { servers, namespace, timeoutMs, maxMessageBytes, log, source } };
}

/** A config for `keyward gateway -- <command…>`: one wrapped stdio server, names unchanged. */
export function singleServerConfig(command: string, args: string[], env: Record<string, string> = {}): GatewayConfig {
  return {
    servers: [
      {
        name: 'server',
        command,
        args,
        env,
        secrets: {},
        headers: {},
        allowHttp: false,
        allowPrivate: false,
        redact: { allow: [], mode: 'mask' },
        timeoutMs: DEFAULT_TIMEOUT_MS,
      },
    ],
    namespace: false,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
    source: 'command line',
  };
}

type Err = (where: string, msg: string) => void;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalString(v: unknown, where: string, err: Err): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !v) {
    err(where, 'expected a non-empty string');
    return undefined;
  }
  return v;
}

function optionalBoolean(v: unknown, where: string, err: Err): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') err(where, 'expected true or false');
  return v === true;
}

function optionalNumber(v: unknown, fallback: number, where: string, err: Err): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    err(where, 'expected a positive number');
    return fallback;
  }
  return v;
}

function stringList(v: unknown, where: string, err: Err): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' && typeof x !== 'number')) {
    err(where, 'expected a list of strings');
    return [];
  }
  return v.map(String);
}

function stringMap(v: unknown, where: string, err: Err, keyPattern: RegExp): Record<string, string> {
  if (v === undefined) return {};
  if (!isObject(v)) {
    err(where, 'expected a mapping');
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (!keyPattern.test(k)) err(`${where}.${k}`, 'not a valid environment variable name');
    else if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
    else err(`${where}.${k}`, 'expected a string');
  }
  return out;
}
