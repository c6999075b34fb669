// The contract every MCP host adapter fulfils (one small module per host in src/hosts/). Used by audit
// (read), protect/restore (rewrite) and gateway add (write a host-side entry).

export type Platform = 'darwin' | 'linux' | 'win32';

/** Where to look: a real machine or a fixture home (`--home DIR`). */
export interface HostEnvironment {
  home: string;
  platform: Platform;
  /** Environment variables that move configs (CLAUDE_CONFIG_DIR, CODEX_HOME, APPDATA, XDG_CONFIG_HOME…). */
  env: Record<string, string | undefined>;
  /** Project folder for project-scoped files (`--project DIR`), if any. */
  project?: string;
}

export type ConfigScope = 'user' | 'project' | 'workspace' | 'managed' | 'local';
export type ConfigFormat = 'json' | 'jsonc' | 'yaml' | 'toml';

export interface ConfigLocation {
  host: string;
  scope: ConfigScope;
  path: string;
  format: ConfigFormat;
  /** Key path(s) under which server maps/lists sit in this file, e.g. [['mcpServers']], [['mcp','servers']]. */
  serverRoots: (string | number)[][];
}

export type Transport = 'stdio' | 'http' | 'sse' | 'unknown';

export interface ServerEntry {
  name: string;
  /** Key path of the server object in the document, e.g. ['mcpServers', 'github']. */
  keyPath: (string | number)[];
  transport: Transport;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  url?: string;
  headers?: Record<string, string>;
  /** The server object as parsed, for host-specific checks (autoApprove, trust…). */
  raw: Record<string, unknown>;
}

export interface HostAdapter {
  id: string;
  title: string;
  /** Candidate config files for this host on this machine (they may not exist). */
  locations(env: HostEnvironment): ConfigLocation[];
  /** Servers found in a parsed config. */
  servers(root: unknown, location: ConfigLocation): ServerEntry[];
  /**
   * How the host writes a reference to an environment variable inside server `env`/`headers` values, when it
   * resolves one natively (e.g. `${env:NAME}` in VS Code, `{env:NAME}` in OpenCode); undefined when it doesn't.
   */
  envReference?(name: string): string;
}
