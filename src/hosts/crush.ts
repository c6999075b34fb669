// Crush (Charm): `$XDG_CONFIG_HOME/crush/crush.json` (%LOCALAPPDATA%\crush on Windows) and project
// `crush.json` / `.crush.json`; `mcp` map with `type: stdio|http|sse`. Values expand `$VAR` shell-style.
import { join, localAppData, xdgConfig } from './paths.js';
import { location, mapServers } from './shape.js';
import type { ConfigLocation, HostAdapter } from './types.js';

export const crush: HostAdapter = {
  id: 'crush',
  title: 'Crush',
  locations: (env) => {
    const userDir = env.platform === 'win32' ? join(env, localAppData(env), 'crush') : join(env, xdgConfig(env), 'crush');
    const out: ConfigLocation[] = [location('crush', 'user', join(env, userDir, 'crush.json'), 'json', [['mcp']])];
    if (env.project) {
      out.push(location('crush', 'project', join(env, env.project, 'crush.json'), 'json', [['mcp']]));
      out.push(location('crush', 'project', join(env, env.project, '.crush.json'), 'json', [['mcp']]));
    }
    return out;
  },
  servers: mapServers,
  envReference: (name) => `$${name}`,
};
