// `keyward run` core: resolve store keys, put the secrets into ONE child's environment (and into arguments
// written as ${KEYWARD:NAME}), relay signals, hand back the child's exit code. No `process` access unless
// the caller passes it in, so tests drive it with their own spawn options and signal source.
import { spawn as nodeSpawn, type SpawnOptions, type StdioOptions } from 'node:child_process';
import { constants } from 'node:os';
import type { SecretStore } from '../store/types.js';
import { checkStoreKey } from '../store/keys.js';

export interface SecretBinding {
  /** Environment variable the child sees. */
  env: string;
  /** Store key holding its value. */
  key: string;
}

/** `${KEYWARD:NAME}` inside an argument: replaced by the value bound to NAME with `--secret NAME=key`. */
export const ARG_REFERENCE = /\$\{KEYWARD:([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function argReference(name: string): string {
  return `\${KEYWARD:${name}}`;
}

/** Variables a child must never inherit: they unlock the whole store. */
const STRIPPED_ENV = ['KEYWARD_STORE_KEY', 'KEYWARD_STORE_PASSPHRASE'];

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The store key as protect writes it in configs: `keyward://host/server/VAR`. The URI form is what the engine
 * (and any other scanner) already reads as a reference, so a protected entry never looks like a new secret.
 */
export const STORE_URI_PREFIX = 'keyward://';

export function storeKeyRef(key: string): string {
  return `${STORE_URI_PREFIX}${key}`;
}

/** `ENV=store-key` or `ENV=keyward://store-key`. */
export function parseBinding(spec: string): Parsed<SecretBinding> {
  const eq = spec.indexOf('=');
  const env = eq > 0 ? spec.slice(0, eq) : '';
  let key = eq > 0 ? spec.slice(eq + 1) : '';
  if (key.startsWith(STORE_URI_PREFIX)) key = key.slice(STORE_URI_PREFIX.length);
  // Real configs hold names like `my-service.token`; anything without `=` and spaces is a valid variable.
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(env)) {
    return { ok: false, error: `--secret "${spec}": expected ENV=store-key with ENV a variable name` };
  }
  const check = checkStoreKey(key);
  if (!check.ok) return { ok: false, error: `--secret "${spec}": bad store key (${check.reason})` };
  return { ok: true, value: { env, key } };
}

export type Resolution = { ok: true; values: Map<string, string> } | { ok: false; missing: SecretBinding[] };

/** Every binding's value, or every binding whose key is missing (all of them, so one fix covers all). */
export async function resolveBindings(bindings: SecretBinding[], store: SecretStore): Promise<Resolution> {
  const values = new Map<string, string>();
  const missing: SecretBinding[] = [];
  for (const b of bindings) {
    const v = await store.get(b.key);
    if (v === undefined) missing.push(b);
    else values.set(b.env, v);
  }
  return missing.length ? { ok: false, missing } : { ok: true, values };
}

/** Expands ${KEYWARD:NAME}; an unbound NAME is an error rather than an empty string. */
export function expandArgs(args: string[], values: Map<string, string>): Parsed<string[]> {
  const unknown = new Set<string>();
  const out = args.map((a) =>
    a.replace(ARG_REFERENCE, (whole, name: string) => {
      const v = values.get(name);
      if (v === undefined) unknown.add(name);
      return v ?? whole;
    }),
  );
  if (unknown.size) {
    const names = [...unknown].join(', ');
    return { ok: false, error: `argument references \${KEYWARD:${names}} but no --secret ${[...unknown][0]}=… binds it` };
  }
  return { ok: true, value: out };
}

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface LaunchOptions {
  command: string;
  args: string[];
  /** The environment the child would get without keyward (the caller's). */
  baseEnv: Record<string, string | undefined>;
  /** Secrets added on top, by variable name. */
  secrets: Map<string, string>;
  cwd?: string;
  stdio: StdioOptions;
  spawn?: typeof nodeSpawn;
  /** Where SIGINT/SIGTERM/SIGHUP arrive (the real process from bin); none → no forwarding. */
  signals?: SignalSource;
  /** Called with the child once spawned (piped stdio, tests). */
  onSpawn?: (child: ReturnType<typeof nodeSpawn>) => void;
}

export type LaunchResult =
  | { kind: 'exited'; exitCode: number; code: number | null; signal: NodeJS.Signals | null }
  | { kind: 'spawn-error'; exitCode: number; message: string };

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function childEnv(base: Record<string, string | undefined>, secrets: Map<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !STRIPPED_ENV.includes(k)) env[k] = v;
  for (const [k, v] of secrets) env[k] = v;
  return env;
}

export function launch(options: LaunchOptions): Promise<LaunchResult> {
  const spawn = options.spawn ?? nodeSpawn;
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd,
    env: childEnv(options.baseEnv, options.secrets),
    stdio: options.stdio,
    windowsHide: true,
  };
  return new Promise((resolve) => {
    const child = spawn(options.command, options.args, spawnOptions);
    const relays = FORWARDED.map((sig) => {
      const relay = (): void => void child.kill(sig);
      options.signals?.on(sig, relay);
      return [sig, relay] as const;
    });
    const stopRelays = (): void => {
      for (const [sig, relay] of relays) options.signals?.off(sig, relay);
    };
    let settled = false;
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      stopRelays();
      const notFound = err.code === 'ENOENT';
      resolve({
        kind: 'spawn-error',
        exitCode: notFound ? 127 : 126,
        message: notFound ? `command not found: ${options.command}` : `cannot start ${options.command}: ${err.message}`,
      });
    });
    child.once('close', (code, signal) => {
      if (settled) return;
      settled = true;
      stopRelays();
      const exitCode = code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1);
      resolve({ kind: 'exited', exitCode, code, signal });
    });
    options.onSpawn?.(child);
  });
}
