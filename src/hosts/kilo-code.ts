// Kilo Code (a Roo fork): globalStorage `kilocode.kilo-code/settings/mcp_settings.json` and project
// `.kilocode/mcp.json`; `alwaysAllow` like Roo.
import { join } from './paths.js';
import { location, mapServers } from './shape.js';
import type { HostAdapter } from './types.js';
import { extensionStorage } from './vscode-family.js';

export const kiloCode: HostAdapter = {
  id: 'kilo-code',
  title: 'Kilo Code',
  locations: (env) => [
    ...extensionStorage(env, 'kilocode.kilo-code', 'settings', 'mcp_settings.json').map(({ product, dir }) =>
      location('kilo-code', 'user', dir, 'json', [['mcpServers']], { variant: product }),
    ),
    ...(env.project ? [location('kilo-code', 'project', join(env, env.project, '.kilocode', 'mcp.json'), 'json')] : []),
  ],
  servers: mapServers,
  autoApproveKeys: ['alwaysAllow'],
};
