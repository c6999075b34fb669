// Side files that belong to no single host: mcp-remote (the stdio↔HTTP bridge most hosts use for remote
// servers) caches OAuth tokens and client secrets in `~/.mcp-auth` (`MCP_REMOTE_CONFIG_DIR` moves it).
import { homePath } from './paths.js';
import type { HostEnvironment, SideFileLocation } from './types.js';

export function sharedSideFiles(env: HostEnvironment): SideFileLocation[] {
  return [
    {
      host: 'mcp-remote',
      path: env.env.MCP_REMOTE_CONFIG_DIR || homePath(env, '.mcp-auth'),
      kind: 'dir',
      pattern: /\.json$/i,
      description: 'mcp-remote OAuth token cache',
    },
  ];
}
