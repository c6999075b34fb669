// Windsurf (Codeium): `~/.codeium/windsurf/mcp_config.json` on every OS, `mcpServers` map (`serverUrl` for
// remote servers); resolves `${env:NAME}`.
import { homePath } from './paths.js';
import { location, mapServers } from './shape.js';
import type { HostAdapter } from './types.js';

export const windsurf: HostAdapter = {
  id: 'windsurf',
  title: 'Windsurf',
  locations: (env) => [
    location('windsurf', 'user', homePath(env, '.codeium', 'windsurf', 'mcp_config.json'), 'json'),
    location('windsurf', 'user', homePath(env, '.codeium', 'windsurf-next', 'mcp_config.json'), 'json', [['mcpServers']], { variant: 'Windsurf Next' }),
  ],
  servers: mapServers,
  envReference: (name) => `\${env:${name}}`,
};
