// Zed: `settings.json` (JSONC) `context_servers` map. Entries are either the current flat shape
// `{command, args, env}` / `{url, headers}` or the older `{command: {path, args, env}}`.
import { appData, join, xdgConfig } from './paths.js';
import { isObject, location, toEntry, valueAt } from './shape.js';
import type { ConfigLocation, HostAdapter, HostEnvironment, ServerEntry } from './types.js';

function userSettings(env: HostEnvironment): string {
  // Zed uses ~/.config/zed on macOS as well (not Application Support).
  return env.platform === 'win32' ? join(env, appData(env), 'Zed', 'settings.json') : join(env, xdgConfig(env), 'zed', 'settings.json');
}

function servers(root: unknown, loc: ConfigLocation): ServerEntry[] {
  const out: ServerEntry[] = [];
  for (const base of loc.serverRoots) {
    const map = valueAt(root, base);
    if (!isObject(map)) continue;
    for (const [name, raw] of Object.entries(map)) {
      if (!isObject(raw)) continue;
      const entry = toEntry(name, [...base, name], raw);
      if (isObject(raw.command)) {
        const nested = toEntry(name, [...base, name, 'command'], raw.command, {
          command: ['path'], args: ['args'], env: ['env'], url: [], headers: [], forwardedEnv: [],
        });
        Object.assign(entry, { command: nested.command, args: nested.args, env: nested.env, transport: 'stdio', fieldPaths: nested.fieldPaths });
      }
      out.push(entry);
    }
  }
  return out;
}

export const zed: HostAdapter = {
  id: 'zed',
  title: 'Zed',
  locations: (env) => [
    location('zed', 'user', userSettings(env), 'jsonc', [['context_servers']]),
    ...(env.project ? [location('zed', 'project', join(env, env.project, '.zed', 'settings.json'), 'jsonc', [['context_servers']])] : []),
  ],
  servers,
};
