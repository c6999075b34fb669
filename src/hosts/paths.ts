// Where per-user and system folders sit on each OS, computed for a HostEnvironment (never from `process`),
// so a linux test can resolve the paths a Windows or macOS machine would use.
import { posix, win32 } from 'node:path';
import type { HostEnvironment, Platform } from './types.js';

export function pathApi(platform: Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

export function join(env: HostEnvironment, ...parts: string[]): string {
  return pathApi(env.platform).join(...parts);
}

/** A path under the home folder. */
export function homePath(env: HostEnvironment, ...parts: string[]): string {
  return join(env, env.home, ...parts);
}

/** `$XDG_CONFIG_HOME` or `~/.config` — what most CLI tools use on Linux (and many on macOS too). */
export function xdgConfig(env: HostEnvironment): string {
  const xdg = env.env.XDG_CONFIG_HOME;
  return xdg && pathApi(env.platform).isAbsolute(xdg) ? xdg : homePath(env, '.config');
}

/** `%APPDATA%` (Roaming) on Windows. */
export function appData(env: HostEnvironment): string {
  return env.env.APPDATA || homePath(env, 'AppData', 'Roaming');
}

/** `%LOCALAPPDATA%` on Windows. */
export function localAppData(env: HostEnvironment): string {
  return env.env.LOCALAPPDATA || homePath(env, 'AppData', 'Local');
}

/** `~/Library/Application Support` on macOS. */
export function appSupport(env: HostEnvironment): string {
  return homePath(env, 'Library', 'Application Support');
}

/**
 * The folder an Electron app keeps its user data in: the VS Code family (`Code`, `Cursor`…) and Claude
 * Desktop. macOS: Application Support; Windows: %APPDATA%; Linux: $XDG_CONFIG_HOME.
 */
export function electronUserData(env: HostEnvironment, app: string): string {
  switch (env.platform) {
    case 'darwin':
      return join(env, appSupport(env), app);
    case 'win32':
      return join(env, appData(env), app);
    default:
      return join(env, xdgConfig(env), app);
  }
}

/**
 * A system-wide path (managed policies). With `env.systemRoot` set, the absolute path is re-rooted below it,
 * so `/etc/claude-code` becomes `<systemRoot>/etc/claude-code` and `C:\ProgramData\X` `<systemRoot>\ProgramData\X`.
 */
export function systemPath(env: HostEnvironment, byPlatform: Record<Platform, string>): string {
  const p = byPlatform[env.platform];
  if (!env.systemRoot) return p;
  const relative = p.replace(/^[A-Za-z]:[\\/]/, '').replace(/^[\\/]+/, '');
  return join(env, env.systemRoot, relative);
}

