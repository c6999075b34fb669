// OpenCode: `~/.config/opencode/opencode.json(c)` (XDG layout on every OS) and project `opencode.json(c)`;
// `mcp` map of `{type: local, command: [..], environment}` or `{type: remote, url, headers}`; resolves `{env:NAME}`.
import { join, xdgConfig } from './paths.js';
import { location, mapServers } from './shape.js';
import type { ConfigLocation, HostAdapter } from './types.js';

export const opencode: HostAdapter = {
  id: 'opencode',
  title: 'OpenCode',
  locations: (env) => {
    const dir = join(env, xdgConfig(env), 'opencode');
    const out: ConfigLocation[] = [
      location('opencode', 'user', join(env, dir, 'opencode.json'), 'jsonc', [['mcp']]),
      location('opencode', 'user', join(env, dir, 'opencode.jsonc'), 'jsonc', [['mcp']]),
    ];
    if (env.env.OPENCODE_CONFIG) out.push(location('opencode', 'user', env.env.OPENCODE_CONFIG, 'jsonc', [['mcp']]));
    if (env.project) {
      out.push(location('opencode', 'project', join(env, env.project, 'opencode.json'), 'jsonc', [['mcp']]));
      out.push(location('opencode', 'project', join(env, env.project, 'opencode.jsonc'), 'jsonc', [['mcp']]));
    }
    return out;
  },
  servers: mapServers,
  envReference: (name) => `{env:${name}}`,
};
