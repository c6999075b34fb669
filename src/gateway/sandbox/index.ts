// Picks and applies the sandbox a stdio server asked for. An unavailable sandbox refuses to start the server
// (fail closed) unless the config says `optional`, which starts it unsandboxed with a loud warning.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { LaunchSpec } from '../hooks.js';
import { bwrapLaunch, packageRoots } from './bwrap.js';
import { parseSandboxConfig, type SandboxConfig } from './config.js';
import { containerLaunch } from './container.js';
import { sandboxExecLaunch } from './sandbox-exec.js';

export interface SandboxDeps {
  report: (line: string) => void;
  platform: NodeJS.Platform;
  /** Absolute path of a program on PATH, or undefined. */
  which: (program: string) => string | undefined;
  /** Whether bwrap can create namespaces here (it cannot in some containers). */
  bwrapWorks: (bwrap: string) => boolean;
  nodePath: string;
  /** Starts (or reuses) the egress proxy for a server's network allow-list; returns the socket's folder. */
  egress?: (server: string, hosts: string[]) => Promise<string>;
}

export class SandboxUnavailableError extends Error {
  override name = 'SandboxUnavailableError';
}

export function defaultWhich(pathEnv = process.env.PATH ?? ''): (program: string) => string | undefined {
  return (program) => {
    if (isAbsolute(program)) return isExecutable(program) ? program : undefined;
    for (const dir of pathEnv.split(delimiter)) {
      if (!dir) continue;
      const p = join(dir, program);
      if (isExecutable(p)) return p;
    }
    return undefined;
  };
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const bwrapProbe = new Map<string, boolean>();
function probeBwrap(bwrap: string): boolean {
  let ok = bwrapProbe.get(bwrap);
  if (ok === undefined) {
    const r = spawnSync(bwrap, ['--unshare-all', '--die-with-parent', '--ro-bind', '/', '/', '--', '/bin/true'], { timeout: 5000, stdio: 'ignore' });
    ok = r.status === 0;
    bwrapProbe.set(bwrap, ok);
  }
  return ok;
}

export async function prepareSandboxedLaunch(server: string, launch: LaunchSpec, raw: unknown, partial: Partial<SandboxDeps> & { report: SandboxDeps['report'] }): Promise<LaunchSpec> {
  const parsed = parseSandboxConfig(raw, `servers.${server}.sandbox`);
  if ('errors' in parsed) throw new SandboxUnavailableError(parsed.errors.join('; '));
  const config = parsed.config;
  if (!config) return launch;
  const deps: SandboxDeps = {
    platform: process.platform,
    which: defaultWhich(),
    bwrapWorks: probeBwrap,
    nodePath: process.execPath,
    ...partial,
  };
  try {
    return await sandboxed(server, launch, config, deps);
  } catch (e) {
    if (!(e instanceof SandboxUnavailableError) || !config.optional) throw e;
    deps.report(
      `keyward gateway: WARNING: server ${server} runs WITHOUT a sandbox (${e.message}); it was marked optional. Remove \`optional\` to refuse starting it instead.`,
    );
    return launch;
  }
}

async function sandboxed(server: string, launch: LaunchSpec, config: SandboxConfig, deps: SandboxDeps): Promise<LaunchSpec> {
  const type = config.type === 'auto' ? autoType(deps) : config.type;
  if (!type) throw new SandboxUnavailableError(`no sandbox is available on ${deps.platform} (looked for bwrap, sandbox-exec, docker, podman)`);
  const command = launch.cwd && !isAbsolute(launch.command) && launch.command.includes('/') ? resolve(launch.cwd, launch.command) : launch.command;
  if (type === 'docker' || type === 'podman') {
    const runtime = deps.which(type);
    if (!runtime) throw new SandboxUnavailableError(`${type} is not installed`);
    if (!config.image) throw new SandboxUnavailableError(`${type} needs \`image:\` in servers.${server}.sandbox`);
    return containerLaunch(runtime, launch, config);
  }
  const abs = deps.which(command);
  if (!abs) throw new SandboxUnavailableError(`server command ${launch.command} was not found on PATH`);
  if (type === 'bwrap') {
    if (deps.platform !== 'linux') throw new SandboxUnavailableError('bwrap runs on Linux only');
    const bwrap = deps.which('bwrap');
    if (!bwrap) throw new SandboxUnavailableError('bwrap (bubblewrap) is not installed (Debian/Ubuntu: apt install bubblewrap)');
    if (!deps.bwrapWorks(bwrap)) throw new SandboxUnavailableError('bwrap cannot create namespaces here (unprivileged user namespaces are off?)');
    let egressDir: string | undefined;
    if (config.allowHosts) {
      if (!deps.egress) throw new SandboxUnavailableError('no egress proxy is available for the network allow-list');
      egressDir = await deps.egress(server, config.allowHosts);
    }
    return bwrapLaunch({ bwrap, command: abs, launch, config, nodePath: deps.nodePath, egressDir });
  }
  if (config.allowHosts) throw new SandboxUnavailableError('network allow-lists are enforced with bwrap only');
  if (deps.platform !== 'darwin') throw new SandboxUnavailableError('sandbox-exec runs on macOS only');
  const se = deps.which('sandbox-exec') ?? deps.which('/usr/bin/sandbox-exec');
  if (!se) throw new SandboxUnavailableError('sandbox-exec is not available');
  return sandboxExecLaunch(se, abs, launch, config, packageRoots(abs, launch.args));
}

function autoType(deps: SandboxDeps): SandboxConfig['type'] | undefined {
  if (deps.platform === 'linux' && deps.which('bwrap')) return 'bwrap';
  if (deps.platform === 'darwin') return 'sandbox-exec';
  return undefined;
}

export { parseSandboxConfig };
