// macOS: a sandbox-exec (Seatbelt) profile for a stdio server: deny by default, read the system and the listed
// folders, write only the listed ones and the temp dir, network only when allowed.
import type { LaunchSpec } from '../hooks.js';
import type { SandboxConfig } from './config.js';

const SYSTEM_READ = ['/usr', '/bin', '/sbin', '/System', '/Library', '/private/etc', '/private/var/db', '/opt/homebrew', '/dev'];

export function quoteSbpl(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function sandboxExecProfile(config: SandboxConfig, extraReadable: string[] = []): string {
  const read = [...SYSTEM_READ, ...extraReadable, ...config.readable, ...config.writable];
  const lines = [
    '(version 1)',
    '(deny default)',
    '(allow process-exec process-fork)',
    '(allow signal (target same-sandbox))',
    '(allow sysctl-read mach-lookup ipc-posix-shm)',
    '(allow file-read-metadata)',
    `(allow file-read* (literal "/") ${read.map((p) => `(subpath ${quoteSbpl(p)})`).join(' ')})`,
    `(allow file-write* (subpath "/private/tmp") (subpath "/private/var/folders") (literal "/dev/null")${config.writable.map((p) => ` (subpath ${quoteSbpl(p)})`).join('')})`,
  ];
  if (config.network) lines.push('(allow network*)');
  else lines.push('(deny network*)');
  return `${lines.join('\n')}\n`;
}

export function sandboxExecLaunch(sandboxExec: string, command: string, launch: LaunchSpec, config: SandboxConfig, extraReadable: string[]): LaunchSpec {
  return { ...launch, command: sandboxExec, args: ['-p', sandboxExecProfile(config, extraReadable), command, ...launch.args] };
}
