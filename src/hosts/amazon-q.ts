// Amazon Q Developer (CLI and IDE): `~/.aws/amazonq/mcp.json`, CLI agents `~/.aws/amazonq/cli-agents/*.json`,
// and workspace `.amazonq/mcp.json`; `mcpServers` map.
import { homePath, join } from './paths.js';
import { isObject, location, mapServers } from './shape.js';
import type { HostAdapter } from './types.js';

export const amazonQ: HostAdapter = {
  id: 'amazon-q',
  title: 'Amazon Q Developer',
  locations: (env) => [
    location('amazon-q', 'user', homePath(env, '.aws', 'amazonq', 'mcp.json'), 'json'),
    // Q CLI custom agents each carry their own mcpServers.
    location('amazon-q', 'user', homePath(env, '.aws', 'amazonq', 'cli-agents'), 'json', [['mcpServers']], { variant: 'agent', dirPattern: /\.json$/i }),
    ...(env.project ? [location('amazon-q', 'workspace', join(env, env.project, '.amazonq', 'mcp.json'), 'json')] : []),
  ],
  servers: mapServers,
  // Agents list tools that run without confirmation; `@server` (all of a server's tools) or `*` covers MCP tools.
  documentBypasses: (root) => {
    if (!isObject(root) || !Array.isArray(root.allowedTools)) return [];
    const wide = root.allowedTools.filter((t): t is string => typeof t === 'string' && (t === '*' || t.startsWith('@')));
    return wide.length ? [{ keyPath: ['allowedTools'], message: `allowedTools runs ${wide.join(', ')} without asking` }] : [];
  },
};
