// Continue: `~/.continue/config.yaml` (`mcpServers:` is a list of `{name, command, args, env}` or
// `{name, type, url, requestOptions.headers}`) and block files in `.continue/mcpServers/` (YAML blocks with the
// same list, or JSON copied from other hosts with a `mcpServers` map). Secrets resolve from `${{ secrets.X }}`.
import { homePath, join } from './paths.js';
import { listServers, location } from './shape.js';
import type { ConfigLocation, HostAdapter } from './types.js';

const BLOCKS = /\.(?:ya?ml|json)$/i;

export const continueDev: HostAdapter = {
  id: 'continue',
  title: 'Continue',
  locations: (env) => {
    const out: ConfigLocation[] = [
      location('continue', 'user', homePath(env, '.continue', 'config.yaml'), 'yaml'),
      location('continue', 'user', homePath(env, '.continue', 'mcpServers'), 'yaml', [['mcpServers']], { dirPattern: BLOCKS }),
    ];
    if (env.project) {
      out.push(location('continue', 'project', join(env, env.project, '.continue', 'mcpServers'), 'yaml', [['mcpServers']], { dirPattern: BLOCKS }));
    }
    return out;
  },
  servers: listServers,
};
