// Amp (Sourcegraph): `~/.config/amp/settings.json` (JSONC; `%USERPROFILE%\.config\amp` on Windows), servers
// under the literal top-level key `"amp.mcpServers"`.
import { homePath, join, xdgConfig } from './paths.js';
import { isObject, location, mapServers } from './shape.js';
import type { HostAdapter } from './types.js';

export const amp: HostAdapter = {
  id: 'amp',
  title: 'Amp',
  locations: (env) => [
    location(
      'amp',
      'user',
      env.platform === 'win32' ? homePath(env, '.config', 'amp', 'settings.json') : join(env, xdgConfig(env), 'amp', 'settings.json'),
      'jsonc',
      [['amp.mcpServers']],
    ),
  ],
  servers: mapServers,
  documentBypasses: (root) =>
    isObject(root) && root['amp.dangerouslyAllowAll'] === true
      ? [{ keyPath: ['amp.dangerouslyAllowAll'], message: 'amp.dangerouslyAllowAll runs every tool, MCP ones included, without asking' }]
      : [],
};
