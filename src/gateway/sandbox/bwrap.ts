// Linux: a bubblewrap command line around a stdio server. Only a minimal system (/usr, /lib…, /etc, node's
// install dir, the server's own package) is mounted read-only; /tmp is private; only `writable` paths can be
// written, only `readable` ones read besides; every namespace is unshared (network too unless `network: true`);
// the environment holds only the declared variables; the child dies with the gateway.
import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, sep } from 'node:path';
import { DEFAULT_INHERITED_ENV_VARS } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { LaunchSpec } from '../hooks.js';
import type { SandboxConfig } from './config.js';
import { PROXY_PORT, SANDBOX_SOCKET_DIR, SHIM_SOURCE } from './egress.js';

const SYSTEM = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc'];
const INTERPRETERS = new Set(['node', 'nodejs', 'python', 'python3', 'bun', 'deno', 'tsx']);

export interface BwrapInput {
  bwrap: string;
  /** Absolute path of the server command (resolved on the gateway's PATH). */
  command: string;
  launch: LaunchSpec;
  config: SandboxConfig;
  /** node's own binary, whose install dir is mounted so `#!/usr/bin/env node` servers start. */
  nodePath: string;
  /** Folder holding the egress proxy's socket (network allow-list); mounted at SANDBOX_SOCKET_DIR. */
  egressDir?: string;
}

export function bwrapLaunch(input: BwrapInput): LaunchSpec {
  const { config, launch } = input;
  const args: string[] = ['--unshare-all'];
  // An allow-list keeps the network unshared: the egress socket is the only way out.
  if (config.network && !input.egressDir) args.push('--share-net');
  args.push('--die-with-parent', '--new-session');
  for (const p of SYSTEM) {
    if (!existsSync(p)) continue;
    const st = lstatSync(p);
    // Merged-/usr systems: /bin → usr/bin stays a symlink, not a second mount.
    if (st.isSymbolicLink()) args.push('--symlink', readlinkSync(p), p);
    else args.push('--ro-bind', p, p);
  }
  const readable = new Set<string>();
  const nodeDir = dirname(dirname(realpathSync(input.nodePath)));
  if (!SYSTEM.some((s) => within(nodeDir, s))) readable.add(nodeDir);
  for (const p of packageRoots(input.command, launch.args)) readable.add(p);
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp', '--dir', '/tmp/home');
  for (const p of [...readable].sort()) args.push('--ro-bind', p, p);
  for (const p of config.readable) args.push('--ro-bind', p, p);
  // Writable after readable: a writable folder inside a readable one must end up writable.
  for (const p of config.writable) args.push('--bind', p, p);
  const proxy: Record<string, string> = {};
  if (input.egressDir) {
    args.push('--bind', input.egressDir, SANDBOX_SOCKET_DIR);
    const url = `http://127.0.0.1:${PROXY_PORT}`;
    Object.assign(proxy, { HTTPS_PROXY: url, https_proxy: url, HTTP_PROXY: url, http_proxy: url, ALL_PROXY: url, NO_PROXY: '', no_proxy: '' });
  }
  const env: Record<string, string> = {
    ...proxy,
    PATH: `${dirname(input.nodePath)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: '/tmp/home',
    ...launch.env,
  };
  // Values travel in bwrap's environment, never in its argv (which any local user can read in /proc). The
  // stdio transport adds a few variables of the gateway's own (HOME, USER…); those not declared are unset.
  for (const k of [...DEFAULT_INHERITED_ENV_VARS].sort()) if (!(k in env)) args.push('--unsetenv', k);
  args.push('--chdir', launch.cwd ?? '/tmp');
  if (input.egressDir) {
    // The shim owns the sandbox's loopback port and relays it to the proxy socket, then runs the server.
    args.push('--', input.nodePath, '-e', SHIM_SOURCE, '--', String(PROXY_PORT), `${SANDBOX_SOCKET_DIR}/proxy.sock`, input.command, ...launch.args);
  } else args.push('--', input.command, ...launch.args);
  return { command: input.bwrap, args, env, cwd: undefined };
}

/**
 * Folders a server needs to run: for a command inside node_modules (npm's .bin links), the outermost
 * node_modules it sits in (its dependencies resolve upwards from there); for `node script.js`, the same for the
 * script. Other arguments are never mounted: they are data the server is told about, not code.
 */
export function packageRoots(command: string, args: string[]): string[] {
  const roots: string[] = [];
  const add = (file: string): void => {
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      return;
    }
    const parts = real.split(sep);
    const nm = parts.indexOf('node_modules');
    roots.push(nm > 0 ? parts.slice(0, nm + 1).join(sep) : dirname(real));
  };
  add(command);
  const base = command.split(sep).pop() ?? '';
  if (INTERPRETERS.has(base)) {
    const script = args.find((a) => !a.startsWith('-'));
    if (script && isAbsolute(script)) add(script);
  }
  return roots.filter((r) => !SYSTEM.some((s) => within(r, s)));
}

function within(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

