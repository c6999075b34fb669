// OpenAI Codex CLI: `$CODEX_HOME/config.toml` (default `~/.codex/config.toml`) and project
// `.codex/config.toml`; `[mcp_servers.<name>]` tables with command/args/env, `env_vars` (names forwarded from
// Codex's own environment), or `url` + `bearer_token_env_var` / `http_headers` for remote servers.
import { homePath, join } from './paths.js';
import { location, mapServers, STANDARD_FIELDS } from './shape.js';
import type { HostAdapter, HostEnvironment } from './types.js';

function codexHome(env: HostEnvironment): string {
  return env.env.CODEX_HOME || homePath(env, '.codex');
}

export const codex: HostAdapter = {
  id: 'codex',
  title: 'Codex CLI',
  locations: (env) => [
    location('codex', 'user', join(env, codexHome(env), 'config.toml'), 'toml', [['mcp_servers']]),
    ...(env.project ? [location('codex', 'project', join(env, env.project, '.codex', 'config.toml'), 'toml', [['mcp_servers']])] : []),
  ],
  servers: (root, loc) => mapServers(root, loc, { ...STANDARD_FIELDS, headers: ['http_headers', 'headers'] }),
};
