// The words a protected entry starts keyward with. Hosts launch servers without a login shell, so a bare
// `keyward` on PATH is fragile: the default is this Node binary plus the absolute path of dist/cli/bin.js.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MCP_REMOTE_VERSION = '0.15.1';

/** `--launcher`: a JSON array of words, or one executable path (e.g. /usr/local/bin/keyward). */
export function parseWords(value: string, what: string): string[] {
  const v = value.trim();
  if (v.startsWith('[')) {
    const parsed = JSON.parse(v) as unknown;
    if (!Array.isArray(parsed) || !parsed.length || !parsed.every((w) => typeof w === 'string' && w)) {
      throw new Error(`${what} must be a JSON array of non-empty strings`);
    }
    return parsed as string[];
  }
  if (!v) throw new Error(`${what} is empty`);
  return [v];
}

export function defaultLauncher(nodePath: string = process.execPath): string[] {
  // dist/protect/launcher.js → dist/cli/bin.js (from src under a test runner this points at src/cli/bin.js,
  // which is why tests pass --launcher explicitly).
  return [nodePath, fileURLToPath(new URL('../cli/bin.js', import.meta.url))];
}

/** npx next to the Node binary when present (same reason as the launcher), else npx from PATH. */
export function defaultBridge(nodePath: string = process.execPath, platform: NodeJS.Platform = process.platform): string[] {
  const npx = join(dirname(nodePath), platform === 'win32' ? 'npx.cmd' : 'npx');
  return [existsSync(npx) ? npx : 'npx', '-y', `mcp-remote@${MCP_REMOTE_VERSION}`];
}

/**
 * A launcher word inside npx's cache (`~/.npm/_npx/<hash>/…`, what `npx keyward protect` records): npm
 * cleans that cache, and every protected server would then fail to start.
 */
export function ephemeralLauncherPath(words: string[]): string | undefined {
  return words.find((w) => /[\\/]_npx[\\/]/.test(w));
}
