// VS Code (stable, Insiders, VSCodium, remote server): user `mcp.json` (`servers` map, `inputs`) and each
// profile's `profiles/<id>/mcp.json`, the legacy
// `settings.json` `mcp.servers`, workspace `.vscode/mcp.json`. Resolves `${env:NAME}` and `${input:id}`.
import { electronUserData, join } from './paths.js';
import { location, mapServers } from './shape.js';
import type { ConfigLocation, HostAdapter } from './types.js';
import { vscodeUserDirs } from './vscode-family.js';

export const vscode: HostAdapter = {
  id: 'vscode',
  title: 'VS Code',
  locations: (env) => {
    const out: ConfigLocation[] = [];
    for (const { product, dir } of vscodeUserDirs(env)) {
      out.push(location('vscode', 'user', join(env, dir, 'mcp.json'), 'jsonc', [['servers']], { variant: product }));
      out.push(location('vscode', 'user', join(env, dir, 'settings.json'), 'jsonc', [['mcp', 'servers'], ['mcp.servers']], { variant: `${product} settings` }));
      out.push(location('vscode', 'user', join(env, dir, 'profiles'), 'jsonc', [['servers']], { variant: `${product} profile`, eachSubdir: 'mcp.json' }));
    }
    if (env.project) {
      out.push(location('vscode', 'workspace', join(env, env.project, '.vscode', 'mcp.json'), 'jsonc', [['servers']]));
      out.push(location('vscode', 'workspace', join(env, env.project, '.vscode', 'settings.json'), 'jsonc', [['mcp', 'servers'], ['mcp.servers']]));
    }
    return out;
  },
  servers: mapServers,
  envReference: (name) => `\${env:${name}}`,
  sideFiles: (env) => [
    { host: 'vscode', path: join(env, electronUserData(env, 'Code'), 'logs'), kind: 'dir', pattern: /mcp[^/]*\/(?:.*\/)?[^/]*\.log$|(?:^|\/)[^/]*mcp[^/]*\.log$/i, description: 'VS Code MCP server logs' },
  ],
};
