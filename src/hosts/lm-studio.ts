// LM Studio: `~/.lmstudio/mcp.json` (also under %USERPROFILE% on Windows), Cursor-style `mcpServers` map.
import { homePath } from './paths.js';
import { location, mapServers } from './shape.js';
import type { HostAdapter } from './types.js';

export const lmStudio: HostAdapter = {
  id: 'lm-studio',
  title: 'LM Studio',
  locations: (env) => [location('lm-studio', 'user', homePath(env, '.lmstudio', 'mcp.json'), 'json')],
  servers: mapServers,
};
