// docker / podman: a `run` command line for a stdio server in a throw-away container: read-only root, private
// /tmp, no capabilities, no network unless allowed, only the listed folders mounted, only declared variables.
import type { LaunchSpec } from '../hooks.js';
import type { SandboxConfig } from './config.js';

export function containerArgs(launch: LaunchSpec, config: SandboxConfig): string[] {
  const args = ['run', '--rm', '-i', '--read-only', '--tmpfs', '/tmp', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges'];
  args.push('--network', config.network ? 'bridge' : 'none');
  for (const p of config.readable) args.push('--volume', `${p}:${p}:ro`);
  for (const p of config.writable) args.push('--volume', `${p}:${p}:rw`);
  // `-e NAME` without a value copies it from the runtime's own environment, so values stay out of argv.
  for (const k of Object.keys(launch.env).sort()) args.push('--env', k);
  if (launch.cwd) args.push('--workdir', launch.cwd);
  args.push(config.image!, launch.command, ...launch.args);
  return args;
}

export function containerLaunch(runtime: string, launch: LaunchSpec, config: SandboxConfig): LaunchSpec {
  return { command: runtime, args: containerArgs(launch, config), env: { ...launch.env }, cwd: undefined };
}
