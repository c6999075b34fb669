// GitHub Copilot CLI: `~/.copilot/mcp-config.json`, `mcpServers` map (`type: local|http`). No reference syntax
// we rely on. (`XDG_CONFIG_HOME` moves it to `$XDG_CONFIG_HOME/.copilot` in recent releases; both are read.)
import { homePath, join } from './paths.js';
import { location, mapServers } from './shape.js';
import type { HostAdapter } from './types.js';

export const copilotCli: HostAdapter = {
  id: 'copilot-cli',
  title: 'GitHub Copilot CLI',
  locations: (env) => {
    const out = [location('copilot-cli', 'user', homePath(env, '.copilot', 'mcp-config.json'), 'json')];
    const xdg = env.env.XDG_CONFIG_HOME;
    if (xdg) out.push(location('copilot-cli', 'user', join(env, xdg, '.copilot', 'mcp-config.json'), 'json'));
    return out;
  },
  servers: mapServers,
};
