// Rewriting one server object: the literal secrets leave the entry and the launch goes through
// `keyward run --secret NAME=key … -- <original command>`. Remote servers with secret headers or URLs are
// moved behind the mcp-remote stdio bridge, launched the same way. Pure: raw object in, new object out.
import { argReference, storeKeyRef } from '../run/launcher.js';
import type { SecretSite } from './sites.js';

/** How the host spells a stdio launch in its server object. */
export interface LaunchShape {
  /** Where the launch fields sit inside the server object: [] or ['command'] (Zed's older nested form). */
  base: string[];
  command: string;
  /** Undefined when the command is one array `[cmd, ...args]` (OpenCode). */
  args?: string;
  env: string;
  /** For turning a remote entry into a stdio one: the `type` value the host expects, if it uses one. */
  stdioType?: string;
}

const REMOTE_KEYS = ['url', 'serverUrl', 'httpUrl', 'uri', 'endpoint', 'headers', 'http_headers', 'requestOptions'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function launchShape(hostId: string, raw: Record<string, unknown>): LaunchShape {
  if (isObject(raw.command)) return { base: ['command'], command: 'path', args: 'args', env: 'env' };
  const envKey = ['env', 'envs', 'environment'].find((k) => k in raw);
  if (hostId === 'opencode' || Array.isArray(raw.command)) {
    return { base: [], command: 'command', env: envKey ?? 'environment', stdioType: 'local' };
  }
  if (hostId === 'goose' || ('cmd' in raw && !('command' in raw))) {
    return { base: [], command: 'cmd', args: 'args', env: envKey ?? 'envs', stdioType: 'stdio' };
  }
  return { base: [], command: 'command', args: 'args', env: envKey ?? 'env', stdioType: typeof raw.type === 'string' || typeof raw.transport === 'string' ? 'stdio' : undefined };
}

/** Launch command and args as the host will run them. */
export function readLaunch(raw: Record<string, unknown>, shape: LaunchShape): { command: string; args: string[] } | undefined {
  const obj = shape.base.length ? (raw[shape.base[0]] as Record<string, unknown>) : raw;
  const cmd = obj[shape.command];
  if (Array.isArray(cmd)) {
    const parts = cmd.map(String);
    return parts.length ? { command: parts[0], args: parts.slice(1) } : undefined;
  }
  if (typeof cmd !== 'string') return undefined;
  const args = shape.args && Array.isArray(obj[shape.args]) ? (obj[shape.args] as unknown[]).map(String) : [];
  return { command: cmd, args };
}

export interface Wrap {
  /** Launcher words up to and including `run`. */
  prefix: string[];
  /** Options between `run` and `--`. */
  options: string[];
  /** The original command and its args. */
  inner: string[];
}

/**
 * Recognises an entry keyward already wrapped, so a new secret extends the wrap instead of nesting one: a
 * `run` among the first words (after any launcher: node + bin.js, npx keyward, a custom --launcher), then
 * only `--store`/`--secret` pairs, then `--`.
 */
export function parseWrap(command: string, args: string[]): Wrap | undefined {
  const words = [command, ...args];
  for (let p = 1; p <= 3 && p < words.length; p++) {
    if (words[p] !== 'run') continue;
    const dd = words.indexOf('--', p + 1);
    if (dd < 0) continue;
    const options = words.slice(p + 1, dd);
    const pairs = options.length % 2 === 0 && options.every((w, i) => (i % 2 === 0 ? w === '--store' || w === '--secret' : !w.startsWith('-')));
    if (!pairs || !options.includes('--secret')) continue;
    return { prefix: words.slice(0, p + 1), options, inner: words.slice(dd + 1) };
  }
  return undefined;
}

export interface Binding {
  /** Variable name the server (or the ${KEYWARD:NAME} expansion) gets. */
  name: string;
  storeKey: string;
  /** The value that goes into the store. */
  value: string;
  site: SecretSite;
}

export interface RewriteOptions {
  /** Words that start keyward, e.g. [node, /abs/dist/cli/bin.js]. */
  launcher: string[];
  storeKind: 'keychain' | 'file';
  /** Command words of the stdio bridge for remote servers, e.g. [npx, -y, mcp-remote@0.15.1]. */
  bridge: string[];
}

/**
 * The new server object. `launchArgs` are the effective args the sites were found in (inside an existing
 * wrap when there is one). Throws only on a shape it cannot handle; the planner turns that into a skip.
 */
export function rewriteServer(
  raw: Record<string, unknown>,
  hostId: string,
  transport: string,
  bindings: Binding[],
  options: RewriteOptions,
): Record<string, unknown> {
  const shape = launchShape(hostId, raw);
  const next = structuredClone(raw);
  const launchObj = (shape.base.length ? next[shape.base[0]] : next) as Record<string, unknown>;
  const current = isObject(launchObj) ? readLaunch(next, shape) : undefined;

  let inner: string[];
  let existingOptions: string[] = [];
  if (current) {
    const wrap = parseWrap(current.command, current.args);
    inner = wrap ? [...wrap.inner] : [current.command, ...current.args];
    existingOptions = wrap ? wrap.options : [];
    // Args are replaced by reference; site indexes count from inner[1].
    for (const b of bindings) {
      if (b.site.kind !== 'arg' || b.site.index === undefined) continue;
      const i = b.site.index + 1;
      inner[i] = replaceAll(inner[i], b.value, argReference(b.name));
    }
    const env = launchObj[shape.env];
    if (isObject(env)) {
      for (const b of bindings) if (b.site.kind === 'env') delete env[b.site.field];
      if (Object.keys(env).length === 0) delete launchObj[shape.env];
    }
  } else {
    // A remote server: the bridge gets the URL and headers, secrets as ${KEYWARD:NAME}.
    const url = ['url', 'serverUrl', 'httpUrl', 'uri', 'endpoint'].map((k) => next[k]).find((v) => typeof v === 'string') as string | undefined;
    if (!url) throw new Error('the entry has neither a command nor a URL');
    let bridgedUrl = url;
    for (const b of bindings) if (b.site.kind === 'url') bridgedUrl = replaceAll(bridgedUrl, b.value, argReference(b.name));
    const headers = remoteHeaders(next);
    const headerArgs: string[] = [];
    for (const [name, value] of Object.entries(headers)) {
      const b = bindings.find((x) => x.site.kind === 'header' && x.site.field === name);
      headerArgs.push('--header', `${name}:${b ? argReference(b.name) : value}`);
    }
    // mcp-remote refuses plain http to a non-local host unless told; the entry already spoke http, and audit
    // keeps reporting it as insecure transport, so the bridge must not silently break the server.
    const allowHttp = /^http:\/\//i.test(url) ? ['--allow-http'] : [];
    inner = [...options.bridge, bridgedUrl, '--transport', transport === 'sse' ? 'sse-only' : 'http-only', ...allowHttp, ...headerArgs];
    for (const k of REMOTE_KEYS) delete next[k];
    if (shape.stdioType) {
      if ('transport' in next) next.transport = shape.stdioType;
      else next.type = shape.stdioType;
    }
  }

  const runOptions = [...existingOptions];
  if (!runOptions.includes('--store')) runOptions.push('--store', options.storeKind);
  for (const b of bindings) runOptions.push('--secret', `${b.name}=${storeKeyRef(b.storeKey)}`);
  const words = [...options.launcher, 'run', ...runOptions, '--', ...inner];

  const target = (shape.base.length ? next[shape.base[0]] : next) as Record<string, unknown>;
  if (shape.args === undefined) {
    target[shape.command] = words;
  } else {
    target[shape.command] = words[0];
    target[shape.args] = words.slice(1);
  }
  return next;
}

function remoteHeaders(raw: Record<string, unknown>): Record<string, string> {
  const src = isObject(raw.headers)
    ? raw.headers
    : isObject(raw.http_headers)
      ? raw.http_headers
      : isObject(raw.requestOptions) && isObject(raw.requestOptions.headers)
        ? raw.requestOptions.headers
        : {};
  return Object.fromEntries(Object.entries(src).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

function replaceAll(s: string, find: string, by: string): string {
  return find ? s.split(find).join(by) : s;
}
