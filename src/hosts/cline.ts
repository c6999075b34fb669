// Cline: the extension's globalStorage in every VS Code-family editor, plus the Cline CLI's own folder.
// `mcpServers` map; `autoApprove` lists tools that run without asking.
import { homePath, join } from './paths.js';
import { location, mapServers } from './shape.js';
import type { HostAdapter } from './types.js';
import { extensionStorage } from './vscode-family.js';

export const cline: HostAdapter = {
  id: 'cline',
  title: 'Cline',
  locations: (env) => [
    ...extensionStorage(env, 'saoudrizwan.claude-dev', 'settings', 'cline_mcp_settings.json').map(({ product, dir }) =>
      location('cline', 'user', dir, 'json', [['mcpServers']], { variant: product }),
    ),
    location('cline', 'user', join(env, env.env.CLINE_DIR || homePath(env, '.cline'), 'data', 'settings', 'cline_mcp_settings.json'), 'json', [['mcpServers']], { variant: 'Cline CLI' }),
  ],
  servers: mapServers,
  autoApproveKeys: ['autoApprove'],
};
