// Roo Code: globalStorage `rooveterinaryinc.roo-cline/settings/mcp_settings.json` and project `.roo/mcp.json`;
// `alwaysAllow` lists tools that run without asking.
import { join } from './paths.js';
import { location, mapServers } from './shape.js';
import type { HostAdapter } from './types.js';
import { extensionStorage } from './vscode-family.js';

export const rooCode: HostAdapter = {
  id: 'roo-code',
  title: 'Roo Code',
  locations: (env) => [
    ...extensionStorage(env, 'rooveterinaryinc.roo-cline', 'settings', 'mcp_settings.json').map(({ product, dir }) =>
      location('roo-code', 'user', dir, 'json', [['mcpServers']], { variant: product }),
    ),
    ...(env.project ? [location('roo-code', 'project', join(env, env.project, '.roo', 'mcp.json'), 'json')] : []),
  ],
  servers: mapServers,
  autoApproveKeys: ['alwaysAllow'],
};
