// The host registry: every adapter, discovery of the configs that exist on this machine (or fixture home),
// and the environment a CLI run describes.
import { readdir, stat } from 'node:fs/promises';
import { amazonQ } from './amazon-q.js';
import { amp } from './amp.js';
import { claudeCode } from './claude-code.js';
import { claudeDesktop } from './claude-desktop.js';
import { cline } from './cline.js';
import { codex } from './codex.js';
import { continueDev } from './continue.js';
import { copilotCli } from './copilot-cli.js';
import { crush } from './crush.js';
import { cursor } from './cursor.js';
import { antigravity, geminiCli } from './gemini-cli.js';
import { goose } from './goose.js';
import { junie } from './junie.js';
import { kiloCode } from './kilo-code.js';
import { kiro } from './kiro.js';
import { lmStudio } from './lm-studio.js';
import { loadConfig, type LoadResult } from './load.js';
import { join } from './paths.js';
import { opencode } from './opencode.js';
import { rooCode } from './roo-code.js';
import { sharedSideFiles } from './side-files.js';
import type { ConfigLocation, HostAdapter, HostEnvironment, Platform, SideFileLocation } from './types.js';
import { vscode } from './vscode.js';
import { windsurf } from './windsurf.js';
import { zed } from './zed.js';

export * from './types.js';
export { loadConfig, parseConfigText, type LoadedConfig, type LoadResult, type ParseResult } from './load.js';
export { argKeyPath, fieldKeyPath, isObject, valueAt } from './shape.js';

export const allHosts: HostAdapter[] = [
  claudeDesktop,
  claudeCode,
  cursor,
  vscode,
  copilotCli,
  windsurf,
  cline,
  rooCode,
  kiloCode,
  continueDev,
  zed,
  geminiCli,
  antigravity,
  codex,
  goose,
  opencode,
  kiro,
  amazonQ,
  lmStudio,
  crush,
  amp,
  junie,
];


export function hostById(id: string): HostAdapter | undefined {
  return allHosts.find((h) => h.id === id);
}

/** Picks the adapters named by `--host` (all when empty); unknown ids come back separately. */
export function selectHosts(ids: string[] | undefined): { hosts: HostAdapter[]; unknown: string[] } {
  if (!ids || ids.length === 0) return { hosts: allHosts, unknown: [] };
  const wanted = new Set(ids);
  return { hosts: allHosts.filter((h) => wanted.has(h.id)), unknown: ids.filter((id) => !hostById(id)) };
}

export interface FoundConfig {
  adapter: HostAdapter;
  location: ConfigLocation;
}

/** A HostEnvironment from CLI inputs: env vars, optional --home / --project / --platform overrides. */
export function hostEnvironment(options: {
  env: Record<string, string | undefined>;
  platform?: string;
  home?: string;
  project?: string;
  systemRoot?: string;
}): HostEnvironment {
  const platform = (options.platform ?? 'linux') as Platform;
  if (!['darwin', 'linux', 'win32'].includes(platform)) throw new Error(`unsupported platform: ${platform}`);
  const home = options.home ?? (platform === 'win32' ? options.env.USERPROFILE : options.env.HOME) ?? options.env.HOME ?? '';
  const out: HostEnvironment = { home, platform, env: { ...options.env } };
  if (options.project) out.project = options.project;
  if (options.systemRoot) out.systemRoot = options.systemRoot;
  return out;
}

/**
 * Every config file of the chosen hosts that exists here. Folder locations (`dirPattern`) expand to one
 * location per matching file. The same (host, path) is listed once, first scope winning (a project folder
 * that is also the home folder must not double every finding).
 */
export async function discoverConfigs(env: HostEnvironment, hosts: HostAdapter[] = allHosts): Promise<FoundConfig[]> {
  const out: FoundConfig[] = [];
  const seen = new Set<string>();
  for (const adapter of hosts) {
    for (const loc of adapter.locations(env)) {
      for (const expanded of await expand(env, loc)) {
        const key = `${adapter.id}\u0000${expanded.path}`;
        if (seen.has(key)) continue;
        if (!(await isFile(expanded.path))) continue;
        seen.add(key);
        out.push({ adapter, location: expanded });
      }
    }
  }
  return out;
}

async function expand(env: HostEnvironment, loc: ConfigLocation): Promise<ConfigLocation[]> {
  if (loc.eachSubdir) {
    let dirs: string[];
    try {
      dirs = (await readdir(loc.path, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    } catch {
      return [];
    }
    const { eachSubdir, ...rest } = loc;
    return dirs.map((d) => ({ ...rest, path: join(env, loc.path, d, eachSubdir) }));
  }
  if (!loc.dirPattern) return [loc];
  let names: string[];
  try {
    names = (await readdir(loc.path)).sort();
  } catch {
    return [];
  }
  return names
    .filter((n) => loc.dirPattern!.test(n))
    .map((n) => {
      const { dirPattern: _unused, ...rest } = loc;
      return { ...rest, path: join(env, loc.path, n), format: /\.json$/i.test(n) ? 'json' : 'yaml' } as ConfigLocation;
    });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Discover, then load each config (errors as values). */
export async function loadAllConfigs(env: HostEnvironment, hosts: HostAdapter[] = allHosts): Promise<LoadResult[]> {
  const found = await discoverConfigs(env, hosts);
  return Promise.all(found.map(({ adapter, location }) => loadConfig(adapter, location)));
}

/** Known side files (logs, token caches, secret files) of the chosen hosts plus the shared ones. */
export function sideFileLocations(env: HostEnvironment, hosts: HostAdapter[] = allHosts): SideFileLocation[] {
  const own = hosts.flatMap((h) => h.sideFiles?.(env) ?? []);
  return hosts === allHosts || hosts.length === allHosts.length ? [...own, ...sharedSideFiles(env)] : own;
}
